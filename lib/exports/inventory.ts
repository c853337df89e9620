// The whole inventory as one JSON document (format in ./format.ts). Deterministic: every list is sorted
// by its natural key, so two exports of the same data are byte-identical apart from `exportedAt`.
import "server-only";
import { prisma, type Tx } from "../db";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { featureResultFields } from "../monitoring/feature-result";
import { writableFieldsOf } from "../models/upsert";
import { INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION, type DatasetDoc, type InventoryDoc, type ModelDoc } from "./format";

type Db = PrismaClient | Tx;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const MODEL_EXPORT_INCLUDE = {
  businessUnit: { select: { name: true } },
  businessOwner: { select: { email: true } },
  technicalOwner: { select: { email: true } },
  classifiedBy: { select: { email: true } },
  versions: {
    include: {
      datasets: { include: { dataset: { select: { key: true, version: true } } } },
      biasAssessments: { include: { assessor: { select: { email: true } }, metrics: true } },
    },
  },
  monitoringConfig: true,
  monitoringChecks: { include: { version: { select: { version: true } }, features: true } },
  sections: { include: { updatedBy: { select: { email: true } }, evidence: { include: { uploadedBy: { select: { email: true } } } } } },
  incidents: { include: { createdBy: { select: { email: true } } } },
  fria: true,
} as const satisfies Prisma.ModelInclude;

export type ModelExportRow = Prisma.ModelGetPayload<{ include: typeof MODEL_EXPORT_INCLUDE }>;

export function modelDocFromRow(m: ModelExportRow): ModelDoc {
  return {
    key: m.key,
    ...writableFieldsOf(m),
    nextReviewAt: iso(m.nextReviewAt),
    euDatabaseId: m.euDatabaseId,
    euRegistration: (m.euRegistration ?? null) as ModelDoc["euRegistration"],
    fria: m.fria
      ? {
          processes: m.fria.processes,
          periodAndFrequency: m.fria.periodAndFrequency,
          affectedPersons: m.fria.affectedPersons,
          specificRisks: m.fria.specificRisks,
          humanOversight: m.fria.humanOversight,
          mitigationMeasures: m.fria.mitigationMeasures,
          notifiedAt: iso(m.fria.notifiedAt),
          notificationReference: m.fria.notificationReference,
          reviewedAt: m.fria.reviewedAt.toISOString(),
          reviewNote: m.fria.reviewNote,
        }
      : null,
    classification: {
      riskClass: m.riskClass,
      status: m.classificationStatus,
      legalBasis: m.legalBasis,
      rationale: m.riskRationale,
      transparencyDuties: m.transparencyDuties,
      answers: (m.classificationAnswers ?? null) as ModelDoc["classification"]["answers"],
      classifiedAt: iso(m.classifiedAt),
      classifiedByEmail: m.classifiedBy?.email ?? null,
      gpai: m.gpai,
      gpaiSystemicRisk: m.gpaiSystemicRisk,
      ruleSet: m.classificationRuleSet,
    },
    versions: [...m.versions]
      .sort((a, b) => byText(a.version, b.version))
      .map((v) => ({
        version: v.version,
        registryUri: v.registryUri,
        stage: v.stage,
        active: v.active,
        deployedAt: iso(v.deployedAt),
        trainingPipelineVersion: v.trainingPipelineVersion,
        servingPipelineVersion: v.servingPipelineVersion,
        metrics: (v.metrics ?? null) as ModelDoc["versions"][number]["metrics"],
        rollbackTargetVersion: v.rollbackTargetVersion,
        rollbackProcedure: v.rollbackProcedure,
        lastRollbackDrillAt: iso(v.lastRollbackDrillAt),
        lastRollbackDrillMinutes: v.lastRollbackDrillMinutes,
        datasets: v.datasets
          .map((l) => ({ key: l.dataset.key, version: l.dataset.version, purpose: l.purpose }))
          .sort((a, b) => byText(`${a.key}\u0000${a.version}\u0000${a.purpose}`, `${b.key}\u0000${b.version}\u0000${b.purpose}`)),
        biasAssessments: v.biasAssessments
          .map((a) => ({
            assessedAt: a.assessedAt.toISOString(),
            assessorEmail: a.assessor?.email ?? null,
            methodology: a.methodology,
            protectedAttributes: a.protectedAttributes,
            findings: a.findings,
            mitigations: a.mitigations,
            status: a.status,
            metrics: a.metrics
              .map((x) => ({ metric: x.metric, group: x.group, value: x.value, threshold: x.threshold, passed: x.passed }))
              .sort((x, y) => byText(`${x.metric}\u0000${x.group}`, `${y.metric}\u0000${y.group}`)),
            recordedAt: a.createdAt.toISOString(),
            withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
            withdrawalReason: a.withdrawalReason,
          }))
          .sort((a, b) => byText(`${a.assessedAt}\u0000${a.methodology}\u0000${a.recordedAt}`, `${b.assessedAt}\u0000${b.methodology}\u0000${b.recordedAt}`)),
        withdrawnAt: iso(v.withdrawnAt),
        withdrawalReason: v.withdrawalReason,
      })),
    monitoring: {
      config: m.monitoringConfig
        ? {
            enabled: m.monitoringConfig.enabled,
            features: m.monitoringConfig.features,
            metrics: m.monitoringConfig.metrics,
            warningThreshold: m.monitoringConfig.warningThreshold,
            criticalThreshold: m.monitoringConfig.criticalThreshold,
            cadenceDays: m.monitoringConfig.cadenceDays,
          }
        : null,
      checks: m.monitoringChecks
        .map((c) => ({
          observedAt: c.observedAt.toISOString(),
          version: c.version?.version ?? null,
          status: c.status,
          features: c.features.map(featureResultFields).sort((a, b) => byText(`${a.feature}\u0000${a.metricName ?? ""}`, `${b.feature}\u0000${b.metricName ?? ""}`)),
        }))
        .sort((a, b) => byText(`${a.observedAt}\u0000${a.version ?? ""}`, `${b.observedAt}\u0000${b.version ?? ""}`)),
    },
    sections: m.sections
      .map((s) => ({
        sectionKey: s.sectionKey,
        content: s.content,
        status: s.status,
        updatedAt: s.updatedAt.toISOString(),
        updatedByEmail: s.updatedBy?.email ?? null,
        evidence: s.evidence
          .map((e) => ({
            fileName: e.fileName,
            size: e.size,
            mediaType: e.mediaType,
            sha256: e.sha256,
            contentBase64: Buffer.from(e.content).toString("base64"),
            uploadedByEmail: e.uploadedBy?.email ?? null,
            uploadedAt: e.uploadedAt.toISOString(),
          }))
          .sort((a, b) => byText(`${a.sha256}\u0000${a.fileName}`, `${b.sha256}\u0000${b.fileName}`)),
      }))
      .sort((a, b) => byText(a.sectionKey, b.sectionKey)),
    incidents: m.incidents
      .map((i) => ({
        title: i.title,
        occurredAt: i.occurredAt.toISOString(),
        awareAt: i.awareAt.toISOString(),
        severity: i.severity,
        deadlineRule: i.deadlineRule,
        description: i.description,
        affectedPersons: i.affectedPersons,
        correctiveActions: i.correctiveActions,
        authorityNotifiedAt: iso(i.authorityNotifiedAt),
        closedAt: iso(i.closedAt),
        createdByEmail: i.createdBy?.email ?? null,
        withdrawnAt: iso(i.withdrawnAt),
        withdrawalReason: i.withdrawalReason,
      }))
      .sort((a, b) => byText(`${a.occurredAt}\u0000${a.title}`, `${b.occurredAt}\u0000${b.title}`)),
  };
}

