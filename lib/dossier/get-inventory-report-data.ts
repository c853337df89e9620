// Queries → the inventory audit report's content DTO. Verdicts are computed from the facts by the
// compliance engine at `asOf` (not read from the cached columns, which can be a day old), in chunks of
// keys so memory stays bounded at 10,000 models; scripts/bench/dossier.ts measures it.
import "server-only";
import { z } from "zod";
import { safeString } from "../validation";
import { prisma } from "../db";
import { assertCan } from "../authz/policy";
import { RiskClass } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { MONITORING_STATUSES, RISK_CLASSES, summarizeInventory } from "../compliance";
import { evaluateModels } from "../models/compliance";
import { ROLE_LABELS } from "../labels";
import { withContentHash, type DossierReader } from "./get-model-dossier-data";
import { flagsOf } from "./report-flags";
import type { CoverageRow, InventoryFilters, InventoryModelRow, InventoryReportData } from "./types";

// Small chunks, with a yield between them: evaluation and Prisma's result mapping run on the request
// thread, and a 1,000-model report must not hold it for long stretches (scripts/bench/dossier-concurrency.ts).
const EVALUATION_CHUNK = 100;
const PREFETCH_CHUNKS = 3;

const flagParam = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no", "on", ""])]).transform((v) => v === true || v === "true" || v === "1" || v === "yes" || v === "on");

/** The report's filters, from a query string or a JSON body (one schema for the UI, the API and the jobs). */
const emptyIsAbsent = (v: unknown) => (v === "" || v === null ? undefined : v);

export const inventoryFiltersSchema = z.object({
  businessUnit: z.preprocess(emptyIsAbsent, safeString().trim().min(1).max(120).optional()),
  riskClass: z.preprocess(emptyIsAbsent, z.enum(RiskClass).optional()),
  undocumentedOnly: flagParam.optional(),
});

/** The query string of GET /api/v1/reports/inventory. */
export const inventoryQuerySchema = inventoryFiltersSchema.extend({ format: z.enum(["pdf", "csv", "json"]).default("pdf") });

export function normalizeFilters(filters: z.infer<typeof inventoryFiltersSchema>): InventoryFilters {
  return {
    ...(filters.businessUnit ? { businessUnit: filters.businessUnit } : {}),
    ...(filters.riskClass ? { riskClass: filters.riskClass } : {}),
    ...(filters.undocumentedOnly ? { undocumentedOnly: true } : {}),
  };
}

export async function getInventoryReportData({
  actor,
  filters,
  recordId,
  asOf = new Date(),
  onProgress,
}: {
  actor: DossierReader;
  filters: InventoryFilters;
  recordId: string;
  asOf?: Date;
  /** fraction of production models evaluated so far, 0-1 */
  onProgress?: (fraction: number) => void;
}): Promise<InventoryReportData> {
  assertCan(actor, "inventory.read");
  const where: Prisma.ModelWhereInput = {
    lifecycle: "PRODUCTION",
    ...(filters.riskClass ? { riskClass: filters.riskClass } : {}),
    ...(filters.businessUnit ? { businessUnit: { name: filters.businessUnit } } : {}),
  };
  // keys and owners in one query: the owners' e-mails are not among the engine's facts
  const people = await prisma.model.findMany({
    where,
    select: { id: true, key: true, businessOwner: { select: { name: true, email: true } }, technicalOwner: { select: { name: true, email: true } } },
    orderBy: { key: "asc" },
  });
  // chunks by primary key: with `key IN (…)` PostgreSQL picks the search's trigram index on key
  // (Model_key_trgm_idx), about 1 s per 100 keys on 1,000 models
  const ids = people.map((m) => m.id);
  const owners = new Map(people.map((p) => [p.key, { business: p.businessOwner, technical: p.technicalOwner }]));
  // The chunks' queries overlap (up to PREFETCH_CHUNKS in flight): the time is mostly waiting for
  // PostgreSQL (a dozen queries per chunk), not evaluating. Each chunk is still evaluated on its own,
  // with a yield after it.
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += EVALUATION_CHUNK) chunks.push(ids.slice(i, i + EVALUATION_CHUNK));
  const load = (chunk: string[]) => evaluateModels({ where: { id: { in: chunk } }, asOf });
  const pending = chunks.slice(0, PREFETCH_CHUNKS).map(load);
  // a failed prefetched chunk must not be an unhandled rejection while an earlier one is awaited
  for (const p of pending) p.catch(() => undefined);
  const evaluated: Awaited<ReturnType<typeof evaluateModels>> = [];
  for (let i = 0; i < chunks.length; i++) {
    const rows = await pending[i]!;
    const next = chunks[i + PREFETCH_CHUNKS];
    if (next) {
      const p = load(next);
      p.catch(() => undefined);
      pending.push(p);
    }
    evaluated.push(...rows);
    onProgress?.(Math.min(1, (i + 1) / chunks.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
  // the engine's rows come back in key order per chunk, and chunks are in key order
  const summary = summarizeInventory(evaluated);
  const byRiskClass: CoverageRow[] = RISK_CLASSES.map((c) => ({ name: c, ...summary.byRiskClass[c] })).filter((r) => r.production > 0);
  const byBusinessUnit: CoverageRow[] = Object.entries(summary.byBusinessUnit)
    .map(([name, counts]) => ({ name, ...counts }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const models: InventoryModelRow[] = [];
  for (const { facts, result } of evaluated) {
    if (filters.undocumentedOnly && !result.undocumented) continue;
    const people = owners.get(facts.key);
    models.push({
      key: facts.key,
      name: facts.name,
      businessUnit: facts.businessUnit,
      lifecycle: facts.lifecycle,
      riskClass: facts.classification.riskClass,
      completeness: result.score,
      undocumented: result.undocumented,
      monitoringStatus: result.monitoringStatus,
      businessOwner: people?.business ?? null,
      technicalOwner: people?.technical ?? null,
      flags: flagsOf(facts, result),
      missing: result.items
        .filter((i): i is typeof i & { status: "missing" | "stale" } => i.status !== "complete")
        .map((i) => ({ id: i.id, title: i.title, article: i.article, status: i.status, mandatory: i.mandatory, reason: i.reason })),
    });
  }

  return withContentHash<InventoryReportData>({
    kind: "INVENTORY_REPORT",
    issuance: { recordId, generatedAt: asOf.toISOString(), generatedBy: { name: actor.name, email: actor.email, role: ROLE_LABELS[actor.role] }, contentSha256: "" },
    asOf: asOf.toISOString(),
    filters,
    summary: {
      productionModels: summary.productionModels,
      documented: summary.documented,
      undocumented: summary.undocumented,
      documentedPercent: summary.documentedPercent,
      meanScore: summary.meanProductionScore,
      prohibitedFindings: summary.prohibitedFindings,
      byRiskClass,
      byBusinessUnit,
      byMonitoringStatus: MONITORING_STATUSES.map((status) => ({ status, count: summary.byMonitoringStatus[status] })),
    },
    models,
  });
}
