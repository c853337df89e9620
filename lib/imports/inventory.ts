// Import of the inventory JSON export (lib/exports/format.ts). Natural keys identify everything (model
// key, dataset key+version, version string, assessment assessedAt+methodology, check observedAt+version,
// section key, evidence sha256+file name, incident occurredAt+title). An import adds and updates, never
// deletes: what the file does not mention stays. A model is "unchanged" when merging the file into it
// would give exactly what is stored, so a re-import writes nothing.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { prisma, type Tx } from "../db";
import { can } from "../authz/policy";
import { canonicalJson } from "../audit-log/chain";
import { recordAudit, recordAuditBatch, type AuditInput } from "../audit-log/record";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { Role } from "../generated/prisma/enums";
import { MODEL_KEY_PATTERN, modelFieldsSchema } from "../models/schemas";
import { refreshCompliance } from "../models/compliance";
import { reopenApprovedReview, type ModelActor } from "../models/mutations";
import { datasetDocFromRow, loadModelDocs } from "../exports/inventory";
import { datasetDocSchema, INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION, modelDocSchema, type DatasetDoc, type ModelDoc } from "../exports/format";
import type { RowReport } from "./types";
import { insertJsonRows, MODEL_COLUMN_TYPES, VERSION_COLUMN_TYPES } from "./bulk-insert";
import { modelDocFingerprint, storedFingerprints } from "./inventory-fingerprint";

type Db = PrismaClient | Tx;