/** Which models loadModelDocs reads: all of them, one key, or a set of keys. */
export type ModelDocFilter = { key?: string | { in: string[] } };

const PAGE = 500;
const email = (column: string) => `(SELECT json_build_object('email', u.email) FROM "User" u WHERE u.id = ${column})`;
const list = (select: string) => `COALESCE((${select}), '[]'::json)`;
// One statement per page of models: each model's row with every relation the export reads, nested as
// JSON by PostgreSQL (correlated subqueries on the foreign-key indexes), in the shape Prisma gives for
// MODEL_EXPORT_INCLUDE apart from the scalar types JSON cannot carry (see rowFromJson). Reading the
// same through the nested Prisma include cost ~3 ms per model, most of an unchanged re-import.
const MODEL_ROWS_SQL = `
SELECT json_build_object(
  'row', row_to_json(m),
  'businessUnit', (SELECT json_build_object('name', b.name) FROM "BusinessUnit" b WHERE b.id = m."businessUnitId"),
  'businessOwner', ${email('m."businessOwnerId"')},
  'technicalOwner', ${email('m."technicalOwnerId"')},
  'classifiedBy', ${email('m."classifiedById"')},
  'versions', ${list(`SELECT json_agg(json_build_object(
      'row', row_to_json(v),
      'datasets', ${list(`SELECT json_agg(json_build_object('purpose', l.purpose, 'dataset', json_build_object('key', d.key, 'version', d.version)))
        FROM "ModelVersionDataset" l JOIN "Dataset" d ON d.id = l."datasetId" WHERE l."versionId" = v.id`)},
      'biasAssessments', ${list(`SELECT json_agg(json_build_object(
          'row', row_to_json(a),
          'assessor', ${email('a."assessorId"')},
          'metrics', ${list(`SELECT json_agg(row_to_json(x)) FROM "BiasMetric" x WHERE x."assessmentId" = a.id`)}))
        FROM "BiasAssessment" a WHERE a."versionId" = v.id`)}))
    FROM "ModelVersion" v WHERE v."modelId" = m.id`)},
  'monitoringConfig', (SELECT row_to_json(c) FROM "MonitoringConfig" c WHERE c."modelId" = m.id),
  'monitoringChecks', ${list(`SELECT json_agg(json_build_object(
      'observedAt', c."observedAt",
      'status', c.status,
      'version', (SELECT json_build_object('version', v.version) FROM "ModelVersion" v WHERE v.id = c."versionId"),
      'features', ${list(`SELECT json_agg(json_build_object('feature', f.feature, 'featureType', f."featureType", 'psi', f.psi, 'ksStatistic', f."ksStatistic",
          'ksPValue', f."ksPValue", 'wasserstein', f.wasserstein, 'metricName', f."metricName", 'metricValue', f."metricValue", 'status', f.status))
        FROM "MonitoringFeatureResult" f WHERE f."checkId" = c.id`)}))
    FROM "MonitoringCheck" c WHERE c."modelId" = m.id`)},
  'sections', ${list(`SELECT json_agg(json_build_object(
      'row', row_to_json(s),
      'updatedBy', ${email('s."updatedById"')},
      'evidence', ${list(`SELECT json_agg(json_build_object('row', row_to_json(e), 'uploadedBy', ${email('e."uploadedById"')})) FROM "EvidenceFile" e WHERE e."sectionId" = s.id`)}))
    FROM "DocumentationSection" s WHERE s."modelId" = m.id`)},
  'incidents', ${list(`SELECT json_agg(json_build_object('row', row_to_json(i), 'createdBy', ${email('i."createdById"')})) FROM "Incident" i WHERE i."modelId" = m.id`)},
  'fria', (SELECT row_to_json(r) FROM "FundamentalRightsAssessment" r WHERE r."modelId" = m.id)
) AS doc, m.key
FROM "Model" m`;

