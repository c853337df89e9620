// A model's fingerprint for the inventory import's "is it unchanged?" question: md5 of one canonical
// text of everything the export writes for the model (lib/exports/inventory.ts, modelDocFromRow). The
// same text is built twice: here from a document of the file (`modelDocFingerprint`), and by PostgreSQL
// from the stored rows (`storedFingerprints`, one set-based statement, only 32 characters per model
// come back). Equal fingerprints mean the file's (normalised) document IS the stored one, so merging it
// changes nothing; anything else (a changed field, a file that names only part of a model, a value the
// two sides happen to write differently) only sends the model to the full comparison. So a difference
// in formatting costs time, never a missed change.
//
// The text is JSON (arrays of the values in the export's field order, lists in the export's order), so
// equal texts are equal values: strings, enums and text arrays as JSON (PostgreSQL's to_json escapes as
// JSON.stringify does), timestamps as the export's ISO text, float8 as PostgreSQL prints it (shortest
// round trip, exponent outside [-4, 15)), jsonb as PostgreSQL prints it (keys by length then bytes,
// ", " and ": "), evidence content as md5 of its base64 text. A check's feature results (most of the
// rows: 600,000 for 10,000 models of 30 checks) are each written as PostgreSQL's text of a row
// (record_out, `R` and `rec` below), which is as unambiguous (NULL as nothing, an empty or special text
// quoted) and a third of the server's cost of the JSON text.
import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import type { ModelDoc } from "../exports/format";

type Db = PrismaClient | Tx;

/** The fields the fingerprint covers, per object of a model document, in text order (a unit test checks them against the zod schema). */
export const FINGERPRINT_FIELDS = {
  model: [
    "key",
    "name",
    "description",
    "intendedPurpose",
    "foreseeableMisuse",
    "businessUnit",
    "actorRole",
    "publicAuthority",
    "lifecycle",
    "environments",
    "businessOwnerEmail",
    "technicalOwnerEmail",
    "nextReviewAt",
    "euDatabaseId",
    "euRegistration",
    "fria",
    "classification",
    "versions",
    "monitoring",
    "sections",
    "incidents",
  ],
  fria: ["processes", "periodAndFrequency", "affectedPersons", "specificRisks", "humanOversight", "mitigationMeasures", "notifiedAt", "notificationReference", "reviewedAt", "reviewNote"],
  classification: ["riskClass", "status", "legalBasis", "rationale", "transparencyDuties", "answers", "classifiedAt", "classifiedByEmail", "gpai", "gpaiSystemicRisk", "ruleSet"],
  version: [
    "version",
    "registryUri",
    "stage",
    "active",
    "deployedAt",
    "trainingPipelineVersion",
    "servingPipelineVersion",
    "metrics",
    "rollbackTargetVersion",
    "rollbackProcedure",
    "lastRollbackDrillAt",
    "lastRollbackDrillMinutes",
    "datasets",
    "biasAssessments",
    "withdrawnAt",
    "withdrawalReason",
  ],
  datasetLink: ["key", "version", "purpose"],
  assessment: ["assessedAt", "assessorEmail", "methodology", "protectedAttributes", "findings", "mitigations", "status", "metrics", "recordedAt", "withdrawnAt", "withdrawalReason"],
  biasMetric: ["metric", "group", "value", "threshold", "passed"],
  monitoring: ["config", "checks"],
  config: ["enabled", "features", "metrics", "warningThreshold", "criticalThreshold", "cadenceDays"],
  check: ["observedAt", "version", "status", "features"],
  feature: ["feature", "featureType", "psi", "ksStatistic", "ksPValue", "wasserstein", "metricName", "metricValue", "status"],
  section: ["sectionKey", "content", "status", "updatedAt", "updatedByEmail", "evidence"],
  evidence: ["fileName", "size", "mediaType", "sha256", "contentBase64", "uploadedByEmail", "uploadedAt"],
  incident: [
    "title",
    "occurredAt",
    "awareAt",
    "severity",
    "deadlineRule",
    "description",
    "affectedPersons",
    "correctiveActions",
    "authorityNotifiedAt",
    "closedAt",
    "createdByEmail",
    "withdrawnAt",
    "withdrawalReason",
  ],
} as const;

