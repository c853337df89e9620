// Wire schemas of the public API v1. Request bodies reuse the domain schemas (lib/models/schemas.ts,
// lib/versions/schemas.ts) so the portal and the API validate alike; response shapes are declared here
// for the OpenAPI document. No server-only import: the docs page and tests read these too.
import { z } from "zod";
import { safeString } from "../validation";
import { ActorRole, ClassificationStatus, Lifecycle, MonitoringStatus, RiskClass } from "../generated/prisma/enums";
/** mirrors PAGE_SIZE_MAX of lib/models/queries.ts (server-only, so not imported here) */
const PAGE_SIZE_MAX = 200;

// ---------- models ----------

export { upsertModelSchema } from "../models/schemas";

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
    evaluatedAt: z.iso.datetime().nullable().describe("when the stored verdict (completeness, undocumented, monitoringStatus, openItems) was last written: on each change, and at least once a day"),
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

export {
  METRIC_NAMES_DRIFT,
  monitoringBatchSchema,
  monitoringBatchResultSchema,
  monitoringPushSchema,
  featureResultJsonSchema,
  monitoringResultSchema,
  type MonitoringPush,
  type MonitoringResultJson,
} from "../monitoring/schemas";

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