type JsonRow = Record<string, unknown>;
type Nested = { row: JsonRow } & Record<string, unknown>;
// PostgreSQL writes a timestamp(3) in JSON as ISO 8601 without a zone (the columns hold UTC), bytea as
// \\x + hex and a NULL array as null (which Prisma reads as [])
const date = (v: unknown) => (typeof v === "string" ? new Date(`${v}Z`) : null);
const typed = (row: JsonRow, dates: string[], lists: string[] = []) => {
  for (const k of dates) row[k] = date(row[k]);
  for (const k of lists) row[k] ??= [];
  return row;
};
const parsed = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as Nested;

/** The nested JSON of MODEL_ROWS_SQL as the row modelDocFromRow reads (the dates and bytes it reads converted). */
function rowFromJson(raw: unknown): ModelExportRow {
  const j = parsed(raw);
  const fria = j.fria as JsonRow | null;
  return {
    ...typed(j.row, ["nextReviewAt", "classifiedAt"], ["environments", "legalBasis", "transparencyDuties"]),
    businessUnit: j.businessUnit,
    businessOwner: j.businessOwner,
    technicalOwner: j.technicalOwner,
    classifiedBy: j.classifiedBy,
    versions: (j.versions as Nested[]).map((v) => ({
      ...typed(v.row, ["deployedAt", "lastRollbackDrillAt", "withdrawnAt"]),
      datasets: v.datasets,
      biasAssessments: (v.biasAssessments as Nested[]).map((a) => ({ ...typed(a.row, ["assessedAt", "createdAt", "withdrawnAt"], ["protectedAttributes"]), assessor: a.assessor, metrics: a.metrics })),
    })),
    monitoringConfig: j.monitoringConfig && typed(j.monitoringConfig as JsonRow, [], ["features", "metrics"]),
    monitoringChecks: (j.monitoringChecks as JsonRow[]).map((c) => typed(c, ["observedAt"])),
    sections: (j.sections as Nested[]).map((s) => ({
      ...typed(s.row, ["updatedAt"]),
      updatedBy: s.updatedBy,
      evidence: (s.evidence as Nested[]).map((e) => ({ ...typed(e.row, ["uploadedAt"]), content: Buffer.from(String(e.row.content).slice(2), "hex"), uploadedBy: e.uploadedBy })),
    })),
    incidents: (j.incidents as Nested[]).map((i) => ({ ...typed(i.row, ["occurredAt", "awareAt", "authorityNotifiedAt", "closedAt", "withdrawnAt"]), createdBy: i.createdBy })),
    fria: fria && typed(fria, ["notifiedAt", "reviewedAt"]),
  } as unknown as ModelExportRow;
}

