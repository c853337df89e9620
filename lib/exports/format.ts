// The inventory export format ("dossier-inventory", version 1): one JSON document with everything a
// model's compliance rests on. The same zod schema validates it on import, so what we write is what we
// accept. Ids and bookkeeping timestamps are left out on purpose (README "Imports and exports"): people
// are referenced by email, datasets by (key, version), versions by their version string.
import { z } from "zod";
import { FRIA_TEXT_MAX } from "../fria/schemas";
import { safeString } from "../validation";
import { ActorRole, AssessmentStatus, CheckStatus, ClassificationStatus, DatasetPurpose, IncidentDeadlineRule, IncidentSeverity, Lifecycle, RiskClass, SectionStatus } from "../generated/prisma/enums";

export const INVENTORY_FORMAT = "dossier-inventory";
export const INVENTORY_FORMAT_VERSION = 1;

const date = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time." });
const text = z.string().nullable();
const email = z.string().nullable();

export const datasetDocSchema = z.object({
  key: z.string().min(1).max(120),
  version: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  description: text,
  source: text,
  provenance: text,
  collectionPeriod: text,
  collectionMethod: text,
  preprocessing: text,
  size: text,
  licence: text,
  personalData: z.boolean(),
  specialCategoryData: z.boolean(),
  knownBiases: text,
  biasMitigations: text,
  ownerEmail: email,
});

const biasMetricDoc = z.object({ metric: z.string().min(1), group: z.string(), value: z.number(), threshold: z.number(), passed: z.boolean() });
const biasAssessmentDoc = z.object({
  assessedAt: date,
  assessorEmail: email,
  methodology: z.string().min(1),
  protectedAttributes: z.array(z.string()),
  findings: text,
  mitigations: text,
  status: z.enum(AssessmentStatus),
  metrics: z.array(biasMetricDoc),
  /** when Dossier recorded it: tells apart assessments of one day and methodology (optional: older files lack it) */
  recordedAt: date.optional(),
  /** a withdrawn assessment stays in the history and is ignored by the engine */
  withdrawnAt: date.nullable().optional(),
  withdrawalReason: text.optional(),
});

const versionDoc = z.object({
  version: z.string().min(1).max(100),
  registryUri: text,
  stage: text,
  active: z.boolean(),
  deployedAt: date.nullable(),
  trainingPipelineVersion: text,
  servingPipelineVersion: text,
  metrics: z.json().nullable(),
  rollbackTargetVersion: text,
  rollbackProcedure: text,
  lastRollbackDrillAt: date.nullable(),
  lastRollbackDrillMinutes: z.number().nullable(),
  datasets: z.array(z.object({ key: z.string(), version: z.string(), purpose: z.enum(DatasetPurpose) })),
  biasAssessments: z.array(biasAssessmentDoc),
  /** a withdrawn version stays in the history, never serves, and is ignored by the engine (optional: older files lack it) */
  withdrawnAt: date.nullable().optional(),
  withdrawalReason: text.optional(),
});

const featureResultDoc = z.object({
  feature: z.string(),
  featureType: z.string(),
  psi: z.number().nullable(),
  ksStatistic: z.number().nullable(),
  ksPValue: z.number().nullable(),
  wasserstein: z.number().nullable(),
  metricName: text,
  metricValue: z.number().nullable(),
  status: z.enum(CheckStatus),
});

const monitoringDoc = z.object({
  config: z
    .object({
      enabled: z.boolean(),
      features: z.array(z.string()),
      metrics: z.array(z.string()),
      warningThreshold: z.number(),
      criticalThreshold: z.number(),
      cadenceDays: z.number().int(),
    })
    .nullable(),
  checks: z.array(z.object({ observedAt: date, version: text, status: z.enum(CheckStatus), features: z.array(featureResultDoc) })),
});

const evidenceDoc = z.object({
  fileName: z.string().min(1),
  size: z.number().int().nonnegative(),
  mediaType: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentBase64: z.string(),
  uploadedByEmail: email,
  uploadedAt: date,
});

