// Monitoring ingestion: a pipeline pushes either raw reference/current samples per feature (the server
// computes PSI, KS and Wasserstein-1 with the engine's functions and the model's thresholds) or metric
// values it computed itself. The check and its per-feature results are stored, audited, and the model's
// cached verdict (monitoringStatus, completeness) is refreshed in the same transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import { refreshVerdicts } from "../models/compliance";
import { MODEL_WRITE_TX, lockModelById } from "../models/lock";
import type { MonitoringPush, MonitoringResultJson } from "../monitoring/schemas";
import type { FeatureResultFields } from "../monitoring/feature-result";
import { computeDrift, driftStatus, DriftInputError, DEFAULT_PSI_CRITICAL, DEFAULT_PSI_WARNING, type DriftStatus, type DriftThresholds } from "../monitoring/drift";

export type IngestActor = Actor & { email: string };

type FeatureResult = MonitoringResultJson["features"][number];
type Row = FeatureResultFields<DriftStatus>;

const RANK: Record<DriftStatus, number> = { HEALTHY: 0, WARNING: 1, CRITICAL: 2 };
export const worstStatus = (statuses: Iterable<DriftStatus>): DriftStatus => {
  let worst: DriftStatus = "HEALTHY";
  for (const s of statuses) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
};

/** The model's thresholds, or the PSI defaults when it has no (valid) monitoring config. */
export function thresholdsOf(config: { warningThreshold: number; criticalThreshold: number } | null): DriftThresholds {
  if (config && config.warningThreshold > 0 && config.criticalThreshold > config.warningThreshold) {
    return { warning: config.warningThreshold, critical: config.criticalThreshold };
  }
  return { warning: DEFAULT_PSI_WARNING, critical: DEFAULT_PSI_CRITICAL };
}

/** Raw samples → statistics, by the engine's computeDrift; bad samples become 422 field errors. */
export function driftFromSamples(features: NonNullable<MonitoringPush["features"]>, thresholds: DriftThresholds): { results: FeatureResult[]; rows: Row[] } {
  const results: FeatureResult[] = [];
  const rows: Row[] = [];
  features.forEach((f, i) => {
    try {
      if (f.type === "numeric") {
        const d = computeDrift(f.reference, f.current, "numeric", { feature: f.name, thresholds });
        results.push({ name: f.name, type: "numeric", psi: d.psi, ks: { statistic: d.ks.statistic, pValue: d.ks.pValue }, wasserstein: d.wasserstein, status: d.status });
        rows.push({
          feature: f.name,
          featureType: "numeric",
          psi: d.psi,
          ksStatistic: d.ks.statistic,
          ksPValue: d.ks.pValue,
          wasserstein: d.wasserstein,
          metricName: null,
          metricValue: null,
          status: d.status,
        });
      } else {
        const d = computeDrift(f.reference, f.current, "categorical", { feature: f.name, thresholds });
        results.push({ name: f.name, type: "categorical", psi: d.psi, status: d.status });
        rows.push({ feature: f.name, featureType: "categorical", psi: d.psi, ksStatistic: null, ksPValue: null, wasserstein: null, metricName: null, metricValue: null, status: d.status });
      }
    } catch (e) {
      if (e instanceof DriftInputError) {
        const path = `features.${i}.${e.side}${e.index !== undefined ? `.${e.index}` : ""}`;
        throw new AppError("VALIDATION", e.message, { [path]: [e.message] });
      }
      throw e;
    }
  });
  return { results, rows };
}

const DRIFT_METRIC: Record<string, "psi" | "ks" | "ks_pvalue" | "wasserstein"> = {
  psi: "psi",
  ks: "ks",
  ks_statistic: "ks",
  ks_pvalue: "ks_pvalue",
  ks_p_value: "ks_pvalue",
  wasserstein: "wasserstein",
  wasserstein1: "wasserstein",
  wasserstein_1: "wasserstein",
};

/**
 * Metric values → one result per feature. The status of a feature follows its PSI (the product's drift
 * rule); KS and Wasserstein values are stored and shown but have no thresholds, and performance metrics
 * (auc, …) are stored as pushed with a HEALTHY status — no threshold is configured for them.
 */
