// Monitoring ingestion: a pipeline pushes either raw reference/current samples per feature (the server
// computes PSI, KS and Wasserstein-1 with the engine's functions and the model's thresholds) or metric
// values it computed itself. The check and its per-feature results are stored, audited, and the model's
// cached verdict (monitoringStatus, completeness) is refreshed in the same transaction.
import "server-only";
import { randomUUID } from "node:crypto";
import { direct, prisma, sql } from "../db";
import { AppError } from "../errors";
import { recordAuditBatch, type AuditInput } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import { refreshVerdicts } from "../models/compliance";
import { MODEL_WRITE_TX, lockModelsById } from "../models/lock";
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

/** One check of a push: the model it is for and what the pipeline sent. */
export type IngestItem = { modelKey: string; push: MonitoringPush };

/** Store one monitoring check for a model and return the computed statuses. */
export async function ingestMonitoringCheck({ actor, modelKey, push, now = new Date() }: { actor: IngestActor; modelKey: string; push: MonitoringPush; now?: Date }): Promise<MonitoringResultJson> {
  const [result] = await ingestMonitoringChecks({ actor, items: [{ modelKey, push }], now });
  return result!;
}

type ModelRow = {
  id: string;
  key: string;
  businessOwnerId: string | null;
  technicalOwnerId: string | null;
  configId: string | null;
  warningThreshold: number | null;
  criticalThreshold: number | null;
};

/**
 * Store a batch of checks (for one or many models) in one transaction and return each one's computed
 * statuses, in order. All or nothing: a check that cannot be stored refuses the whole batch, and the
 * error names it (`checks.3.…`). A single push is a batch of one and keeps its own answers (404 for an
 * unknown model, field paths without the `checks.N.` prefix). Round trips do not grow with the batch:
 * models, versions, repeats, checks and results, the verdicts and the audit events are one statement each.
 */