// ---- the text from a document (JavaScript) ----

/** A field an older file leaves out: such a document has no fingerprint (it goes the full way). */
class Absent extends Error {}
const must = <T>(v: T | undefined): T => {
  if (v === undefined) throw new Absent();
  return v;
};
// a string without a character JSON escapes is its own JSON text between quotes (the test is cheaper than JSON.stringify)
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const str = (v: string | null | undefined) => (must(v) === null ? "null" : PLAIN.test(v!) ? `"${v}"` : JSON.stringify(v));
const bool = (v: boolean | undefined) => (must(v) ? "true" : "false");
const list = (v: readonly string[] | undefined) => JSON.stringify(must(v));
const int = (v: number | undefined) => String(must(v));

/** float8 as PostgreSQL's float8out prints it: shortest round trip; exponent form below 1e-4 and from 1e15. */
export function pgFloat(v: number | null | undefined): string {
  if (must(v) === null) return "null";
  const x = v as number;
  if (Object.is(x, -0)) return "-0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
  // JavaScript writes the same shortest digits, and without an exponent from 1e-6 to 1e21
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e15) return String(x);
  const [mantissa, exp] = x.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 15) return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return String(x);
}

/** A JSON value as PostgreSQL prints the jsonb holding it (keys by byte length, then bytes). */
export function pgJsonb(v: unknown): string {
  if (v === undefined) throw new Absent();
  if (v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(pgJsonb).join(", ")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, Buffer.from(k)] as const)
      .sort(([, a], [, b]) => a.length - b.length || Buffer.compare(a, b));
    return `{${keys.map(([k]) => `${JSON.stringify(k)}: ${pgJsonb((v as Record<string, unknown>)[k])}`).join(", ")}}`;
  }
  // numbers as written (numeric keeps the digits of a plain decimal; an exponent form just will not match)
  return JSON.stringify(v);
}

