// Maps a model row (loaded with FACTS_INCLUDE) to the compliance engine's ModelFacts DTO.
// Pure on purpose: the runtime, the demo generator (which checks its own output against the
// engine before loading it) and the tests all use this one mapping.
import type { Prisma } from "../generated/prisma/client";
import type { FriaFacts, ModelFacts } from "../compliance/types";
import { FRIA_ELEMENTS } from "../fria/schemas";

export const FACTS_INCLUDE = {
  businessUnit: { select: { name: true } },
  businessOwner: { select: { id: true, name: true } },
  technicalOwner: { select: { id: true, name: true } },
  sections: { select: { sectionKey: true, status: true, updatedAt: true, _count: { select: { evidence: true } } } },
  versions: {
    where: { active: true, withdrawnAt: null },
    take: 1,
    select: {
      version: true,
      trainingPipelineVersion: true,
      servingPipelineVersion: true,
      rollbackTargetVersion: true,
      rollbackProcedure: true,
      lastRollbackDrillAt: true,
      lastRollbackDrillMinutes: true,
      datasets: {
        select: {
          purpose: true,
          dataset: { select: { key: true, name: true, source: true, provenance: true, collectionMethod: true, knownBiases: true, biasMitigations: true } },
        },
      },
      biasAssessments: { where: { withdrawnAt: null }, select: { assessedAt: true, createdAt: true, status: true, metrics: { select: { passed: true } } } },
    },
  },
  monitoringConfig: { select: { enabled: true, cadenceDays: true, warningThreshold: true, criticalThreshold: true, features: true } },
  monitoringChecks: { orderBy: [{ observedAt: "desc" }, { createdAt: "desc" }], take: 1, select: { observedAt: true, status: true } },
  fria: true,
} as const satisfies Prisma.ModelInclude;

export type FactsRow = Prisma.ModelGetPayload<{ include: typeof FACTS_INCLUDE }>;

const filled = (v: string | null | undefined) => typeof v === "string" && v.trim().length > 0;

export function toModelFacts(row: FactsRow): ModelFacts {
  const version = row.versions[0];
  return {
    key: row.key,
    name: row.name,
    businessUnit: row.businessUnit?.name ?? null,
    lifecycle: row.lifecycle,
    actorRole: row.actorRole,
    publicAuthority: row.publicAuthority,
    intendedPurpose: row.intendedPurpose,
    businessOwner: row.businessOwner,
    technicalOwner: row.technicalOwner,
    classification: {
      riskClass: row.riskClass,
      legalBasis: row.legalBasis,
      rationale: row.riskRationale,
      classifiedAt: row.classifiedAt,
      confirmed: row.classificationStatus === "CONFIRMED",
      transparencyDuties: row.transparencyDuties,
      gpai: row.gpai,
      gpaiSystemicRisk: row.gpaiSystemicRisk,
    },
    euDatabaseId: row.euDatabaseId,
    euRegistration: (row.euRegistration ?? null) as ModelFacts["euRegistration"],
    fria: friaFacts(row.fria ?? null),
    documentation: Object.fromEntries(row.sections.map((s) => [s.sectionKey, { status: s.status, updatedAt: s.updatedAt, evidenceCount: s._count.evidence }])),
    activeVersion: version
      ? {
          version: version.version,
          trainingPipelineVersion: version.trainingPipelineVersion,
          servingPipelineVersion: version.servingPipelineVersion,
          rollbackTargetVersion: version.rollbackTargetVersion,
          rollbackProcedure: version.rollbackProcedure,
          lastRollbackDrillAt: version.lastRollbackDrillAt,
          lastRollbackDrillMinutes: version.lastRollbackDrillMinutes,
          datasets: version.datasets.map((l) => ({
            purpose: l.purpose,
            datasetKey: l.dataset.key,
            datasetName: l.dataset.name,
            hasProvenance: filled(l.dataset.source) && filled(l.dataset.provenance) && filled(l.dataset.collectionMethod),
            hasBiasExamination: filled(l.dataset.knownBiases) && filled(l.dataset.biasMitigations),
          })),
          biasAssessments: version.biasAssessments.map((b) => ({
            assessedAt: b.assessedAt,
            status: b.status,
            allPassed: b.metrics.every((m) => m.passed),
            recordedAt: b.createdAt,
          })),
        }
      : null,
    monitoring: {
      config: row.monitoringConfig,
      checks: row.monitoringChecks,
    },
  };
}

function friaFacts(fria: FactsRow["fria"] | null): FriaFacts | null {
  if (fria === null) return null;
  return {
    elementsMissing: FRIA_ELEMENTS.filter((e) => !filled(fria[e.field])).map((e) => e.letter),
    notifiedAt: fria.notifiedAt,
    notificationReference: fria.notificationReference,
    reviewedAt: fria.reviewedAt,
  };
}