export async function ingestMonitoringChecks({ actor, items, now = new Date() }: { actor: IngestActor; items: readonly IngestItem[]; now?: Date }): Promise<MonitoringResultJson[]> {
  if (items.length === 0) return [];
  const batch = items.length > 1;
  // a batch's errors name the check they come from; a single push keeps the paths it always had
  const at = (i: number, path: string) => (batch ? `checks.${i}.${path}` : path);
  const refuse = (i: number, path: string, message: string): never => {
    throw new AppError("VALIDATION", batch ? `checks.${i}: ${message} Nothing was stored.` : message, { [at(i, path)]: [message] });
  };

  // the models and their thresholds in one query (the ORM's include takes two per model)
  const keys = [...new Set(items.map((item) => item.modelKey))];
  const found = await direct<ModelRow>(
    prisma,
    sql`
    SELECT m."id"::text AS id, m."key", m."businessOwnerId"::text AS "businessOwnerId", m."technicalOwnerId"::text AS "technicalOwnerId",
           c."id"::text AS "configId", c."warningThreshold", c."criticalThreshold"
    FROM "Model" m LEFT JOIN "MonitoringConfig" c ON c."modelId" = m."id" WHERE m."key" = ANY(${keys}::text[])`,
  );
  const byKey = new Map(found.map((m) => [m.key, { ...m, monitoringConfig: m.configId === null ? null : { warningThreshold: m.warningThreshold!, criticalThreshold: m.criticalThreshold! } }]));
  const checked = new Set<string>();
  const models = items.map((item, i) => {
    const model = byKey.get(item.modelKey);
    if (!model) {
      if (!batch) throw new AppError("NOT_FOUND", `No model with the key "${item.modelKey}".`);
      return refuse(i, "model", `No model with the key "${item.modelKey}".`);
    }
    if (!checked.has(model.key)) {
      try {
        assertCan(actor, "model.edit", { kind: "model", model });
      } catch (e) {
        if (batch && e instanceof AppError) throw new AppError(e.code, `checks.${i} (model "${model.key}"): ${e.message} Nothing was stored.`);
        throw e;
      }
      checked.add(model.key);
    }
    if (item.push.observedAt && item.push.observedAt.getTime() > now.getTime() + 5 * 60_000) {
      if (!batch) throw new AppError("VALIDATION", "observedAt is in the future.", { observedAt: ["Cannot be in the future."] });
      refuse(i, "observedAt", "observedAt is in the future.");
    }
    return model;
  });

  // the versions named, in one query
  const wanted = items.flatMap((item, i) => (item.push.version === undefined ? [] : [{ modelId: models[i]!.id, version: item.push.version }]));
  const versions = new Map<string, string>();
  if (wanted.length) {
    const rows = await direct<{ id: string; modelId: string; version: string }>(
      prisma,
      sql`
      SELECT v."id"::text AS id, v."modelId"::text AS "modelId", v."version"
      FROM "ModelVersion" v JOIN jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) AS w("modelId" uuid, "version" text)
        ON v."modelId" = w."modelId" AND v."version" = w."version"`,
    );
    for (const r of rows) versions.set(`${r.modelId} ${r.version}`, r.id);
  }

  // the statistics are computed before the transaction opens: a 2 × 1M-sample push holds no locks while sorting
  const prepared = items.map((item, i) => {
    const model = models[i]!;
    const { push } = item;
    let versionId: string | null = null;
    if (push.version !== undefined) {
      versionId = versions.get(`${model.id} ${push.version}`) ?? null;
      if (!versionId) {
        const message = `Model "${model.key}" has no version "${push.version}"; register it first (POST /api/v1/models/${model.key}/versions).`;
        if (!batch) throw new AppError("VALIDATION", message, { version: ["Unknown version."] });
        refuse(i, "version", message);
      }
    }
    const thresholds = thresholdsOf(model.monitoringConfig);
    let computed: { fromSamples: { results: FeatureResult[]; rows: Row[] }; fromMetrics: { results: FeatureResult[]; rows: Row[] } };
    try {
      computed = {
        fromSamples: push.features?.length ? driftFromSamples(push.features, thresholds) : { results: [], rows: [] },
        fromMetrics: push.metrics?.length ? resultsFromMetrics(push.metrics, thresholds) : { results: [], rows: [] },
      };
    } catch (e) {
      if (batch && e instanceof AppError && e.fieldErrors) {
        throw new AppError(e.code, `checks.${i}: ${e.message} Nothing was stored.`, Object.fromEntries(Object.entries(e.fieldErrors).map(([path, messages]) => [at(i, path), messages])));
      }
      throw e;
    }
    const results = [...computed.fromSamples.results, ...computed.fromMetrics.results];
    const rows = [...computed.fromSamples.rows, ...computed.fromMetrics.rows];
    return { i, model, push, versionId, thresholds, results, rows, observedAt: push.observedAt ?? now, status: worstStatus(results.map((r) => r.status)), id: randomUUID() };
  });

  // a re-push of the same model, version and observedAt (a re-run of a day's batch) replaces the check it
  // repeats; twice in one batch is a mistake of the sender, refused rather than guessed at
  const repeatOf = new Map<string, number>();
  for (const p of prepared) {
    if (!p.push.observedAt) continue;
    const k = `${p.model.id} ${p.versionId ?? ""} ${p.observedAt.toISOString()}`;
    const first = repeatOf.get(k);
    if (first !== undefined) refuse(p.i, "observedAt", `Repeats checks.${first} (the same model, version and observedAt).`);
    repeatOf.set(k, p.i);
  }

  const modelIds = [...new Set(prepared.map((p) => p.model.id))].sort();
  const verdicts = await prisma.$transaction(async (tx) => {
    // the models' row locks first, in one order (lib/models/lock.ts): pushes and edits of a model
    // serialise, so each response's monitoringStatus is the one the model keeps
    if (!(await lockModelsById(tx, modelIds)))
      throw new AppError("NOT_FOUND", batch ? "A model of this batch was deleted meanwhile; nothing was stored." : `No model with the key "${items[0]!.modelKey}".`);
    // the checks these repeat (same model, version, observedAt): replaced, and the audit event says so.
    // A push without observedAt is a new observation ("now"), never a repeat.
    const repeats = prepared.filter((p) => p.push.observedAt).map((p) => ({ n: p.i, modelId: p.model.id, versionId: p.versionId, observedAt: p.observedAt.toISOString() }));
    const replacedBy = new Map<number, Array<{ id: string; status: string }>>();
    if (repeats.length) {
      const replaced = await direct<{ n: number; id: string; status: string }>(
        tx,
        sql`
        DELETE FROM "MonitoringCheck" c USING jsonb_to_recordset(${JSON.stringify(repeats)}::jsonb) AS r("n" int, "modelId" uuid, "versionId" uuid, "observedAt" timestamp(3))
        WHERE c."modelId" = r."modelId" AND c."versionId" IS NOT DISTINCT FROM r."versionId" AND c."observedAt" = r."observedAt"
        RETURNING r."n", c."id"::text AS id, c."status"::text AS status`,
      );
      for (const r of replaced) replacedBy.set(r.n, [...(replacedBy.get(r.n) ?? []), { id: r.id, status: r.status }]);
    }
    const events: AuditInput[] = [];
    const actorRef = { id: actor.id, label: actor.email };
    // a model whose pipeline pushes checks is monitored: record the config the push implies (the pushed
    // features, default thresholds and cadence) so the check counts, and say so in the audit log.
    // INSERT … ON CONFLICT DO NOTHING: concurrent first pushes must not fail (a read-then-write would)
    const unconfigured = new Map<string, { modelId: string; features: string[]; warning: number; critical: number }>();
    for (const p of prepared) {
      if (p.model.monitoringConfig) continue;
      const c = unconfigured.get(p.model.id) ?? { modelId: p.model.id, features: [], warning: p.thresholds.warning, critical: p.thresholds.critical };
      for (const r of p.results) if (!c.features.includes(r.name)) c.features.push(r.name);
      unconfigured.set(p.model.id, c);
    }
    if (unconfigured.size) {
      const inserted = await direct<{ id: string; modelId: string }>(
        tx,
        sql`
        INSERT INTO "MonitoringConfig" ("id", "modelId", "enabled", "features", "metrics", "warningThreshold", "criticalThreshold", "cadenceDays", "updatedAt")
        SELECT gen_random_uuid(), c."modelId", true, ARRAY(SELECT jsonb_array_elements_text(c."features")), ARRAY[]::text[], c."warning", c."critical", 7, now()
        FROM jsonb_to_recordset(${JSON.stringify([...unconfigured.values()])}::jsonb) AS c("modelId" uuid, "features" jsonb, "warning" float8, "critical" float8)
        ORDER BY c."modelId"
        ON CONFLICT ("modelId") DO NOTHING
        RETURNING "id"::text AS id, "modelId"::text AS "modelId"`,
      );
      for (const row of inserted) {
        const c = unconfigured.get(row.modelId)!;
        events.push({
          actor: actorRef,
          action: "monitoring.config.create",
          entityType: "MonitoringConfig",
          entityId: row.id,
          modelId: row.modelId,
          after: { features: c.features, warningThreshold: c.warning, criticalThreshold: c.critical, cadenceDays: 7 },
        });
      }
    }
    // the checks and their per-feature results in one statement. Raw SQL for the results: the numbers
    // travel as their shortest round-trip text and land in float8 exactly (Prisma's Float serialiser
    // keeps 16 significant digits: 0.30000000000000004 became 0.3 and 1.7976931348623157e308 overflowed into a 500)
    const createdAt = new Date().toISOString();
    const checks = prepared.map((p) => ({ id: p.id, modelId: p.model.id, versionId: p.versionId, observedAt: p.observedAt.toISOString(), status: p.status }));
    const rows = prepared.flatMap((p) => p.rows.map((r) => ({ checkId: p.id, ...r })));
    await direct(
      tx,
      sql`
      WITH c AS (
        INSERT INTO "MonitoringCheck" ("id", "modelId", "versionId", "observedAt", "status", "createdAt")
        SELECT x."id", x."modelId", x."versionId", x."observedAt", x."status"::"CheckStatus", ${createdAt}::timestamp(3)
        FROM jsonb_to_recordset(${JSON.stringify(checks)}::jsonb) AS x("id" uuid, "modelId" uuid, "versionId" uuid, "observedAt" timestamp(3), "status" text)
        RETURNING "id")
      INSERT INTO "MonitoringFeatureResult" ("id", "checkId", "feature", "featureType", "psi", "ksStatistic", "ksPValue", "wasserstein", "metricName", "metricValue", "status")
      SELECT gen_random_uuid(), c."id", r."feature", r."featureType", r."psi", r."ksStatistic", r."ksPValue", r."wasserstein", r."metricName", r."metricValue", r."status"::"CheckStatus"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r("checkId" uuid, "feature" text, "featureType" text, "psi" float8, "ksStatistic" float8, "ksPValue" float8, "wasserstein" float8, "metricName" text, "metricValue" float8, "status" text)
        JOIN c ON c."id" = r."checkId"`,
    );
    // the refresh answers the verdicts it stored: no read of the model rows afterwards
    const stored = await refreshVerdicts(tx, modelIds, now);
    for (const p of prepared) {
      const replaced = replacedBy.get(p.i) ?? [];
      events.push({
        actor: actorRef,
        action: "monitoring.check",
        entityType: "MonitoringCheck",
        entityId: p.id,
        modelId: p.model.id,
        before: replaced.length ? { replaced } : undefined,
        after: { observedAt: p.observedAt, version: p.push.version ?? null, status: p.status, features: p.results.map((r) => ({ name: r.name, psi: r.psi ?? null, status: r.status })) },
      });
    }
    // pipelines push at a high rate and never read the log back: the chain is linked after commit
    // without holding the response (the events commit with the checks either way)
    await recordAuditBatch(tx, events, { chain: "background" });
    if (stored.length !== modelIds.length)
      throw new AppError("NOT_FOUND", batch ? "A model of this batch was deleted meanwhile; nothing was stored." : `No model with the key "${items[0]!.modelKey}".`);
    return new Map(stored.map((v) => [v.id, v.monitoringStatus]));
  }, MODEL_WRITE_TX);

  return prepared.map((p) => ({
    id: p.id,
    model: p.model.key,
    version: p.push.version ?? null,
    observedAt: p.observedAt.toISOString(),
    status: p.status,
    thresholds: p.thresholds,
    features: p.results,
    monitoringStatus: verdicts.get(p.model.id)!,
  }));
}
