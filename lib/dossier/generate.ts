// Generate a document end to end: content DTO (get-*-data) → bytes (PDF on the worker pool, or CSV/JSON)
// → stored DossierRecord. The API routes, the portal's progress stream and the bench all call this.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "../db";
import { modelKeySchema } from "../models/schemas";
import { getInventoryReportData, inventoryFiltersSchema, normalizeFilters } from "./get-inventory-report-data";
import { getModelDossierData, type DossierReader } from "./get-model-dossier-data";
import { inventoryCsv } from "./inventory-csv";
import { pdfPool } from "./pool";
import { MEDIA_TYPES, storeRecord, type DocumentFormat, type RecordMeta } from "./records";
import type { DocumentData, InventoryFilters } from "./types";

export const generateRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("MODEL_DOSSIER"), modelKey: modelKeySchema, format: z.enum(["pdf", "json"]).default("pdf") }),
  z.object({
    kind: z.literal("INVENTORY_REPORT"),
    filters: inventoryFiltersSchema.default({}),
    format: z.enum(["pdf", "csv", "json"]).default("pdf"),
  }),
]);
export type GenerateRequest = z.input<typeof generateRequestSchema>;

export type Progress = {
  phase: "queued" | "loading" | "rendering" | "storing";
  /** 0-1 over the whole job; during rendering it is an estimate from the document's size */
  fraction: number;
  message: string;
};

export type GeneratedDocument = { record: RecordMeta; body: Uint8Array; data: DocumentData };

/**
 * Rough render time, from scripts/bench/dossier.ts on the 2-core reference machine; used only to move
 * the progress bar while the worker renders (react-pdf reports no progress of its own).
 */
function estimateRenderMs(data: DocumentData): number {
  if (data.kind === "MODEL_DOSSIER") return 600;
  const items = data.models.reduce((n, m) => n + (m.undocumented ? m.missing.length : 0), 0);
  return 400 + data.models.length * 3 + items * 0.6;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);

function fileNameFor(data: DocumentData, format: DocumentFormat): string {
  const day = data.issuance.generatedAt.slice(0, 10);
  if (data.kind === "MODEL_DOSSIER") return `dossier-${data.model.key}-${day}.${format}`;
  const f = data.filters;
  const suffix = [f.businessUnit ? slug(f.businessUnit) : null, f.riskClass?.toLowerCase(), f.undocumentedOnly ? "undocumented" : null].filter(Boolean).join("-");
  return `inventory-report-${day}${suffix ? `-${suffix}` : ""}.${format}`;
}

export async function generateDocument({
  actor,
  request,
  onProgress,
  asOf = new Date(),
}: {
  actor: DossierReader;
  request: z.output<typeof generateRequestSchema>;
  onProgress?: (p: Progress) => void;
  asOf?: Date;
}): Promise<GeneratedDocument> {
  const recordId = randomUUID();
  const report = (p: Progress) => onProgress?.(p);
  report({ phase: "loading", fraction: 0.02, message: "Reading the inventory and evaluating the requirements…" });

  let data: DocumentData;
  let modelId: string | null = null;
  let filters: InventoryFilters | undefined;
  if (request.kind === "MODEL_DOSSIER") {
    data = await getModelDossierData({ actor, modelKey: request.modelKey, recordId, asOf });
    modelId = (await prisma.model.findUnique({ where: { key: request.modelKey }, select: { id: true } }))?.id ?? null;
  } else {
    filters = normalizeFilters(request.filters);
    data = await getInventoryReportData({
      actor,
      filters,
      recordId,
      asOf,
      onProgress: (f) => report({ phase: "loading", fraction: 0.02 + 0.18 * f, message: "Evaluating production models…" }),
    });
  }

  const format = request.format;
  let body: Uint8Array;
  let renderMs: number | undefined;
  if (format === "pdf") {
    const estimate = estimateRenderMs(data);
    let started = 0;
    let ticker: NodeJS.Timeout | undefined;
    try {
      const result = await pdfPool().render(data, {
        onQueued: (ahead) => report({ phase: "queued", fraction: 0.2, message: `Waiting for a PDF renderer (${ahead} document(s) ahead)…` }),
        onStarted: () => {
          started = performance.now();
          report({ phase: "rendering", fraction: 0.2, message: "Laying out the PDF…" });
          ticker = setInterval(() => {
            const share = Math.min(0.95, (performance.now() - started) / estimate);
            report({
              phase: "rendering",
              fraction: 0.2 + 0.7 * share,
              message: `Laying out the PDF (about ${Math.max(1, Math.round((estimate - (performance.now() - started)) / 1000))} s left, estimated)…`,
            });
          }, 500);
        },
      });
      body = result.pdf;
      renderMs = Math.round(result.renderMs);
    } finally {
      if (ticker) clearInterval(ticker);
    }
  } else if (format === "csv") {
    if (data.kind !== "INVENTORY_REPORT") throw new Error("CSV is only offered for the inventory report");
    body = new TextEncoder().encode(inventoryCsv(data));
  } else {
    body = new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`);
  }

  report({ phase: "storing", fraction: 0.95, message: "Storing the record…" });
  const record = await storeRecord({
    id: recordId,
    actor,
    kind: data.kind,
    modelId,
    parameters:
      data.kind === "MODEL_DOSSIER"
        ? { format, modelKey: data.model.key, contentSha256: data.issuance.contentSha256, includesAuditLog: data.auditLog.included, ...(renderMs !== undefined ? { renderMs } : {}) }
        : {
            format,
            filters: filters ?? {},
            contentSha256: data.issuance.contentSha256,
            includesAuditLog: false,
            productionModels: data.summary.productionModels,
            undocumented: data.summary.undocumented,
            ...(renderMs !== undefined ? { renderMs } : {}),
          },
    completeness: data.kind === "MODEL_DOSSIER" ? data.completeness.score : data.summary.documentedPercent,
    fileName: fileNameFor(data, format),
    mediaType: MEDIA_TYPES[format],
    content: body,
  });
  return { record, body, data };
}
