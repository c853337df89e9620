// Wire schemas of the public API v1. Request bodies reuse the domain schemas (lib/models/schemas.ts,
// lib/versions/schemas.ts) so the portal and the API validate alike; response shapes are declared here
// for the OpenAPI document. No server-only import: the docs page and tests read these too.
import { z } from "zod";
import { dateInput, safeString } from "../validation";
import { ActorRole, ClassificationStatus, Lifecycle, MonitoringStatus, RiskClass } from "../generated/prisma/enums";
import { modelFieldsSchema } from "../models/schemas";
/** mirrors PAGE_SIZE_MAX of lib/models/queries.ts (server-only, so not imported here) */
const PAGE_SIZE_MAX = 200;

// ---------- models ----------

/**
 * PUT /api/v1/models/{key}: `name` and `lifecycle` are required, every other field optional. An omitted
 * field is left as it is, `null` clears it. `revision`, when sent, must be the current one (409 otherwise);
 * without it the write applies to whatever is current (what a pipeline usually wants).
 */
export const upsertModelSchema = modelFieldsSchema.extend({
  revision: z.number().int().positive().optional(),
  key: safeString().optional().describe("ignored when equal to the path key; a different key is refused"),
});

const requirementJson = z.object({
  id: safeString(),
  title: safeString(),
  article: safeString(),
  mandatory: z.boolean(),
  status: z.enum(["complete", "missing", "stale"]),
  reason: safeString(),
  fix: safeString(),
});

export const modelJsonSchema = z
  .object({
    key: safeString(),
    name: safeString(),
    description: safeString().nullable(),
    intendedPurpose: safeString().nullable(),
    foreseeableMisuse: safeString().nullable(),
    businessUnit: safeString().nullable(),
    actorRole: z.enum(ActorRole),
    publicAuthority: z.boolean(),
    lifecycle: z.enum(Lifecycle),
    environments: z.array(safeString()),
    riskClass: z.enum(RiskClass),
    legalBasis: z.array(safeString()),
    transparencyDuties: z.array(safeString()),
    classificationStatus: z.enum(ClassificationStatus),
    gpai: z.boolean(),
    gpaiSystemicRisk: z.boolean(),
    businessOwnerEmail: safeString().nullable(),
    technicalOwnerEmail: safeString().nullable(),
    nextReviewAt: z.iso.datetime().nullable(),
    euDatabaseId: safeString().nullable(),
    activeVersion: safeString().nullable(),
    completeness: z.number().min(0).max(100).nullable().describe("weighted completeness score 0-100 (compliance engine)"),
    undocumented: z.boolean().describe("in production and a mandatory item missing or stale, unclassified, or without an accountable owner"),
    monitoringStatus: z.enum(MonitoringStatus),
    openItems: z.array(safeString()).describe("ids of the requirement items that are missing or stale"),
    revision: z.number().int(),
    evaluatedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    requirements: z.array(requirementJson).optional().describe("single-model GET only: every requirement item with its status"),
  })
  .meta({ id: "Model" });

export const modelListSchema = z
  .object({
    items: z.array(modelJsonSchema),
    total: z.number().int().describe("models matching the filters"),
    nextCursor: safeString().nullable().describe("pass as `cursor` for the next page; null on the last page"),
  })
  .meta({ id: "ModelList" });

/** Query string of GET /api/v1/models (documentation; parsing uses the inventory's own schema). */
export const modelListQueryDoc = z.object({
  q: safeString().optional().describe("text in name, key or intended purpose"),
  riskClass: z.enum(RiskClass).optional(),
  lifecycle: z.enum(Lifecycle).optional(),
  businessUnit: safeString().optional().describe("business unit name"),
  owner: safeString().optional().describe("business or technical owner email"),
  documented: z.enum(["yes", "no"]).optional().describe("no = the undocumented models (by the engine's rule)"),
  monitoringStatus: z.enum(MonitoringStatus).optional(),
  reviewOverdue: z.enum(["1"]).optional().describe("1 = the next review date has passed"),
  sort: z.enum(["name", "score", "updated"]).optional().describe("default name; score = worst completeness first"),
  cursor: safeString().optional(),
  limit: z.number().int().min(1).max(PAGE_SIZE_MAX).optional(),
});

// ---------- versions ----------