export function resultsFromMetrics(metrics: NonNullable<MonitoringPush["metrics"]>, thresholds: DriftThresholds): { results: FeatureResult[]; rows: Row[] } {
  type Acc = { psi?: number; ks?: number; ksPValue?: number; wasserstein?: number; perf: Array<[string, number]> };
  const byFeature = new Map<string, Acc>();
  const errors: Record<string, string[]> = {};
  metrics.forEach((m, i) => {
    const acc = byFeature.get(m.feature) ?? { perf: [] };
    byFeature.set(m.feature, acc);
    const kind = DRIFT_METRIC[m.metric.toLowerCase()];
    if (kind === "psi" && m.value < 0) errors[`metrics.${i}.value`] = ["PSI cannot be negative."];
    if (kind === "ks" && (m.value < 0 || m.value > 1)) errors[`metrics.${i}.value`] = ["A KS statistic lies between 0 and 1."];
    if (kind === "ks_pvalue" && (m.value < 0 || m.value > 1)) errors[`metrics.${i}.value`] = ["A p-value lies between 0 and 1."];
    if (kind === "wasserstein" && m.value < 0) errors[`metrics.${i}.value`] = ["A Wasserstein distance cannot be negative."];
    if (kind === "psi") acc.psi = m.value;
    else if (kind === "ks") acc.ks = m.value;
    else if (kind === "ks_pvalue") acc.ksPValue = m.value;
    else if (kind === "wasserstein") acc.wasserstein = m.value;
    else acc.perf.push([m.metric, m.value]);
  });
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Some metric values are out of range.", errors);

  const results: FeatureResult[] = [];
  const rows: Row[] = [];
  for (const [name, acc] of byFeature) {
    const status: DriftStatus = acc.psi !== undefined ? driftStatus(acc.psi, thresholds) : "HEALTHY";
    const hasDrift = acc.psi !== undefined || acc.ks !== undefined || acc.wasserstein !== undefined || acc.ksPValue !== undefined;
    const result: FeatureResult = { name, type: "metric", status };
    if (acc.psi !== undefined) result.psi = acc.psi;
    if (acc.ks !== undefined) result.ks = acc.ksPValue !== undefined ? { statistic: acc.ks, pValue: acc.ksPValue } : { statistic: acc.ks };
    if (acc.wasserstein !== undefined) result.wasserstein = acc.wasserstein;
    if (acc.perf.length) result.metrics = Object.fromEntries(acc.perf);
    results.push(result);
    const base = { feature: name, featureType: "metric", ksStatistic: acc.ks ?? null, ksPValue: acc.ksPValue ?? null, wasserstein: acc.wasserstein ?? null };
    if (hasDrift || acc.perf.length === 0) rows.push({ ...base, psi: acc.psi ?? null, metricName: null, metricValue: null, status });
    // one row per performance metric (the table has one metric column pair)
    for (const [metricName, metricValue] of acc.perf) {
      rows.push({ feature: name, featureType: "metric", psi: null, ksStatistic: null, ksPValue: null, wasserstein: null, metricName, metricValue, status: "HEALTHY" });
    }
  }
  return { results, rows };
}