/** Top level checked as a whole; each model and dataset separately, so one bad row rejects only itself. */
export const inventoryEnvelopeSchema = z.object({
  format: z.literal(INVENTORY_FORMAT, { error: `format must be "${INVENTORY_FORMAT}"` }),
  formatVersion: z.literal(INVENTORY_FORMAT_VERSION, { error: `formatVersion must be ${INVENTORY_FORMAT_VERSION}` }),
  businessUnits: z.array(z.string().trim().min(1).max(120)).default([]),
  datasets: z.array(z.unknown()).default([]),
  models: z.array(z.unknown()),
});

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.map(String).join(".") || "row"}: ${i.message}`);
const mergeBy = <T>(existing: T[], incoming: T[], id: (x: T) => string, merge: (old: T, neu: T) => T = (_o, n) => n): T[] => {
  const out = new Map(existing.map((x) => [id(x), x]));
  for (const x of incoming) {
    const old = out.get(id(x));
    out.set(id(x), old ? merge(old, x) : x);
  }
  return [...out.values()];
};
const sorted = <T>(list: T[], id: (x: T) => string) => [...list].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));

const vId = (v: ModelDoc["versions"][number]) => v.version;
const aId = (a: ModelDoc["versions"][number]["biasAssessments"][number]) => `${a.assessedAt}\u0000${a.methodology}\u0000${a.recordedAt ?? ""}`;
const lId = (l: ModelDoc["versions"][number]["datasets"][number]) => `${l.key}\u0000${l.version}\u0000${l.purpose}`;
const cId = (c: ModelDoc["monitoring"]["checks"][number]) => `${c.observedAt}\u0000${c.version ?? ""}`;
const sId = (s: ModelDoc["sections"][number]) => s.sectionKey;
const eId = (e: ModelDoc["sections"][number]["evidence"][number]) => `${e.sha256}\u0000${e.fileName}`;
const iId = (i: ModelDoc["incidents"][number]) => `${i.occurredAt}\u0000${i.title}`;

/** What the model looks like after importing `incoming` into `existing` (in export order). */
export function mergeModelDoc(existing: ModelDoc, incoming: ModelDoc): ModelDoc {
  const activating = incoming.versions.some((v) => v.active);
  const versions = mergeBy(existing.versions, incoming.versions, vId, (o, n) => ({
    ...n,
    datasets: sorted(mergeBy(o.datasets, n.datasets, lId), lId),
    biasAssessments: sorted(mergeBy(o.biasAssessments, n.biasAssessments, aId), aId),
  })).map((v) => (activating && !incoming.versions.some((n) => n.version === v.version && n.active) ? { ...v, active: false } : v));
  return {
    ...incoming,
    // older files lack the EU registration data and the FRIA: what is stored stays; an import never deletes
    // an assessment (a file without one, null, leaves ours as it is)
    euRegistration: incoming.euRegistration === undefined ? existing.euRegistration : incoming.euRegistration,
    fria: incoming.fria ?? existing.fria ?? null,
    versions: sorted(versions, vId),
    monitoring: {
      config: incoming.monitoring.config ?? existing.monitoring.config,
      checks: sorted(mergeBy(existing.monitoring.checks, incoming.monitoring.checks, cId), cId),
    },
    sections: sorted(
      mergeBy(existing.sections, incoming.sections, sId, (o, n) => ({ ...n, evidence: sorted(mergeBy(o.evidence, n.evidence, eId), eId) })),
      sId,
    ),
    incidents: sorted(mergeBy(existing.incidents, incoming.incidents, iId), iId),
  };
}

/** Whether `list` is in strictly increasing order of `id` (as `sorted` orders): sorting it changes nothing and no id is in it twice. */
const inOrder = <T>(list: readonly T[], id: (x: T) => string) => {
  for (let i = 1; i < list.length; i++) if (!(id(list[i - 1]!) < id(list[i]!))) return false;
  return true;
};

/** Export-order normalisation of an incoming doc, so that comparisons do not depend on the file's order. */
export function normaliseModelDoc(doc: ModelDoc): ModelDoc {
  // a document already in export order with no natural key twice (as every export writes it) is its own
  // normal form: the merge into an empty model would only copy it (an unchanged re-import of 10,000
  // models spent ~0.2 s of CPU on that); the result is the merge's, key for key
  if (inOrder(doc.versions, vId) && inOrder(doc.monitoring.checks, cId) && inOrder(doc.sections, sId) && inOrder(doc.incidents, iId)) {
    return { ...doc, euRegistration: doc.euRegistration, fria: doc.fria ?? null };
  }
  return mergeModelDoc({ ...doc, euRegistration: undefined, fria: null, versions: [], monitoring: { config: null, checks: [] }, sections: [], incidents: [] }, doc);
}

function changedParts(before: ModelDoc | null, after: ModelDoc): string[] {
  const keys = Object.keys(after) as Array<keyof ModelDoc>;
  // a new model's part counts when it holds something: a non-empty list or a value (objects are listed by their own keys)
  if (!before) return keys.filter((k) => k !== "key" && holdsSomething(after[k]));
  // deep equality first (no text built): equal plain JSON is canonically equal; only a difference it
  // sees (-0, an undefined member) is settled by the canonical text
  return keys.filter((k) => !isDeepStrictEqual(before[k], after[k]) && canonicalJson(before[k]) !== canonicalJson(after[k]));
}
const holdsSomething = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && typeof v !== "object");

function emailsOf(doc: ModelDoc): string[] {
  const out = [doc.businessOwnerEmail, doc.technicalOwnerEmail, doc.classification.classifiedByEmail];
  for (const v of doc.versions) for (const a of v.biasAssessments) out.push(a.assessorEmail);
  for (const s of doc.sections) {
    out.push(s.updatedByEmail);
    for (const e of s.evidence) out.push(e.uploadedByEmail);
  }
  for (const i of doc.incidents) out.push(i.createdByEmail);
  return out.filter((e): e is string => !!e);
}

export type InventoryPlan = {
  businessUnits: string[];
  datasets: Array<{ report: RowReport; doc: DatasetDoc | null }>;
  models: Array<{ report: RowReport; doc: ModelDoc | null; existed: boolean }>;
};

export async function planInventory({
  actor,
  input,
  allowedKeys = null,
  db = prisma,
}: {
  actor: ModelActor;
  input: z.output<typeof inventoryEnvelopeSchema>;
  allowedKeys?: ReadonlySet<string> | null;
  db?: Db;
}): Promise<InventoryPlan> {
  const staff = actor.role === Role.ADMIN || actor.role === Role.COMPLIANCE_OFFICER;
  // the stored models (with a fingerprint of each) are read while the file is checked; the keys as the
  // file gives them (a row that fails its schema is simply not compared)
  const rawKeys = [...new Set(input.models.flatMap((m) => (typeof m === "object" && m !== null && typeof (m as { key?: unknown }).key === "string" ? [(m as { key: string }).key] : [])))];
  const stored = storedFingerprints(db, rawKeys);
  stored.catch(() => undefined); // awaited below; not an unhandled rejection while the file is parsed
  const datasetRows = input.datasets.map((raw, i) => ({ i, parsed: datasetDocSchema.safeParse(raw) }));
  const modelRows = await mapYielding(input.models, (raw, i) => ({ i, parsed: modelDocSchema.safeParse(raw) }));
  const datasetKeys = datasetRows.flatMap((r) => (r.parsed.success ? [{ key: r.parsed.data.key, version: r.parsed.data.version }] : []));
  // datasets the models link to may already be in Dossier rather than in the file
  for (const r of modelRows) if (r.parsed.success) for (const v of r.parsed.data.versions) for (const l of v.datasets) datasetKeys.push({ key: l.key, version: l.version });
  const existingDatasets = new Map(
    (await db.dataset.findMany({ where: { OR: datasetKeys.length ? datasetKeys : [{ id: { in: [] } }] }, include: { owner: { select: { email: true, id: true } } } })).map((d) => [
      `${d.key}\u0000${d.version}`,
      d,
    ]),
  );
  // a document with the stored fingerprint is the stored one (unchanged); only the others are read in
  // full and compared (./inventory-fingerprint.ts)
  const normalised = await mapYielding(modelRows, (r) => (r.parsed.success ? normaliseModelDoc(r.parsed.data) : null));
  const fingerprints = await mapYielding(normalised, (doc) => doc && modelDocFingerprint(doc));
  const ownership = await stored;
  const sameAsStored = normalised.map((doc, n) => !!doc && fingerprints[n] !== null && ownership.get(doc.key)?.fingerprint === fingerprints[n]);
  const differing = [...new Set(normalised.flatMap((doc, n) => (doc && ownership.has(doc.key) && !sameAsStored[n] ? [doc.key] : [])))];
  const existingModels = new Map((differing.length ? await loadModelDocs(db, { key: { in: differing } }) : []).map((m) => [m.key, m]));
  const allEmails = new Set<string>();
  for (const r of modelRows) if (r.parsed.success) for (const e of emailsOf(r.parsed.data)) allEmails.add(e);
  for (const r of datasetRows) if (r.parsed.success && r.parsed.data.ownerEmail) allEmails.add(r.parsed.data.ownerEmail);
  const users = new Map((await db.user.findMany({ where: { email: { in: [...allEmails] } }, select: { email: true, active: true } })).map((u) => [u.email, u]));
  const knownDatasets = new Set([...existingDatasets.keys()]);

  const datasets = datasetRows.map(({ i, parsed }) => {
    const key = parsed.success ? `${parsed.data.key}@${parsed.data.version}` : "";
    const report: RowReport = { ref: `datasets[${i}]`, entity: "dataset", key, outcome: "rejected", changes: [], reasons: parsed.success ? [] : issues(parsed.error) };
    if (!parsed.success) return { report, doc: null };
    const doc = parsed.data;
    knownDatasets.add(`${doc.key}\u0000${doc.version}`);
    if (doc.ownerEmail && !users.has(doc.ownerEmail)) report.reasons.push(`ownerEmail: no user with the email ${doc.ownerEmail}.`);
    const current = existingDatasets.get(`${doc.key}\u0000${doc.version}`);
    if (!current && !can(actor, "dataset.create")) report.reasons.push("You may not create datasets.");
    if (current && !can(actor, "dataset.edit", { kind: "dataset", ownerId: current.ownerId })) report.reasons.push("You may not edit this dataset.");
    if (report.reasons.length) return { report, doc: null };
    const before = current ? datasetDocFromRow(current) : null;
    const changes = (Object.keys(doc) as Array<keyof DatasetDoc>).filter((k) => canonicalJson(before?.[k] ?? null) !== canonicalJson(doc[k]));
    report.outcome = !before ? "created" : changes.length ? "updated" : "unchanged";
    report.changes = before ? changes : changes.filter((k) => k !== "key" && k !== "version");
    return { report, doc };
  });

  const seen = new Set<string>();
  const models = modelRows.map(({ i, parsed }, n) => {
    const report: RowReport = {
      ref: `models[${i}]`,
      entity: "model",
      key: parsed.success ? parsed.data.key : "",
      outcome: "rejected",
      changes: [],
      reasons: parsed.success ? [] : issues(parsed.error),
    };
    if (!parsed.success) return { report, doc: null, existed: false };
    const doc = normalised[n]!;
    if (seen.has(doc.key)) report.reasons.push(`The key "${doc.key}" appears twice in this file.`);
    seen.add(doc.key);
    if (!MODEL_KEY_PATTERN.test(doc.key)) report.reasons.push("key: Use 1-80 lowercase letters, digits and hyphens.");
    const fields = modelFieldsSchema.safeParse({ ...doc, nextReviewAt: doc.nextReviewAt });
    if (!fields.success) report.reasons.push(...issues(fields.error));
    for (const e of emailsOf(doc)) if (!users.has(e)) report.reasons.push(`No user with the email ${e} (an import never creates users).`);
    for (const e of [doc.businessOwnerEmail, doc.technicalOwnerEmail]) if (e && users.get(e)?.active === false) report.reasons.push(`Owner ${e} is deactivated.`);
    for (const v of doc.versions)
      for (const l of v.datasets) {
        if (!knownDatasets.has(`${l.key}\u0000${l.version}`)) report.reasons.push(`version ${v.version}: dataset ${l.key}@${l.version} is neither in the file nor in Dossier.`);
      }
    if (doc.versions.filter((v) => v.active).length > 1) report.reasons.push("More than one version is marked active.");
    for (const sec of doc.sections)
      for (const e of sec.evidence) {
        // the hash is what auditors check a file against: never store content that does not match it
        if (createHash("sha256").update(Buffer.from(e.contentBase64, "base64")).digest("hex") !== e.sha256)
          report.reasons.push(`section ${sec.sectionKey}: evidence ${e.fileName} does not match its sha256.`);
      }
    if (allowedKeys && !allowedKeys.has(doc.key)) report.reasons.push("Your API token is limited to other models.");
    // the stored document is the file's: no need to have read it
    const current = sameAsStored[n] ? doc : (existingModels.get(doc.key) ?? null);
    const owned = ownership.get(doc.key);
    if (owned && !can(actor, "model.edit", { kind: "model", model: owned })) report.reasons.push("You may not edit this model (you are neither its business nor its technical owner).");
    if (!owned && actor.role === Role.MODEL_OWNER && doc.businessOwnerEmail !== actor.email && doc.technicalOwnerEmail !== actor.email) {
      report.reasons.push("Name yourself as business or technical owner of a model you register.");
    }
    const merged = sameAsStored[n] ? doc : current ? mergeModelDoc(current, doc) : doc;
    const classificationChanged = !sameAsStored[n] && canonicalJson(current?.classification ?? UNCLASSIFIED) !== canonicalJson(merged.classification);
    if (classificationChanged && !staff) report.reasons.push("Only compliance officers and administrators may import a classification; leave it as it is.");
    if (report.reasons.length) return { report, doc: null, existed: !!current };
    report.changes = sameAsStored[n] ? [] : changedParts(current, merged);
    report.outcome = !current ? "created" : report.changes.length ? "updated" : "unchanged";
    return { report, doc: merged, existed: !!current };
  });
  return { businessUnits: input.businessUnits, datasets, models };
}

/** `list.map(fn)`, giving the event loop a turn every 200 items (so that a query sent before runs meanwhile). */
async function mapYielding<T, U>(list: readonly T[], fn: (x: T, i: number) => U): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(fn(list[i]!, i));
  }
  return out;
}

const UNCLASSIFIED: ModelDoc["classification"] = {
  riskClass: "UNCLASSIFIED",
  status: "NONE",
  legalBasis: [],
  rationale: null,
  transparencyDuties: [],
  answers: null,
  classifiedAt: null,
  classifiedByEmail: null,
  gpai: false,
  gpaiSystemicRisk: false,
};

const d = (s: string | null) => (s ? new Date(s) : null);
const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));

/** Write the plan: datasets first (models link to them), then each changed model in its own transaction. */
export async function applyInventoryPlan({ actor, plan, db = prisma }: { actor: ModelActor; plan: InventoryPlan; db?: PrismaClient }): Promise<void> {
  const label = { id: actor.id, label: actor.email };
  const userIds = new Map((await db.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  const uid = (e: string | null) => (e ? (userIds.get(e) ?? null) : null);
  if (plan.businessUnits.length) await db.businessUnit.createMany({ data: plan.businessUnits.map((name) => ({ name })), skipDuplicates: true });

  const datasetWork = plan.datasets.filter((x) => x.doc && (x.report.outcome === "created" || x.report.outcome === "updated"));
  if (datasetWork.length) {
    await db.$transaction(
      async (tx) => {
        for (const { doc } of datasetWork) {
          const { ownerEmail, key, version, ...rest } = doc!;
          const data = { ...rest, ownerId: uid(ownerEmail) };
          const row = await tx.dataset.upsert({ where: { key_version: { key, version } }, create: { key, version, ...data }, update: { ...data, revision: { increment: 1 } }, select: { id: true } });
          await recordAudit(tx, { actor: label, action: "dataset.import", entityType: "Dataset", entityId: row.id, after: { key, version, source: "import" } });
        }
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }

  // MODEL_CHUNK models per transaction, all-or-nothing per chunk: one audit batch and one compliance
  // refresh per chunk instead of a transaction, an audit flush and a nine-relation read per model
  const work = plan.models.filter((item) => item.doc && (item.report.outcome === "created" || item.report.outcome === "updated"));
  for (let i = 0; i < work.length; i += MODEL_CHUNK) {
    const chunk = work.slice(i, i + MODEL_CHUNK);
    try {
      await db.$transaction(
        async (tx) => {
          const events: AuditInput[] = [];
          const modelIds: string[] = [];
          // new models (all of them in a restore) go in set-based: one INSERT per table for the chunk
          const created = chunk.filter((item) => !item.existed);
          const createdIds = await insertNewModelDocs(
            tx,
            created.map((item) => item.doc!),
            uid,
          );
          for (const [j, item] of created.entries()) {
            const modelId = createdIds[j]!;
            modelIds.push(modelId);
            events.push({
              actor: label,
              action: "model.create",
              entityType: "Model",
              entityId: modelId,
              modelId,
              after: { key: item.doc!.key, source: "inventory import", changes: item.report.changes },
            });
          }
          // a model that exists is merged into row by row (natural keys decide what is updated)
          for (const item of chunk.filter((x) => x.existed)) {
            const doc = item.doc!;
            const modelId = await writeModelDoc(tx, doc, uid);
            modelIds.push(modelId);
            events.push({ actor: label, action: "model.update", entityType: "Model", entityId: modelId, modelId, after: { key: doc.key, source: "inventory import", changes: item.report.changes } });
            await reopenApprovedReview(tx, modelId, actor);
          }
          await recordAuditBatch(tx, events);
          await refreshCompliance(tx, { modelIds });
        },
        { timeout: 300_000, maxWait: 60_000 },
      );
    } catch (error) {
      console.error("[imports] inventory chunk failed", chunk[0]?.doc?.key, error);
      for (const item of chunk) {
        item.report.outcome = "rejected";
        item.report.reasons.push("Writing this batch of models failed and was rolled back; nothing of it was saved. The error was logged.");
      }
    }
  }
}

const MODEL_CHUNK = 100;

const CHECK_COLUMNS = { id: "uuid", modelId: "uuid", versionId: "uuid", observedAt: "timestamp(3)", status: '"CheckStatus"', createdAt: "timestamp(3)" };
const FEATURE_COLUMNS = {
  id: "uuid",
  checkId: "uuid",
  feature: "text",
  featureType: "text",
  psi: "float8",
  ksStatistic: "float8",
  ksPValue: "float8",
  wasserstein: "float8",
  metricName: "text",
  metricValue: "float8",
  status: '"CheckStatus"',
};

/** Make the database hold `doc` (already merged with what was there). Returns the model id. */
async function writeModelDoc(tx: Tx, doc: ModelDoc, uid: (e: string | null) => string | null): Promise<string> {
  const unit = doc.businessUnit ? await tx.businessUnit.upsert({ where: { name: doc.businessUnit }, create: { name: doc.businessUnit }, update: {}, select: { id: true } }) : null;
  const { euRegistration, classificationAnswers, ...plain } = modelColumns(doc, unit?.id ?? null, uid);
  // a file without `euRegistration` (older exports) leaves what is stored
  const columns = { ...plain, ...(euRegistration !== undefined && { euRegistration: json(euRegistration) }), classificationAnswers: json(classificationAnswers) };
  const model = await tx.model.upsert({ where: { key: doc.key }, create: { key: doc.key, ...columns }, update: { ...columns, revision: { increment: 1 } }, select: { id: true } });
  const modelId = model.id;

  const datasetIds = new Map(
    (
      await tx.dataset.findMany({
        where: { OR: [{ id: { in: [] } }, ...doc.versions.flatMap((v) => v.datasets.map((l) => ({ key: l.key, version: l.version })))] },
        select: { id: true, key: true, version: true },
      })
    ).map((x) => [`${x.key}\u0000${x.version}`, x.id]),
  );
  // deactivate first so that "at most one active version" holds at every step
  if (doc.versions.some((v) => v.active))
    await tx.modelVersion.updateMany({ where: { modelId, active: true, version: { notIn: doc.versions.filter((v) => v.active).map((v) => v.version) } }, data: { active: false } });
  const versionIds = new Map<string, string>();
  for (const v of doc.versions) {
    const data = { ...versionColumns(v), metrics: json(v.metrics) };
    // an import changes the row under any open correction form: its revision moves, as a correction's does
    const row = await tx.modelVersion.upsert({
      where: { modelId_version: { modelId, version: v.version } },
      create: { modelId, version: v.version, ...data },
      update: { ...data, revision: { increment: 1 } },
      select: { id: true },
    });
    versionIds.set(v.version, row.id);
    if (v.datasets.length) {
      await tx.modelVersionDataset.createMany({
        data: v.datasets.map((l) => ({ versionId: row.id, datasetId: datasetIds.get(`${l.key}\u0000${l.version}`)!, purpose: l.purpose })),
        skipDuplicates: true,
      });
    }
    const assessments = await tx.biasAssessment.findMany({ where: { versionId: row.id }, select: { id: true, assessedAt: true, methodology: true, createdAt: true } });
    for (const a of v.biasAssessments) {
      // one day and methodology may hold several assessments: the recording time tells them apart (older files lack it)
      const found = assessments.find(
        (x) => x.assessedAt.toISOString() === a.assessedAt && x.methodology === a.methodology && (a.recordedAt === undefined || x.createdAt.toISOString() === a.recordedAt),
      );
      const data = assessmentColumns(a, uid);
      const id = found
        ? (await tx.biasAssessment.update({ where: { id: found.id }, data, select: { id: true } })).id
        : (await tx.biasAssessment.create({ data: { versionId: row.id, ...data }, select: { id: true } })).id;
      if (found) await tx.biasMetric.deleteMany({ where: { assessmentId: id } });
      if (a.metrics.length) await tx.biasMetric.createMany({ data: a.metrics.map((m) => ({ assessmentId: id, ...m })) });
    }
  }
  const cfg = doc.monitoring.config;
  if (cfg) await tx.monitoringConfig.upsert({ where: { modelId }, create: { modelId, ...cfg }, update: cfg });
  const checks = await tx.monitoringCheck.findMany({ where: { modelId }, select: { id: true, observedAt: true, version: { select: { version: true } } } });
  // new checks (all of them in a restore) and their feature results: two set-based INSERTs per model
  const newChecks: Array<Record<string, unknown>> = [];
  const newFeatures: Array<Record<string, unknown>> = [];
  const now = new Date();
  for (const ch of doc.monitoring.checks) {
    const found = checks.find((x) => x.observedAt.toISOString() === ch.observedAt && (x.version?.version ?? null) === ch.version);
    const data = { observedAt: new Date(ch.observedAt), status: ch.status, versionId: ch.version ? (versionIds.get(ch.version) ?? null) : null };
    if (!found) {
      const id = randomUUID();
      newChecks.push({ id, modelId, ...data, createdAt: now });
      for (const f of ch.features) newFeatures.push({ id: randomUUID(), checkId: id, ...f });
      continue;
    }
    await tx.monitoringCheck.update({ where: { id: found.id }, data });
    await tx.monitoringFeatureResult.deleteMany({ where: { checkId: found.id } });
    if (ch.features.length) await tx.monitoringFeatureResult.createMany({ data: ch.features.map((f) => ({ checkId: found.id, ...f })) });
  }
  await insertJsonRows(tx, "MonitoringCheck", CHECK_COLUMNS, newChecks);
  await insertJsonRows(tx, "MonitoringFeatureResult", FEATURE_COLUMNS, newFeatures);
  for (const s of doc.sections) {
    const data = sectionColumns(s, uid);
    const section = await tx.documentationSection.upsert({
      where: { modelId_sectionKey: { modelId, sectionKey: s.sectionKey } },
      create: { modelId, sectionKey: s.sectionKey, ...data },
      update: data,
      select: { id: true, evidence: { select: { sha256: true, fileName: true } } },
    });
    const have = new Set(section.evidence.map((e) => `${e.sha256}\u0000${e.fileName}`));
    const missing = s.evidence.filter((e) => !have.has(eId(e)));
    if (missing.length) {
      await tx.evidenceFile.createMany({
        data: missing.map((e) => ({ sectionId: section.id, ...evidenceColumns(e, uid), content: Buffer.from(e.contentBase64, "base64") })),
      });
    }
  }
  if (doc.fria) {
    const data = friaColumns(doc.fria);
    const stored = await tx.fundamentalRightsAssessment.findUnique({ where: { modelId } });
    const same = stored && (Object.keys(data) as Array<keyof typeof data>).every((k) => canonicalJson(stored[k]) === canonicalJson(data[k]));
    // an unchanged assessment keeps its revision, so a form opened on it is not made stale by the import
    if (!same) await tx.fundamentalRightsAssessment.upsert({ where: { modelId }, create: { modelId, ...data }, update: { ...data, revision: { increment: 1 } } });
  }
  const incidents = await tx.incident.findMany({ where: { modelId }, select: { id: true, occurredAt: true, title: true } });
  for (const i of doc.incidents) {
    const found = incidents.find((x) => x.occurredAt.toISOString() === i.occurredAt && x.title === i.title);
    const data = incidentColumns(i, uid);
    if (found) await tx.incident.update({ where: { id: found.id }, data: { ...data, revision: { increment: 1 } } });
    else await tx.incident.create({ data: { modelId, ...data } });
  }
  return modelId;
}

type Uid = (e: string | null) => string | null;
type VersionDoc = ModelDoc["versions"][number];

// Column values of each row a model document is written as, shared by the per-model path (Prisma,
// which wants Prisma.DbNull for a JSON null) and the set-based one (plain JSON, lib/imports/bulk-insert.ts).
function modelColumns(doc: ModelDoc, businessUnitId: string | null, uid: Uid) {
  const c = doc.classification;
  return {
    name: doc.name,
    description: doc.description,
    intendedPurpose: doc.intendedPurpose,
    foreseeableMisuse: doc.foreseeableMisuse,
    businessUnitId,
    actorRole: doc.actorRole,
    publicAuthority: doc.publicAuthority,
    lifecycle: doc.lifecycle,
    environments: doc.environments,
    businessOwnerId: uid(doc.businessOwnerEmail),
    technicalOwnerId: uid(doc.technicalOwnerEmail),
    nextReviewAt: d(doc.nextReviewAt),
    euDatabaseId: doc.euDatabaseId,
    euRegistration: doc.euRegistration,
    classificationRuleSet: c.ruleSet ?? null,
    riskClass: c.riskClass,
    classificationStatus: c.status,
    legalBasis: c.legalBasis,
    riskRationale: c.rationale,
    transparencyDuties: c.transparencyDuties,
    classificationAnswers: c.answers,
    classifiedAt: d(c.classifiedAt),
    classifiedById: uid(c.classifiedByEmail),
    gpai: c.gpai,
    gpaiSystemicRisk: c.gpaiSystemicRisk,
  };
}

const friaColumns = (f: NonNullable<ModelDoc["fria"]>) => ({ ...f, notifiedAt: d(f.notifiedAt), reviewedAt: new Date(f.reviewedAt) });

const versionColumns = (v: VersionDoc) => ({
  registryUri: v.registryUri,
  stage: v.stage,
  active: v.active,
  deployedAt: d(v.deployedAt),
  trainingPipelineVersion: v.trainingPipelineVersion,
  servingPipelineVersion: v.servingPipelineVersion,
  rollbackTargetVersion: v.rollbackTargetVersion,
  rollbackProcedure: v.rollbackProcedure,
  lastRollbackDrillAt: d(v.lastRollbackDrillAt),
  lastRollbackDrillMinutes: v.lastRollbackDrillMinutes,
  ...(v.withdrawnAt !== undefined && { withdrawnAt: d(v.withdrawnAt), withdrawalReason: v.withdrawalReason ?? null }),
});

const assessmentColumns = (a: VersionDoc["biasAssessments"][number], uid: Uid) => ({
  assessedAt: new Date(a.assessedAt),
  assessorId: uid(a.assessorEmail),
  methodology: a.methodology,
  protectedAttributes: a.protectedAttributes,
  findings: a.findings,
  mitigations: a.mitigations,
  status: a.status,
  ...(a.recordedAt !== undefined && { createdAt: new Date(a.recordedAt) }),
  ...(a.withdrawnAt !== undefined && { withdrawnAt: a.withdrawnAt ? new Date(a.withdrawnAt) : null, withdrawalReason: a.withdrawalReason ?? null }),
});

const sectionColumns = (s: ModelDoc["sections"][number], uid: Uid) => ({ content: s.content, status: s.status, updatedAt: new Date(s.updatedAt), updatedById: uid(s.updatedByEmail) });

const evidenceColumns = (e: ModelDoc["sections"][number]["evidence"][number], uid: Uid) => ({
  fileName: e.fileName,
  size: e.size,
  mediaType: e.mediaType,
  sha256: e.sha256,
  uploadedById: uid(e.uploadedByEmail),
  uploadedAt: new Date(e.uploadedAt),
});

const incidentColumns = (i: ModelDoc["incidents"][number], uid: Uid) => ({
  title: i.title,
  occurredAt: new Date(i.occurredAt),
  awareAt: new Date(i.awareAt),
  severity: i.severity,
  deadlineRule: i.deadlineRule,
  description: i.description,
  affectedPersons: i.affectedPersons,
  correctiveActions: i.correctiveActions,
  authorityNotifiedAt: d(i.authorityNotifiedAt),
  closedAt: d(i.closedAt),
  createdById: uid(i.createdByEmail),
  ...(i.withdrawnAt !== undefined && { withdrawnAt: d(i.withdrawnAt), withdrawalReason: i.withdrawalReason ?? null }),
});

const NEW_MODEL_COLUMNS = {
  ...MODEL_COLUMN_TYPES,
  euRegistration: "jsonb",
  classificationRuleSet: "text",
  riskClass: '"RiskClass"',
  classificationStatus: '"ClassificationStatus"',
  legalBasis: "text[]",
  riskRationale: "text",
  transparencyDuties: "text[]",
  classificationAnswers: "jsonb",
  classifiedAt: "timestamp(3)",
  classifiedById: "uuid",
  gpai: "boolean",
  gpaiSystemicRisk: "boolean",
};
const NEW_VERSION_COLUMNS = {
  ...VERSION_COLUMN_TYPES,
  deployedAt: "timestamp(3)",
  metrics: "jsonb",
  rollbackTargetVersion: "text",
  rollbackProcedure: "text",
  lastRollbackDrillAt: "timestamp(3)",
  lastRollbackDrillMinutes: "float8",
  withdrawnAt: "timestamp(3)",
  withdrawalReason: "text",
};
const LINK_COLUMNS = { versionId: "uuid", datasetId: "uuid", purpose: '"DatasetPurpose"' };
const ASSESSMENT_COLUMNS = {
  id: "uuid",
  versionId: "uuid",
  assessedAt: "timestamp(3)",
  assessorId: "uuid",
  methodology: "text",
  protectedAttributes: "text[]",
  findings: "text",
  mitigations: "text",
  status: '"AssessmentStatus"',
  createdAt: "timestamp(3)",
  withdrawnAt: "timestamp(3)",
  withdrawalReason: "text",
};
const METRIC_COLUMNS = { id: "uuid", assessmentId: "uuid", metric: "text", group: "text", value: "float8", threshold: "float8", passed: "boolean" };
const CONFIG_COLUMNS = {
  id: "uuid",
  modelId: "uuid",
  enabled: "boolean",
  features: "text[]",
  metrics: "text[]",
  warningThreshold: "float8",
  criticalThreshold: "float8",
  cadenceDays: "int4",
  updatedAt: "timestamp(3)",
};
const SECTION_COLUMNS = { id: "uuid", modelId: "uuid", sectionKey: "text", content: "text", status: '"SectionStatus"', updatedAt: "timestamp(3)", updatedById: "uuid" };
const EVIDENCE_COLUMNS = {
  id: "uuid",
  sectionId: "uuid",
  fileName: "text",
  size: "int4",
  mediaType: "text",
  sha256: "text",
  content: "bytea",
  uploadedById: "uuid",
  uploadedAt: "timestamp(3)",
};
const INCIDENT_COLUMNS = {
  id: "uuid",
  modelId: "uuid",
  title: "text",
  occurredAt: "timestamp(3)",
  awareAt: "timestamp(3)",
  severity: '"IncidentSeverity"',
  deadlineRule: '"IncidentDeadlineRule"',
  description: "text",
  affectedPersons: "text",
  correctiveActions: "text",
  authorityNotifiedAt: "timestamp(3)",
  closedAt: "timestamp(3)",
  createdById: "uuid",
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
  withdrawnAt: "timestamp(3)",
  withdrawalReason: "text",
};

/**
 * Write models that do not exist yet, with everything they hold, by one INSERT per table for the whole
 * batch (writeModelDoc's upserts cost ~15 statements per model, most of a restore's time). The documents
 * are normalised (no natural key twice), so plain INSERTs give what the upserts gave. Returns the new
 * model ids in the order of `docs`.
 */
async function insertNewModelDocs(tx: Tx, docs: ModelDoc[], uid: Uid): Promise<string[]> {
  if (docs.length === 0) return [];
  const now = new Date();
  const unitNames = [...new Set(docs.map((doc) => doc.businessUnit).filter((n): n is string => !!n))];
  if (unitNames.length) await tx.businessUnit.createMany({ data: unitNames.map((name) => ({ name })), skipDuplicates: true });
  const units = new Map((await tx.businessUnit.findMany({ where: { name: { in: unitNames } }, select: { id: true, name: true } })).map((u) => [u.name, u.id]));
  const links = docs.flatMap((doc) => doc.versions.flatMap((v) => v.datasets.map((l) => ({ key: l.key, version: l.version }))));
  const datasetIds = new Map(
    (links.length ? await tx.dataset.findMany({ where: { OR: links }, select: { id: true, key: true, version: true } }) : []).map((x) => [`${x.key}\u0000${x.version}`, x.id]),
  );
  const rows = { models: [], versions: [], links: [], assessments: [], metrics: [], configs: [], checks: [], features: [], sections: [], evidence: [], incidents: [] } as Record<
    "models" | "versions" | "links" | "assessments" | "metrics" | "configs" | "checks" | "features" | "sections" | "evidence" | "incidents",
    Array<Record<string, unknown>>
  >;
  const ids = docs.map((doc) => {
    const modelId = randomUUID();
    rows.models.push({ id: modelId, key: doc.key, ...modelColumns(doc, doc.businessUnit ? (units.get(doc.businessUnit) ?? null) : null, uid), updatedAt: now });
    const versionIds = new Map<string, string>();
    for (const v of doc.versions) {
      const versionId = randomUUID();
      versionIds.set(v.version, versionId);
      rows.versions.push({ id: versionId, modelId, version: v.version, ...versionColumns(v), metrics: v.metrics, updatedAt: now });
      for (const l of v.datasets) rows.links.push({ versionId, datasetId: datasetIds.get(`${l.key}\u0000${l.version}`)!, purpose: l.purpose });
      for (const a of v.biasAssessments) {
        const assessmentId = randomUUID();
        rows.assessments.push({ id: assessmentId, versionId, createdAt: now, ...assessmentColumns(a, uid) });
        for (const m of a.metrics) rows.metrics.push({ id: randomUUID(), assessmentId, ...m });
      }
    }
    const cfg = doc.monitoring.config;
    if (cfg) rows.configs.push({ id: randomUUID(), modelId, ...cfg, updatedAt: now });
    for (const ch of doc.monitoring.checks) {
      const checkId = randomUUID();
      rows.checks.push({ id: checkId, modelId, observedAt: new Date(ch.observedAt), status: ch.status, versionId: ch.version ? (versionIds.get(ch.version) ?? null) : null, createdAt: now });
      for (const f of ch.features) rows.features.push({ id: randomUUID(), checkId, ...f });
    }
    for (const s of doc.sections) {
      const sectionId = randomUUID();
      rows.sections.push({ id: sectionId, modelId, sectionKey: s.sectionKey, ...sectionColumns(s, uid) });
      // bytea from JSON text in PostgreSQL's hex form
      for (const e of s.evidence) rows.evidence.push({ id: randomUUID(), sectionId, ...evidenceColumns(e, uid), content: `\\x${Buffer.from(e.contentBase64, "base64").toString("hex")}` });
    }
    for (const i of doc.incidents) rows.incidents.push({ id: randomUUID(), modelId, ...incidentColumns(i, uid), createdAt: now, updatedAt: now });
    return modelId;
  });
  await insertJsonRows(tx, "Model", NEW_MODEL_COLUMNS, rows.models);
  await insertJsonRows(tx, "ModelVersion", NEW_VERSION_COLUMNS, rows.versions);
  await insertJsonRows(tx, "ModelVersionDataset", LINK_COLUMNS, rows.links, { onConflictDoNothing: true });
  await insertJsonRows(tx, "BiasAssessment", ASSESSMENT_COLUMNS, rows.assessments);
  await insertJsonRows(tx, "BiasMetric", METRIC_COLUMNS, rows.metrics);
  await insertJsonRows(tx, "MonitoringConfig", CONFIG_COLUMNS, rows.configs);
  await insertJsonRows(tx, "MonitoringCheck", CHECK_COLUMNS, rows.checks);
  await insertJsonRows(tx, "MonitoringFeatureResult", FEATURE_COLUMNS, rows.features);
  await insertJsonRows(tx, "DocumentationSection", SECTION_COLUMNS, rows.sections);
  await insertJsonRows(tx, "EvidenceFile", EVIDENCE_COLUMNS, rows.evidence);
  await insertJsonRows(tx, "Incident", INCIDENT_COLUMNS, rows.incidents);
  const frias = docs.flatMap((doc, n) => (doc.fria ? [{ modelId: ids[n]!, ...friaColumns(doc.fria) }] : []));
  if (frias.length) await tx.fundamentalRightsAssessment.createMany({ data: frias });
  return ids;
}