/**
 * PostgreSQL's JIT compiles a statement whose estimated cost is high, and MODEL_ROWS_SQL's correlated
 * subqueries are estimated at millions: compiling took 2-3 s per page of 500 models, executing 0.3 s.
 * Off for these reads only (a transaction-local setting, put back afterwards inside a caller's transaction).
 */
async function withoutJit<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  const run = async (tx: Db) => {
    const [setting] = await tx.$queryRawUnsafe<Array<{ jit: string }>>(`SELECT current_setting('jit') AS jit`);
    await tx.$queryRawUnsafe(`SELECT set_config('jit', 'off', true)`);
    const value = await read(tx);
    await tx.$queryRawUnsafe(`SELECT set_config('jit', $1, true)`, setting!.jit);
    return value;
  };
  // one read-only snapshot for the whole read, too
  return "$transaction" in db ? db.$transaction(run, { timeout: 600_000, maxWait: 60_000, isolationLevel: "RepeatableRead" }) : run(db);
}

/** The models' documents in key order, read a page of models per statement (set-based, see MODEL_ROWS_SQL). */
export function loadModelDocs(db: Db, filter: ModelDocFilter = {}): Promise<ModelDoc[]> {
  return withoutJit(db, async (tx) => {
    const docs: ModelDoc[] = [];
    const read = async (where: string, param: unknown, limit = "") => {
      const rows = await tx.$queryRawUnsafe<Array<{ doc: unknown; key: string }>>(`${MODEL_ROWS_SQL} WHERE ${where} ORDER BY m.key ${limit}`, param);
      docs.push(...rows.map((r) => modelDocFromRow(rowFromJson(r.doc))));
      return rows;
    };
    if (typeof filter.key === "string") await read(`m.key = $1`, filter.key);
    else if (filter.key) {
      const keys = [...new Set(filter.key.in)].sort(byText);
      for (let i = 0; i < keys.length; i += PAGE) await read(`m.key = ANY($1::text[])`, keys.slice(i, i + PAGE));
    } else {
      // pages by key so that 10,000 models do not build one giant query result
      for (let cursor = ""; ;) {
        const rows = await read(`m.key > $1`, cursor, `LIMIT ${PAGE}`);
        if (rows.length < PAGE) break;
        cursor = rows.at(-1)!.key;
      }
    }
    return docs;
  });
}

export function datasetDocFromRow(d: Prisma.DatasetGetPayload<{ include: { owner: { select: { email: true } } } }>): DatasetDoc {
  return {
    key: d.key,
    version: d.version,
    name: d.name,
    description: d.description,
    source: d.source,
    provenance: d.provenance,
    collectionPeriod: d.collectionPeriod,
    collectionMethod: d.collectionMethod,
    preprocessing: d.preprocessing,
    size: d.size,
    licence: d.licence,
    personalData: d.personalData,
    specialCategoryData: d.specialCategoryData,
    knownBiases: d.knownBiases,
    biasMitigations: d.biasMitigations,
    ownerEmail: d.owner?.email ?? null,
  };
}

/** Every model the caller may read (everyone may read the whole inventory), with the dataset catalogue. */
export async function exportInventory({ db = prisma, now = new Date() }: { db?: Db; now?: Date } = {}): Promise<InventoryDoc> {
  const [models, datasets, units] = await Promise.all([
    loadModelDocs(db),
    db.dataset.findMany({ include: { owner: { select: { email: true } } }, orderBy: [{ key: "asc" }, { version: "asc" }] }),
    db.businessUnit.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  const datasetDocs = datasets.map(datasetDocFromRow).sort((a, b) => byText(`${a.key}\u0000${a.version}`, `${b.key}\u0000${b.version}`));
  const emails = new Set<string>();
  const add = (e: string | null) => e && emails.add(e);
  for (const d of datasetDocs) add(d.ownerEmail);
  for (const m of models) {
    add(m.businessOwnerEmail);
    add(m.technicalOwnerEmail);
    add(m.classification.classifiedByEmail);
    for (const v of m.versions) for (const a of v.biasAssessments) add(a.assessorEmail);
    for (const s of m.sections) {
      add(s.updatedByEmail);
      for (const e of s.evidence) add(e.uploadedByEmail);
    }
    for (const i of m.incidents) add(i.createdByEmail);
  }
  const people = await db.user.findMany({ where: { email: { in: [...emails] } }, select: { email: true, name: true, role: true }, orderBy: { email: "asc" } });
  return {
    format: INVENTORY_FORMAT,
    formatVersion: INVENTORY_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    businessUnits: units.map((u) => u.name).sort(byText),
    people: people.map((p) => ({ email: p.email, name: p.name, role: p.role })),
    datasets: datasetDocs,
    models: models.sort((a, b) => byText(a.key, b.key)),
  };
}
