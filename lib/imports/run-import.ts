// One entry point for every import (API route and portal page): parse → plan → (unless dry run) apply.
import "server-only";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { assertCan } from "../authz/policy";
import type { PrismaClient } from "../generated/prisma/client";
import type { ModelActor } from "../models/mutations";
import { CsvSyntaxError } from "./csv";
import { csvToRows } from "./csv-rows";
import { mlflowExportSchema, mlflowToRows } from "./mlflow";
import { applyRegistryPlan, planRegistryRows } from "./registry";
import { applyInventoryPlan, inventoryEnvelopeSchema, planInventory } from "./inventory";
import { summarize, type ImportFormat, type ImportReport } from "./types";

export const IMPORT_FORMATS: readonly ImportFormat[] = ["csv", "mlflow", "inventory"];

/** Which JSON shape is this? `{format:"dossier-inventory"}` → inventory; `{registeredModels…}` → mlflow. */
export function detectJsonFormat(body: unknown): ImportFormat | null {
  if (typeof body !== "object" || body === null) return null;
  if ("format" in body && (body as { format: unknown }).format === "dossier-inventory") return "inventory";
  if ("registeredModels" in body) return "mlflow";
  return null;
}

export type RunImportOptions = {
  actor: ModelActor;
  format: ImportFormat;
  /** CSV text, or the parsed JSON body */
  payload: unknown;
  dryRun: boolean;
  allowedKeys?: ReadonlySet<string> | null;
  db?: PrismaClient;
};

export async function runImport({ actor, format, payload, dryRun, allowedKeys = null, db = prisma }: RunImportOptions): Promise<ImportReport> {
  // executives and auditors may not import at all; owners are checked per row
  assertCan(actor, "model.create");
  if (format === "inventory") {
    const parsed = inventoryEnvelopeSchema.safeParse(payload);
    if (!parsed.success) throw new AppError("VALIDATION", "This is not a Dossier inventory export.", fieldErrorsOf(parsed.error));
    const plan = await planInventory({ actor, input: parsed.data, allowedKeys, db });
    if (!dryRun) await applyInventoryPlan({ actor, plan, db });
    const rows = [...plan.datasets.map((x) => x.report), ...plan.models.map((x) => x.report)];
    return { format, dryRun, summary: summarize(rows), rows, warnings: [] };
  }
  let parsedRows;
  if (format === "csv") {
    if (typeof payload !== "string") throw new AppError("VALIDATION", "Send the CSV file as text/csv.", { file: ["Expected CSV text."] });
    try {
      parsedRows = csvToRows(payload);
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new AppError("VALIDATION", e.message, { file: [e.message] });
      throw e;
    }
    if (parsedRows.rows.length === 0)
      throw new AppError("VALIDATION", parsedRows.warnings.at(-1) ?? "The file has no rows.", { file: [...parsedRows.warnings, "The file needs a header with a key column and at least one row."] });
  } else {
    const parsed = mlflowExportSchema.safeParse(payload);
    if (!parsed.success) throw new AppError("VALIDATION", "This is not an MLflow registry export: send { registeredModels, modelVersions }.", fieldErrorsOf(parsed.error));
    parsedRows = mlflowToRows(parsed.data);
  }
  const plan = await planRegistryRows({ actor, rows: parsedRows.rows, allowedKeys, db });
  if (!dryRun) await applyRegistryPlan({ actor, plan, db });
  const rows = plan.map((p) => p.report);
  return { format, dryRun, summary: summarize(rows), rows, warnings: parsedRows.warnings };
}
