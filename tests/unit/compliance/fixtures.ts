// Builders for ModelFacts in tests: `completeFacts` returns a production model that satisfies every item of
// the catalogue for its class and role (every documentation section COMPLETE, fresh dates, clean MLOps).

import { DOCUMENTATION_SECTIONS } from "@/lib/compliance/catalogue";
import { ANNEX_VIII_SECTIONS } from "@/lib/compliance/eu-database";
import type { ActorRole, ClassificationFacts, DocumentationSectionFacts, ModelFacts, RiskClass } from "@/lib/compliance/types";

export const AS_OF = new Date("2026-09-15T12:00:00.000Z");
export const daysBefore = (days: number, from: Date = AS_OF) => new Date(from.getTime() - days * 86_400_000);

/** A legal basis that fits each class, so conditional items (registration, FRIA) have something to read. */
export const DEFAULT_BASIS: Record<RiskClass, string[]> = {
  PROHIBITED: ["ART_5_1_F"],
  HIGH: ["ANNEX_III_5B"],
  LIMITED: ["ART_50_1"],
  MINIMAL: [],
  OUT_OF_SCOPE: ["ART_3_1_NOT_AI_SYSTEM"],
  UNCLASSIFIED: [],
};

export function allSectionsComplete(updatedAt: Date = daysBefore(30)): Record<string, DocumentationSectionFacts> {
  return Object.fromEntries(DOCUMENTATION_SECTIONS.map((s) => [s.key, { status: "COMPLETE", updatedAt, evidenceCount: 1 }]));
}

export function classification(riskClass: RiskClass, overrides: Partial<ClassificationFacts> = {}): ClassificationFacts {
  return {
    riskClass,
    legalBasis: DEFAULT_BASIS[riskClass],
    rationale: riskClass === "UNCLASSIFIED" ? null : "Questionnaire answered by the owner, confirmed by compliance.",
    classifiedAt: riskClass === "UNCLASSIFIED" ? null : daysBefore(60),
    confirmed: riskClass !== "UNCLASSIFIED",
    transparencyDuties: riskClass === "LIMITED" ? ["ART_50_1"] : [],
    gpai: false,
    gpaiSystemicRisk: false,
    ...overrides,
  };
}

export function completeFacts(riskClass: RiskClass = "HIGH", actorRole: ActorRole = "PROVIDER", overrides: Partial<ModelFacts> = {}): ModelFacts {
  return {
    key: `model-${riskClass.toLowerCase()}-${actorRole.toLowerCase()}`,
    name: "Test model",
    businessUnit: "Retail Banking",
    lifecycle: "PRODUCTION",
    actorRole,
    publicAuthority: false,
    intendedPurpose: "Scores consumer credit applications for the retail lending desk.",
    businessOwner: { id: "u1", name: "Berit Business" },
    technicalOwner: { id: "u2", name: "Tariq Tech" },
    classification: classification(riskClass),
    euDatabaseId: "EU-DB-0001",
    // every Annex VIII field of every section filled, so any registration item is complete
    euRegistration: Object.fromEntries(Object.values(ANNEX_VIII_SECTIONS).flatMap((sec) => sec.fields.map((f) => [f.key, `Value for ${f.label}`]))),
    // an Art. 27 assessment with all six elements, notified, reviewed after the latest classification
    fria: { elementsMissing: [], notifiedAt: daysBefore(50), notificationReference: "MSA-2026-0001", reviewedAt: daysBefore(40) },
    documentation: allSectionsComplete(),
    activeVersion: {
      version: "7",
      trainingPipelineVersion: "fp-3.2",
      servingPipelineVersion: "fp-3.2",
      rollbackTargetVersion: "6",
      rollbackProcedure: "Promote version 6 in the registry and redeploy the serving image.",
      lastRollbackDrillAt: daysBefore(20),
      lastRollbackDrillMinutes: 6,
      datasets: [
        { purpose: "TRAINING", datasetKey: "apps-2024", datasetName: "Applications 2024", hasProvenance: true, hasBiasExamination: true },
        { purpose: "VALIDATION", datasetKey: "apps-2024-val", datasetName: "Applications 2024 (validation)", hasProvenance: true, hasBiasExamination: true },
        { purpose: "TEST", datasetKey: "apps-2025-q1", datasetName: "Applications 2025 Q1", hasProvenance: true, hasBiasExamination: true },
      ],
      biasAssessments: [{ assessedAt: daysBefore(90), status: "FINAL", allPassed: true }],
    },
    monitoring: {
      config: { enabled: true, cadenceDays: 7, warningThreshold: 0.1, criticalThreshold: 0.25, features: ["income", "age"] },
      checks: [{ observedAt: daysBefore(2), status: "HEALTHY" }],
    },
    ...overrides,
  };
}
