// Wire schemas of a monitoring push and its result (POST /api/v1/models/{key}/monitoring-checks):
// pure zod, shared by the API route, the ingestion (lib/monitoring-checks) and the OpenAPI document.
import { z } from "zod";
import { MonitoringStatus } from "../generated/prisma/enums";
import { dateInput, safeString } from "../validation";
import { modelKeySchema } from "../models/schemas";

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
  metric: safeString().trim().min(1).max(100).describe("psi | ks (statistic) | ks_pvalue | wasserstein, or any performance metric name (e.g. auc), stored as given"),
  value: z.number(),
});

const pushCommon = {
  version: safeString().trim().min(1).max(64).optional().describe("the model version observed (must be registered)"),
  observedAt: dateInput("Enter a valid ISO date.").optional().describe("default: now"),
};

const pushFields = {
  ...pushCommon,
  features: z.array(rawFeatureSchema).max(200, "At most 200 features per check.").optional(),
  metrics: z.array(metricValueSchema).max(2000, "At most 2,000 metric values per check.").optional(),
};
const hasValues = (p: { features?: unknown[]; metrics?: unknown[] }) => (p.features?.length ?? 0) + (p.metrics?.length ?? 0) > 0;
const NO_VALUES = { message: "Send `features` (raw samples) or `metrics` (values).", path: ["features"] };

/**
 * POST /api/v1/models/{key}/monitoring-checks: either raw samples per feature (the server computes PSI,
 * KS and Wasserstein-1) or metric values computed by the pipeline — or both in one check.
 */
export const monitoringPushSchema = z.object(pushFields).refine(hasValues, NO_VALUES).meta({ id: "MonitoringPush" });
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

/** The most checks one batch push may carry, and the most values (metric values + features) in all. */
export const MAX_CHECKS_PER_BATCH = 500;
export const MAX_VALUES_PER_BATCH = 50_000;

/**
 * POST /api/v1/monitoring-checks: a batch of checks for any models the caller may push to, stored all
 * or nothing in one transaction (a pipeline that monitors many models sends one request, not hundreds).
 */
export const monitoringBatchSchema = z
  .object({
    checks: z
      .array(
        z
          .object({ model: modelKeySchema.describe("the model's key"), ...pushFields })
          .refine(hasValues, NO_VALUES)
          .meta({ id: "MonitoringBatchCheck" }),
      )
      .min(1, "Send at least one check.")
      .max(MAX_CHECKS_PER_BATCH, `At most ${MAX_CHECKS_PER_BATCH} checks per batch.`),
  })
  .refine((b) => b.checks.reduce((n, c) => n + (c.features?.length ?? 0) + (c.metrics?.length ?? 0), 0) <= MAX_VALUES_PER_BATCH, {
    message: `At most ${MAX_VALUES_PER_BATCH.toLocaleString("en")} metric values and features in one batch; split it.`,
    path: ["checks"],
  })
  .meta({ id: "MonitoringBatch" });
export type MonitoringBatch = z.output<typeof monitoringBatchSchema>;

export const monitoringBatchResultSchema = z.object({ checks: z.array(monitoringResultSchema).describe("one result per check, in the order sent") }).meta({ id: "MonitoringBatchResult" });
