import "server-only";
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { DraftFacts } from "./draft";
import { datasetRowOf } from "../dossier/get-model-dossier-data";

// What the drafts of draft.ts may draw on, in one query. Read under the same permission as the
// documentation page (every signed-in role may read a model's documentation).
const DRAFT_INCLUDE = {
  businessUnit: { select: { name: true } },
  businessOwner: { select: { name: true } },
  technicalOwner: { select: { name: true } },
  versions: {
    orderBy: [{ createdAt: "desc" }, { version: "desc" }],
    include: {
      datasets: { include: { dataset: { include: { owner: { select: { name: true } } } } } },
      biasAssessments: { where: { withdrawnAt: null }, orderBy: [{ assessedAt: "desc" }, { createdAt: "desc" }], include: { metrics: { orderBy: [{ metric: "asc" }, { group: "asc" }] } } },
    },
  },
  monitoringConfig: true,
} as const satisfies Prisma.ModelInclude;

type DraftRow = Prisma.ModelGetPayload<{ include: typeof DRAFT_INCLUDE }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function numbers(json: unknown): Record<string, number> | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const entries = Object.entries(json as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]));
  return entries.length ? Object.fromEntries(entries) : null;
}

function toDraftFacts(row: DraftRow, history: DraftFacts["monitoring"]["history"]): DraftFacts {
  const active = row.versions.find((v) => v.active);
  return {
    model: {
      key: row.key,
      name: row.name,
      description: row.description,
      intendedPurpose: row.intendedPurpose,
      foreseeableMisuse: row.foreseeableMisuse,
      businessUnit: row.businessUnit?.name ?? null,
      actorRole: row.actorRole,
      lifecycle: row.lifecycle,
      environments: row.environments,
      businessOwner: row.businessOwner?.name ?? null,
      technicalOwner: row.technicalOwner?.name ?? null,
    },
    classification: {
      riskClass: row.riskClass,
      legalBasis: row.legalBasis,
      rationale: row.riskRationale,
      confirmed: row.classificationStatus === "CONFIRMED",
      transparencyDuties: row.transparencyDuties,
    },
    versions: row.versions.map((v) => ({
      version: v.version,
      active: v.active,
      stage: v.stage,
      deployedAt: iso(v.deployedAt),
      createdAt: v.createdAt.toISOString(),
      trainingPipelineVersion: v.trainingPipelineVersion,
      servingPipelineVersion: v.servingPipelineVersion,
      metrics: numbers(v.metrics),
      rollbackTargetVersion: v.rollbackTargetVersion,
      rollbackProcedure: v.rollbackProcedure,
      lastRollbackDrillAt: iso(v.lastRollbackDrillAt),
      lastRollbackDrillMinutes: v.lastRollbackDrillMinutes,
    })),
    datasets: (active?.datasets ?? []).map(datasetRowOf),
    biasAssessments: (active?.biasAssessments ?? []).map((b) => ({
      assessedAt: b.assessedAt.toISOString(),
      status: b.status,
      methodology: b.methodology,
      protectedAttributes: b.protectedAttributes,
      findings: b.findings,
      mitigations: b.mitigations,
      metrics: b.metrics.map((m) => ({ metric: m.metric, group: m.group, value: m.value, threshold: m.threshold, passed: m.passed })),
    })),
    monitoring: {
      config: row.monitoringConfig
        ? {
            enabled: row.monitoringConfig.enabled,
            cadenceDays: row.monitoringConfig.cadenceDays,
            warningThreshold: row.monitoringConfig.warningThreshold,
            criticalThreshold: row.monitoringConfig.criticalThreshold,
            features: row.monitoringConfig.features,
            metrics: row.monitoringConfig.metrics,
          }
        : null,
      history,
    },
  };
}

/** The facts the documentation drafts are written from, or null when there is no such model. */
export async function getDraftFacts(modelId: string): Promise<DraftFacts | null> {
  const [row, counts, span, latest] = await Promise.all([
    prisma.model.findUnique({ where: { id: modelId }, include: DRAFT_INCLUDE }),
    prisma.monitoringCheck.groupBy({ by: ["status"], where: { modelId }, _count: { _all: true } }),
    prisma.monitoringCheck.aggregate({ where: { modelId }, _min: { observedAt: true }, _max: { observedAt: true } }),
    prisma.monitoringCheck.findFirst({ where: { modelId }, orderBy: [{ observedAt: "desc" }, { createdAt: "desc" }], select: { status: true } }),
  ]);
  if (!row) return null;
  const count = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const history = {
    checks: counts.reduce((n, c) => n + c._count._all, 0),
    healthy: count("HEALTHY"),
    warning: count("WARNING"),
    critical: count("CRITICAL"),
    first: iso(span._min.observedAt),
    last: iso(span._max.observedAt),
    lastStatus: latest?.status ?? null,
  };
  return toDraftFacts(row, history);
}