/** Store one monitoring check for a model and return the computed statuses. */
export async function ingestMonitoringCheck({ actor, modelKey, push, now = new Date() }: { actor: IngestActor; modelKey: string; push: MonitoringPush; now?: Date }): Promise<MonitoringResultJson> {
  // the model and its thresholds in one query (the ORM's include takes two)
  const [found] = await prisma.$queryRaw<
    Array<{ id: string; key: string; businessOwnerId: string | null; technicalOwnerId: string | null; configId: string | null; warningThreshold: number | null; criticalThreshold: number | null }>
  >`
    SELECT m."id"::text AS id, m."key", m."businessOwnerId"::text AS "businessOwnerId", m."technicalOwnerId"::text AS "technicalOwnerId",
           c."id"::text AS "configId", c."warningThreshold", c."criticalThreshold"
    FROM "Model" m LEFT JOIN "MonitoringConfig" c ON c."modelId" = m."id" WHERE m."key" = ${modelKey}`;
  const model = found && {
    ...found,
    monitoringConfig: found.configId === null ? null : { warningThreshold: found.warningThreshold!, criticalThreshold: found.criticalThreshold! },
  };
  if (!model) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
  assertCan(actor, "model.edit", { kind: "model", model });
  const observedAt = push.observedAt ?? now;
  if (observedAt.getTime() > now.getTime() + 5 * 60_000) throw new AppError("VALIDATION", "observedAt is in the future.", { observedAt: ["Cannot be in the future."] });

  let versionId: string | null = null;
  if (push.version !== undefined) {
    const version = await prisma.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: push.version } }, select: { id: true } });
    if (!version)
      throw new AppError("VALIDATION", `Model "${modelKey}" has no version "${push.version}"; register it first (POST /api/v1/models/${modelKey}/versions).`, { version: ["Unknown version."] });
    versionId = version.id;
  }

  const thresholds = thresholdsOf(model.monitoringConfig);
  // the statistics are computed before the transaction opens: a 2 × 1M-sample push holds no locks while sorting
  const fromSamples = push.features?.length ? driftFromSamples(push.features, thresholds) : { results: [], rows: [] };
  const fromMetrics = push.metrics?.length ? resultsFromMetrics(push.metrics, thresholds) : { results: [], rows: [] };
  const results = [...fromSamples.results, ...fromMetrics.results];
  const rows = [...fromSamples.rows, ...fromMetrics.rows];
  const status = worstStatus(results.map((r) => r.status));

  const { checkId, monitoringStatus } = await prisma.$transaction(async (tx) => {
    // the model's row lock first (lib/models/lock.ts): pushes and edits of one model serialise in one
    // order, so the response's monitoringStatus is the one the model keeps
    if (!(await lockModelById(tx, model.id))) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
    // a re-push of the same model, version and observedAt (a re-run of a day's batch) replaces the
    // check it repeats: the later-received one decides, and the audit event records what it replaced.
    // A push without observedAt is a new observation ("now"), never a repeat.
    const replaced = push.observedAt ? await tx.monitoringCheck.findMany({ where: { modelId: model.id, versionId, observedAt }, select: { id: true, status: true } }) : [];
    if (replaced.length) await tx.monitoringCheck.deleteMany({ where: { id: { in: replaced.map((c) => c.id) } } });
    if (!model.monitoringConfig) {
      // a model whose pipeline pushes checks is monitored: record the config the push implies (the
      // pushed features, default thresholds and cadence) so the check counts, and say so in the audit log
      // INSERT … ON CONFLICT DO NOTHING: concurrent first pushes must not fail (a Prisma upsert is
      // read-then-write and raises a unique violation under that race)
      const features = [...new Set(results.map((r) => r.name))];
      const inserted = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "MonitoringConfig" ("id", "modelId", "enabled", "features", "metrics", "warningThreshold", "criticalThreshold", "cadenceDays", "updatedAt")
        VALUES (gen_random_uuid(), ${model.id}::uuid, true, ${features}::text[], ARRAY[]::text[], ${thresholds.warning}, ${thresholds.critical}, 7, now())
        ON CONFLICT ("modelId") DO NOTHING
        RETURNING "id"`;
      const configId = inserted[0]?.id;
      if (configId) {
        await recordAudit(tx, {
          actor: { id: actor.id, label: actor.email },
          action: "monitoring.config.create",
          entityType: "MonitoringConfig",
          entityId: configId,
          modelId: model.id,
          after: { features, warningThreshold: thresholds.warning, criticalThreshold: thresholds.critical, cadenceDays: 7 },
        });
      }
    }
    // the check and its per-feature results in one statement. Raw SQL for the results: the numbers
    // travel as their shortest round-trip text and land in float8 exactly (Prisma's Float serialiser
    // keeps 16 significant digits: 0.30000000000000004 became 0.3 and 1.7976931348623157e308 overflowed into a 500)
    const check = { id: randomUUID() };
    await tx.$executeRaw`
      WITH c AS (
        INSERT INTO "MonitoringCheck" ("id", "modelId", "versionId", "observedAt", "status", "createdAt")
        VALUES (${check.id}::uuid, ${model.id}::uuid, ${versionId}::uuid, ${observedAt}, ${status}::"CheckStatus", ${new Date()})
        RETURNING "id")
      INSERT INTO "MonitoringFeatureResult" ("id", "checkId", "feature", "featureType", "psi", "ksStatistic", "ksPValue", "wasserstein", "metricName", "metricValue", "status")
      SELECT gen_random_uuid(), c."id", r."feature", r."featureType", r."psi", r."ksStatistic", r."ksPValue", r."wasserstein", r."metricName", r."metricValue", r."status"::"CheckStatus"
      FROM c, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r("feature" text, "featureType" text, "psi" float8, "ksStatistic" float8, "ksPValue" float8, "wasserstein" float8, "metricName" text, "metricValue" float8, "status" text)`;
    // the refresh answers the verdict it stored: no read of the model row afterwards
    const [verdict] = await refreshVerdicts(tx, [model.id], now);
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "monitoring.check",
      entityType: "MonitoringCheck",
      entityId: check.id,
      modelId: model.id,
      before: replaced.length ? { replaced: replaced.map((c) => ({ id: c.id, status: c.status })) } : undefined,
      after: { observedAt, version: push.version ?? null, status, features: results.map((r) => ({ name: r.name, psi: r.psi ?? null, status: r.status })) },
    });
    if (!verdict) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
    return { checkId: check.id, monitoringStatus: verdict.monitoringStatus };
  }, MODEL_WRITE_TX);

  return {
    id: checkId,
    model: model.key,
    version: push.version ?? null,
    observedAt: observedAt.toISOString(),
    status,
    thresholds,
    features: results,
    monitoringStatus,
  };
}