const sectionDoc = z.object({
  sectionKey: z.string().min(1),
  content: z.string(),
  status: z.enum(SectionStatus),
  updatedAt: date,
  updatedByEmail: email,
  evidence: z.array(evidenceDoc),
});

const incidentDoc = z.object({
  title: z.string().min(1),
  occurredAt: date,
  awareAt: date,
  severity: z.enum(IncidentSeverity),
  deadlineRule: z.enum(IncidentDeadlineRule),
  description: z.string(),
  affectedPersons: text,
  correctiveActions: text,
  authorityNotifiedAt: date.nullable(),
  closedAt: date.nullable(),
  createdByEmail: email,
  /** a withdrawn incident stays in the history; clocks and counts ignore it (optional: older files lack it) */
  withdrawnAt: date.nullable().optional(),
  withdrawalReason: text.optional(),
});

const friaText = safeString().max(FRIA_TEXT_MAX).nullable();

/** The Art. 27 fundamental rights impact assessment: its six elements, the notification and the last review. */
export const friaDocSchema = z.object({
  processes: friaText,
  periodAndFrequency: friaText,
  affectedPersons: friaText,
  specificRisks: friaText,
  humanOversight: friaText,
  mitigationMeasures: friaText,
  /** Art. 27(3): notified to the market surveillance authority (date and reference) */
  notifiedAt: date.nullable(),
  notificationReference: safeString().max(200).nullable(),
  /** Art. 27(2): the last review (every save is one) */
  reviewedAt: date,
  reviewNote: safeString().max(2_000).nullable(),
});

export const modelDocSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: text,
  intendedPurpose: text,
  foreseeableMisuse: text,
  businessUnit: text,
  actorRole: z.enum(ActorRole),
  publicAuthority: z.boolean(),
  lifecycle: z.enum(Lifecycle),
  environments: z.array(z.string()),
  businessOwnerEmail: email,
  technicalOwnerEmail: email,
  nextReviewAt: date.nullable(),
  euDatabaseId: text,
  /** Annex VIII registration data (Art. 49); absent in exports made before it existed */
  euRegistration: z.record(z.string().max(100), z.string().max(5_000)).nullable().optional(),
  /** the Art. 27 FRIA; absent in exports made before it existed, null when the model has none */
  fria: friaDocSchema.nullable().optional(),
  classification: z.object({
    riskClass: z.enum(RiskClass),
    status: z.enum(ClassificationStatus),
    legalBasis: z.array(z.string()),
    rationale: text,
    transparencyDuties: z.array(z.string()),
    answers: z.json().nullable(),
    classifiedAt: date.nullable(),
    classifiedByEmail: email,
    gpai: z.boolean(),
    gpaiSystemicRisk: z.boolean(),
    /** the rule-set version the classification was made under; absent (= before versioning) in older exports */
    ruleSet: z.string().max(100).nullable().optional(),
  }),
  versions: z.array(versionDoc),
  monitoring: monitoringDoc,
  sections: z.array(sectionDoc),
  incidents: z.array(incidentDoc),
});

export const inventoryDocSchema = z.object({
  format: z.literal(INVENTORY_FORMAT),
  formatVersion: z.literal(INVENTORY_FORMAT_VERSION),
  exportedAt: date,
  businessUnits: z.array(z.string()),
  /** everyone the document refers to by email; an import never creates users */
  people: z.array(z.object({ email: z.string(), name: z.string(), role: z.string() })),
  datasets: z.array(datasetDocSchema),
  models: z.array(modelDocSchema),
});

export type InventoryDoc = z.infer<typeof inventoryDocSchema>;
export type ModelDoc = z.infer<typeof modelDocSchema>;
export type DatasetDoc = z.infer<typeof datasetDocSchema>;
export type VersionDoc = ModelDoc["versions"][number];