// A field of a row as PostgreSQL's record_out prints it (`R` below): NULL as nothing; a value that is
// empty or holds a double quote, backslash, parenthesis, comma or ASCII white space between double
// quotes, with quotes and backslashes doubled. A string with a lone surrogate (which PostgreSQL cannot
// hold, and which UTF-8 would turn into U+FFFD before hashing) gives no fingerprint.
const RECORD_PLAIN = /^[^"\\(),\t\n\v\f\r \ud800-\udfff]+$/;
const RECORD_ESCAPE = /["\\]/g;
const LONE_SURROGATE = /\p{Cs}/u;
const rec = (v: string | null | undefined): string => {
  if (must(v) === null) return "";
  const x = v as string;
  if (RECORD_PLAIN.test(x)) return x;
  if (LONE_SURROGATE.test(x)) throw new Absent();
  return `"${x.replace(RECORD_ESCAPE, "$&$&")}"`;
};
const recFloat = (v: number | null | undefined) => (must(v) === null ? "" : pgFloat(v));

/** The export's ISO text, as PostgreSQL's to_char writes it below (anything else simply does not match). */
const ts = str;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** The fingerprint of a (normalised) model document, or null when the file leaves out a field the export writes. */
export function modelDocFingerprint(doc: ModelDoc): string | null {
  try {
    return md5(modelText(doc));
  } catch (e) {
    if (e instanceof Absent) return null;
    throw e;
  }
}

function modelText(d: ModelDoc): string {
  const c = d.classification;
  const f = must(d.fria);
  const fria =
    f === null
      ? "null"
      : `[${str(f.processes)},${str(f.periodAndFrequency)},${str(f.affectedPersons)},${str(f.specificRisks)},${str(f.humanOversight)},${str(f.mitigationMeasures)},${ts(f.notifiedAt)},${str(f.notificationReference)},${ts(f.reviewedAt)},${str(f.reviewNote)}]`;
  const classification = `[${str(c.riskClass)},${str(c.status)},${list(c.legalBasis)},${str(c.rationale)},${list(c.transparencyDuties)},${pgJsonb(c.answers)},${ts(c.classifiedAt)},${str(c.classifiedByEmail)},${bool(c.gpai)},${bool(c.gpaiSystemicRisk)},${str(c.ruleSet)}]`;
  const versions = d.versions.map(
    (v) =>
      `[${str(v.version)},${str(v.registryUri)},${str(v.stage)},${bool(v.active)},${ts(v.deployedAt)},${str(v.trainingPipelineVersion)},${str(v.servingPipelineVersion)},${pgJsonb(v.metrics)},` +
      `${str(v.rollbackTargetVersion)},${str(v.rollbackProcedure)},${ts(v.lastRollbackDrillAt)},${pgFloat(v.lastRollbackDrillMinutes)},` +
      `[${v.datasets.map((l) => `[${str(l.key)},${str(l.version)},${str(l.purpose)}]`).join(",")}],` +
      `[${v.biasAssessments
        .map(
          (a) =>
            `[${ts(a.assessedAt)},${str(a.assessorEmail)},${str(a.methodology)},${list(a.protectedAttributes)},${str(a.findings)},${str(a.mitigations)},${str(a.status)},` +
            `[${a.metrics.map((m) => `[${str(m.metric)},${str(m.group)},${pgFloat(m.value)},${pgFloat(m.threshold)},${bool(m.passed)}]`).join(",")}],` +
            `${ts(a.recordedAt)},${ts(a.withdrawnAt)},${str(a.withdrawalReason)}]`,
        )
        .join(",")}],` +
      `${ts(v.withdrawnAt)},${str(v.withdrawalReason)}]`,
  );
  const cfg = d.monitoring.config;
  const config = cfg === null ? "null" : `[${bool(cfg.enabled)},${list(cfg.features)},${list(cfg.metrics)},${pgFloat(cfg.warningThreshold)},${pgFloat(cfg.criticalThreshold)},${int(cfg.cadenceDays)}]`;
  const checks = d.monitoring.checks.map(
    (ch) =>
      `[${ts(ch.observedAt)},${str(ch.version)},${str(ch.status)},[${ch.features
        .map(
          (x) =>
            `(${rec(x.feature)},${rec(x.featureType)},${recFloat(x.psi)},${recFloat(x.ksStatistic)},${recFloat(x.ksPValue)},${recFloat(x.wasserstein)},${rec(x.metricName)},${recFloat(x.metricValue)},${rec(x.status)})`,
        )
        .join(",")}]]`,
  );
  const sections = d.sections.map(
    (s) =>
      `[${str(s.sectionKey)},${str(s.content)},${str(s.status)},${ts(s.updatedAt)},${str(s.updatedByEmail)},[${s.evidence
        .map((e) => `[${str(e.fileName)},${int(e.size)},${str(e.mediaType)},${str(e.sha256)},${JSON.stringify(md5(e.contentBase64))},${str(e.uploadedByEmail)},${ts(e.uploadedAt)}]`)
        .join(",")}]]`,
  );
  const incidents = d.incidents.map(
    (i) =>
      `[${str(i.title)},${ts(i.occurredAt)},${ts(i.awareAt)},${str(i.severity)},${str(i.deadlineRule)},${str(i.description)},${str(i.affectedPersons)},${str(i.correctiveActions)},` +
      `${ts(i.authorityNotifiedAt)},${ts(i.closedAt)},${str(i.createdByEmail)},${ts(i.withdrawnAt)},${str(i.withdrawalReason)}]`,
  );
  return (
    `[${str(d.key)},${str(d.name)},${str(d.description)},${str(d.intendedPurpose)},${str(d.foreseeableMisuse)},${str(d.businessUnit)},${str(d.actorRole)},${bool(d.publicAuthority)},` +
    `${str(d.lifecycle)},${list(d.environments)},${str(d.businessOwnerEmail)},${str(d.technicalOwnerEmail)},${ts(d.nextReviewAt)},${str(d.euDatabaseId)},${pgJsonb(d.euRegistration)},` +
    `${fria},${classification},[${versions.join(",")}],[${config},[${checks.join(",")}]],[${sections.join(",")}],[${incidents.join(",")}]]`
  );
}

// ---- the same text from the stored rows (PostgreSQL) ----

const S = (x: string) => `coalesce(to_json(${x})::text, 'null')`;
const B = (x: string) => `(${x})::text`;
const F = (x: string) => `coalesce((${x})::text, 'null')`;
const I = B;
/** text[]: Prisma reads NULL as [] */
const L = (x: string) => `coalesce(array_to_json(${x})::text, '[]')`;
const J = (x: string) => `coalesce((${x})::text, 'null')`;
const T = (x: string) => `coalesce('"' || to_char(${x}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`;
const EMAIL = (id: string) => S(`(SELECT u.email FROM "User" u WHERE u.id = ${id})`);
const row = (...parts: string[]) => `'[' || ${parts.join(` || ',' || `)} || ']'`;
/** string_agg of `item` in the order `by`, as a JSON list */
const agg = (item: string, by: string) => `'[' || coalesce(string_agg(${item}, ',' ORDER BY ${by}), '') || ']'`;
const C = (x: string) => `${x} COLLATE "C"`;
/** a row as PostgreSQL's record_out prints it (`rec` writes the same from a document): the feature results' text, at a third of the cost of JSON */
const R = (...columns: string[]) => `ROW(${columns.join(", ")})::text`;

// The models asked for, joined where needed rather than as one CTE: a CTE's rows have no statistics, and
// with them the planner expected millions of rows per join and sorted the whole feature-result table
// for a part of the keys (merge joins); the table itself gives it the real counts (hash joins).
const KEYED = `(SELECT * FROM "Model" WHERE key = ANY($1::text[])) m`;

// the lists in the export's order: its sort keys compared by code unit, here by byte ("C"; they differ
// only between astral and U+E000-U+FFFF characters, where the texts then differ and the model goes the full way).
// A check's text is built in one pass over the checks joined to their feature results (grouped per check,
// then per model), rather than grouping the feature results apart and joining that back to the checks.
const fingerprintSql = (hash: boolean) => `
WITH chk AS (
  SELECT x.id, ${agg("x.t", `x."observedAt", ${C("x.version")}`)} AS t FROM (
    SELECT c."modelId" AS id, c."observedAt", coalesce(v.version, '') AS version, ${row(
      T('c."observedAt"'),
      S("v.version"),
      S("c.status"),
      `'[' || coalesce(string_agg(${R("f.feature", 'f."featureType"', "f.psi", 'f."ksStatistic"', 'f."ksPValue"', "f.wasserstein", 'f."metricName"', 'f."metricValue"', "f.status")}, ',' ORDER BY ${C("f.feature")}, ${C(`coalesce(f."metricName", '')`)}) FILTER (WHERE f.id IS NOT NULL), '') || ']'`,
    )} AS t
    FROM "MonitoringCheck" c JOIN ${KEYED} ON m.id = c."modelId" LEFT JOIN "ModelVersion" v ON v.id = c."versionId" LEFT JOIN "MonitoringFeatureResult" f ON f."checkId" = c.id
    GROUP BY c."modelId", c.id, v.version) x
  GROUP BY x.id),
ver AS (
  SELECT v."modelId" AS id, ${agg(
    row(
      S("v.version"),
      S('v."registryUri"'),
      S("v.stage"),
      B("v.active"),
      T('v."deployedAt"'),
      S('v."trainingPipelineVersion"'),
      S('v."servingPipelineVersion"'),
      J("v.metrics"),
      S('v."rollbackTargetVersion"'),
      S('v."rollbackProcedure"'),
      T('v."lastRollbackDrillAt"'),
      F('v."lastRollbackDrillMinutes"'),
      `(SELECT ${agg(row(S("d.key"), S("d.version"), S("l.purpose")), `${C(`d.key || chr(1) || d.version || chr(1) || l.purpose::text`)}`)}
        FROM "ModelVersionDataset" l JOIN "Dataset" d ON d.id = l."datasetId" WHERE l."versionId" = v.id)`,
      `(SELECT ${agg(
        row(
          T('a."assessedAt"'),
          EMAIL('a."assessorId"'),
          S("a.methodology"),
          L('a."protectedAttributes"'),
          S("a.findings"),
          S("a.mitigations"),
          S("a.status"),
          `(SELECT ${agg(row(S("x.metric"), S('x."group"'), F("x.value"), F("x.threshold"), B("x.passed")), `${C("x.metric")}, ${C('x."group"')}`)} FROM "BiasMetric" x WHERE x."assessmentId" = a.id)`,
          T('a."createdAt"'),
          T('a."withdrawnAt"'),
          S('a."withdrawalReason"'),
        ),
        `a."assessedAt", ${C("a.methodology")}, a."createdAt"`,
      )} FROM "BiasAssessment" a WHERE a."versionId" = v.id)`,
      T('v."withdrawnAt"'),
      S('v."withdrawalReason"'),
    ),
    C("v.version"),
  )} AS t
  FROM "ModelVersion" v JOIN ${KEYED} ON m.id = v."modelId" GROUP BY v."modelId"),
sec AS (
  SELECT s."modelId" AS id, ${agg(
    row(
      S('s."sectionKey"'),
      S("s.content"),
      S("s.status"),
      T('s."updatedAt"'),
      EMAIL('s."updatedById"'),
      `(SELECT ${agg(
        row(S('e."fileName"'), I("e.size"), S('e."mediaType"'), S("e.sha256"), `'"' || md5(translate(encode(e.content, 'base64'), E'\\n', '')) || '"'`, EMAIL('e."uploadedById"'), T('e."uploadedAt"')),
        `${C("e.sha256")}, ${C('e."fileName"')}`,
      )} FROM "EvidenceFile" e WHERE e."sectionId" = s.id)`,
    ),
    C('s."sectionKey"'),
  )} AS t
  FROM "DocumentationSection" s JOIN ${KEYED} ON m.id = s."modelId" GROUP BY s."modelId"),
inc AS (
  SELECT i."modelId" AS id, ${agg(
    row(
      S("i.title"),
      T('i."occurredAt"'),
      T('i."awareAt"'),
      S("i.severity"),
      S('i."deadlineRule"'),
      S("i.description"),
      S('i."affectedPersons"'),
      S('i."correctiveActions"'),
      T('i."authorityNotifiedAt"'),
      T('i."closedAt"'),
      EMAIL('i."createdById"'),
      T('i."withdrawnAt"'),
      S('i."withdrawalReason"'),
    ),
    `i."occurredAt", ${C("i.title")}`,
  )} AS t
  FROM "Incident" i JOIN ${KEYED} ON m.id = i."modelId" GROUP BY i."modelId")
SELECT m.key, m."businessOwnerId", m."technicalOwnerId", ${hash ? "md5" : ""}(${row(
  S("m.key"),
  S("m.name"),
  S("m.description"),
  S('m."intendedPurpose"'),
  S('m."foreseeableMisuse"'),
  S("bu.name"),
  S('m."actorRole"'),
  B('m."publicAuthority"'),
  S("m.lifecycle"),
  L("m.environments"),
  EMAIL('m."businessOwnerId"'),
  EMAIL('m."technicalOwnerId"'),
  T('m."nextReviewAt"'),
  S('m."euDatabaseId"'),
  J('m."euRegistration"'),
  `coalesce((SELECT ${row(
    S("r.processes"),
    S('r."periodAndFrequency"'),
    S('r."affectedPersons"'),
    S('r."specificRisks"'),
    S('r."humanOversight"'),
    S('r."mitigationMeasures"'),
    T('r."notifiedAt"'),
    S('r."notificationReference"'),
    T('r."reviewedAt"'),
    S('r."reviewNote"'),
  )} FROM "FundamentalRightsAssessment" r WHERE r."modelId" = m.id), 'null')`,
  row(
    S('m."riskClass"'),
    S('m."classificationStatus"'),
    L('m."legalBasis"'),
    S('m."riskRationale"'),
    L('m."transparencyDuties"'),
    J('m."classificationAnswers"'),
    T('m."classifiedAt"'),
    EMAIL('m."classifiedById"'),
    B("m.gpai"),
    B('m."gpaiSystemicRisk"'),
    S('m."classificationRuleSet"'),
  ),
  `coalesce(ver.t, '[]')`,
  row(
    `coalesce((SELECT ${row(B("g.enabled"), L("g.features"), L("g.metrics"), F('g."warningThreshold"'), F('g."criticalThreshold"'), I('g."cadenceDays"'))} FROM "MonitoringConfig" g WHERE g."modelId" = m.id), 'null')`,
    `coalesce(chk.t, '[]')`,
  ),
  `coalesce(sec.t, '[]')`,
  `coalesce(inc.t, '[]')`,
)}) AS fingerprint
FROM ${KEYED} LEFT JOIN "BusinessUnit" bu ON bu.id = m."businessUnitId"
  LEFT JOIN ver ON ver.id = m.id LEFT JOIN chk ON chk.id = m.id LEFT JOIN sec ON sec.id = m.id LEFT JOIN inc ON inc.id = m.id`;

export type StoredModel = { key: string; businessOwnerId: string | null; technicalOwnerId: string | null; fingerprint: string };

// One statement per part of the keys: its CTEs scan the check and feature tables once, the cheap way
// for a whole inventory (each part still reads both tables whole: half of 10,000 keys costs ~55% of all
// of them). Two parts run at once on their own connections (two server processes) when there are many
// keys and no transaction.
const PARALLEL_FROM = 2_000;
/**
 * The read with JIT off and room to sort in memory. PostgreSQL's JIT compiles a statement whose
 * estimated cost is high (seconds for this one, more than running it), and the default work_mem sends
 * its sorts of 600,000 feature rows to disk. Both are transaction-local; inside a caller's transaction
 * they are put back afterwards.
 */
async function withReadSettings<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  const run = async (tx: Db) => {
    const [before] = await tx.$queryRawUnsafe<Array<{ jit: string; work_mem: string }>>(
      `SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem, set_config('jit', 'off', true), set_config('work_mem', '256MB', true)`,
    );
    const value = await read(tx);
    await tx.$queryRawUnsafe(`SELECT set_config('jit', $1, true), set_config('work_mem', $2, true)`, before!.jit, before!.work_mem);
    return value;
  };
  return "$transaction" in db ? db.$transaction(run, { timeout: 600_000, maxWait: 60_000 }) : run(db);
}

/** The stored models among `keys`, each with its owners and its fingerprint. */
export async function storedFingerprints(db: Db, keys: readonly string[]): Promise<Map<string, StoredModel>> {
  const parts = keys.length >= PARALLEL_FROM && "$transaction" in db ? [keys.slice(0, keys.length >> 1), keys.slice(keys.length >> 1)] : [keys];
  const rows = await Promise.all(parts.filter((part) => part.length).map((part) => withReadSettings(db, (tx) => tx.$queryRawUnsafe<StoredModel[]>(FINGERPRINT_SQL, part))));
  return new Map(rows.flat().map((r) => [r.key, r]));
}

const FINGERPRINT_SQL = fingerprintSql(true);
export const FINGERPRINT_SQL_TEXT = FINGERPRINT_SQL;

/** For tests: the stored models' fingerprint texts themselves (what `storedFingerprints` hashes). */
export async function storedFingerprintTexts(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await withReadSettings(db, (tx) => tx.$queryRawUnsafe<StoredModel[]>(fingerprintSql(false), keys));
  return new Map(rows.map((r) => [r.key, r.fingerprint]));
}

/** For tests: the text `modelDocFingerprint` hashes. */
export const modelDocFingerprintText = (doc: ModelDoc): string | null => {
  try {
    return modelText(doc);
  } catch (e) {
    if (e instanceof Absent) return null;
    throw e;
  }
};
