// What every import format is turned into before planning, and what the planner reports.
import type { Lifecycle } from "../generated/prisma/enums";

/** Version fields an import may set; `undefined` = leave alone. */
export type VersionRowInput = {
  version: string;
  registryUri?: string | null;
  stage?: string | null;
  active?: boolean;
  trainingPipelineVersion?: string | null;
  servingPipelineVersion?: string | null;
};

/**
 * One model to create or update from a registry-style source (CSV, MLflow). `fields` uses the names of
 * lib/models/schemas.ts (modelFieldsSchema); a field that is absent is left as it is.
 */
export type RegistryRow = {
  /** where the row came from, for the report: "line 3", "mlflow model \"Fraud\"" */
  ref: string;
  key: string;
  fields: Record<string, unknown>;
  versions: VersionRowInput[];
  /** problems found while parsing; a row with problems is rejected */
  problems: string[];
};

export type ImportFormat = "csv" | "mlflow" | "inventory";
export type RowOutcome = "created" | "updated" | "unchanged" | "rejected";

export type RowReport = {
  ref: string;
  /** "model" rows for models, "dataset" rows for the inventory's dataset catalogue */
  entity: "model" | "dataset";
  key: string;
  outcome: RowOutcome;
  /** fields that will change / changed (created rows list what was set) */
  changes: string[];
  /** why a row was rejected */
  reasons: string[];
};

export type ImportReport = {
  format: ImportFormat;
  dryRun: boolean;
  summary: Record<RowOutcome, number>;
  rows: RowReport[];
  /** problems with the whole file (unknown columns…); rows are still reported */
  warnings: string[];
};

export const LIFECYCLE_VALUES: readonly Lifecycle[] = ["DEVELOPMENT", "VALIDATION", "PRODUCTION", "RETIRED"];

export function summarize(rows: RowReport[]): Record<RowOutcome, number> {
  const summary: Record<RowOutcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) summary[r.outcome]++;
  return summary;
}