export const versionJsonSchema = z
  .object({
    version: safeString(),
    registryUri: safeString().nullable(),
    stage: safeString().nullable(),
    active: z.boolean(),
    deployedAt: z.iso.datetime().nullable(),
    trainingPipelineVersion: safeString().nullable(),
    servingPipelineVersion: safeString().nullable(),
    metrics: z.record(safeString(), z.number()).nullable(),
    rollbackTargetVersion: safeString().nullable(),
    rollbackProcedure: safeString().nullable(),
    lastRollbackDrillAt: z.iso.datetime().nullable(),
    lastRollbackDrillMinutes: z.number().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "ModelVersion" });

export const versionResultSchema = z
  .object({
    version: versionJsonSchema,
    model: z.object({ key: safeString(), undocumented: z.boolean(), completeness: z.number().nullable(), monitoringStatus: z.enum(MonitoringStatus), openItems: z.array(safeString()) }),
  })
  .meta({ id: "VersionResult" });

// ---------- monitoring ----------

export const METRIC_NAMES_DRIFT = ["psi", "ks", "ks_statistic", "ks_pvalue", "wasserstein"] as const;

const rawFeatureSchema = z.discriminatedUnion("type", [
  z.object({
    name: safeString().trim().min(1).max(200),
    type: z.literal("numeric"),
    reference: z.array(z.number()).min(1, "The reference sample is empty."),
    current: z.array(z.number()).min(1, "The current sample is empty."),
  }),
  z.object({
    name: safeString().trim().min(1).max(200),
    type: z.literal("categorical"),
    reference: z.array(z.union([safeString(), z.number()])).min(1, "The reference sample is empty."),
    current: z.array(z.union([safeString(), z.number()])).min(1, "The current sample is empty."),
  }),
]);

const metricValueSchema = z.object({
  feature: safeString().trim().min(1).max(200).describe("the feature (or e.g. `model` for a performance metric)"),
  metric: safeString()
    .trim()
    .min(1)
    .max(100)
    .describe("psi | ks (statistic) | ks_pvalue | wasserstein, or any performance metric name (e.g. auc), stored as given"),
  value: z.number(),
});

const pushCommon = {
  version: safeString().trim().min(1).max(64).optional().describe("the model version observed (must be registered)"),
  observedAt: dateInput("Enter a valid ISO date.").optional().describe("default: now"),
};

/**
 * POST /api/v1/models/{key}/monitoring-checks: either raw samples per feature (the server computes PSI,
 * KS and Wasserstein-1) or metric values computed by the pipeline — or both in one check.
 */
export const monitoringPushSchema = z
  .object({
    ...pushCommon,
    features: z.array(rawFeatureSchema).max(200, "At most 200 features per check.").optional(),
    metrics: z.array(metricValueSchema).max(2000, "At most 2,000 metric values per check.").optional(),
  })
  .refine((p) => (p.features?.length ?? 0) + (p.metrics?.length ?? 0) > 0, { message: "Send `features` (raw samples) or `metrics` (values).", path: ["features"] })
  .meta({ id: "MonitoringPush" });
export type MonitoringPush = z.output<typeof monitoringPushSchema>;

const checkStatus = z.enum(["HEALTHY", "WARNING", "CRITICAL"]);

export const featureResultJsonSchema = z.object({
  name: safeString(),
  type: z.enum(["numeric", "categorical", "metric"]).optional(),
  psi: z.number().optional(),
  ks: z.object({ statistic: z.number(), pValue: z.number().optional() }).optional(),
  wasserstein: z.number().optional(),
  metrics: z.record(safeString(), z.number()).optional().describe("performance metrics pushed as values"),
  status: checkStatus,
});

export const monitoringResultSchema = z
  .object({
    id: safeString(),
    model: safeString(),
    version: safeString().nullable(),
    observedAt: z.iso.datetime(),
    status: checkStatus,
    thresholds: z.object({ warning: z.number(), critical: z.number() }),
    features: z.array(featureResultJsonSchema),
    monitoringStatus: z.enum(MonitoringStatus).describe("the model's derived monitoring status after this check"),
  })
  .meta({ id: "MonitoringResult" });
export type MonitoringResultJson = z.output<typeof monitoringResultSchema>;

// ---------- problems ----------

export const problemSchema = z
  .object({
    type: safeString(),
    title: safeString(),
    status: z.number().int(),
    detail: safeString(),
    instance: safeString().optional(),
    errors: z.record(safeString(), z.array(safeString())).optional().describe("field path → messages (422)"),
  })
  .meta({ id: "Problem" });
