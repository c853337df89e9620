// Plan and apply registry-style imports (CSV, MLflow): one RegistryRow per model, compared with the
// database before anything is written so that a re-import reports "unchanged" and writes nothing.
// Every row is validated with the model form's own zod schemas (lib/models/schemas.ts).
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma, type Tx } from "../db";
import { can, type Resource } from "../authz/policy";
import type { AuditInput } from "../audit-log/record";
import { recordAuditBatch } from "../audit-log/record";
import { insertJsonRows, MODEL_COLUMN_TYPES, VERSION_COLUMN_TYPES } from "./bulk-insert";
import { Role, type ActorRole, type Lifecycle } from "../generated/prisma/enums";
import type { PrismaClient } from "../generated/prisma/client";
import { createModelSchema, modelFieldsSchema, type ModelFields } from "../models/schemas";
import { newModelVerdicts, refreshCompliance, VERDICT_INSERT_COLUMNS, type CreatedModelRelations, type NewModelColumns } from "../models/compliance";
import { reopenApprovedReview, type ModelActor } from "../models/mutations";
import type { RegistryRow, RowReport, VersionRowInput } from "./types";
import { writableFieldsOf } from "../models/upsert";
import { versionFieldsSchema, versionLabelSchema } from "../versions/schemas";

type Db = PrismaClient | Tx;

// the API's own version schema: a label like "../x" is refused here as it is there
export const importVersionSchema = versionFieldsSchema
  .pick({ registryUri: true, stage: true, active: true, trainingPipelineVersion: true, servingPipelineVersion: true })
  .extend({ version: versionLabelSchema });

const MODEL_FIELDS = [
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
] as const satisfies ReadonlyArray<keyof ModelFields>;
const VERSION_FIELDS = ["registryUri", "stage", "active", "trainingPipelineVersion", "servingPipelineVersion"] as const;

type ExistingVersion = {
  id: string;
  version: string;
  registryUri: string | null;
  stage: string | null;
  active: boolean;
  trainingPipelineVersion: string | null;
  servingPipelineVersion: string | null;
};
/** What the comparison reads of a model (MODEL_FIELDS_SELECT's shape) plus its versions. */
type Existing = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  intendedPurpose: string | null;
  foreseeableMisuse: string | null;
  actorRole: ActorRole;
  publicAuthority: boolean;
  lifecycle: Lifecycle;
  environments: string[];
  nextReviewAt: Date | null;
  euDatabaseId: string | null;
  revision: number;
  businessOwnerId: string | null;
  technicalOwnerId: string | null;
  businessUnit: { name: string } | null;
  businessOwner: { email: string } | null;
  technicalOwner: { email: string } | null;
  versions: ExistingVersion[];
};
type ExistingRow = Omit<Existing, "businessUnit" | "businessOwner" | "technicalOwner" | "nextReviewAt"> & {
  businessUnitName: string | null;
  businessOwnerEmail: string | null;
  technicalOwnerEmail: string | null;
  nextReviewAt: string | null;
};

export type PlannedRow = {
  report: RowReport;
  key: string;
  existing: Existing | null;
  fields: ModelFields | null;
  versions: Array<{ input: z.output<typeof importVersionSchema>; existing: ExistingVersion | null; changed: boolean }>;
};

/**
 * The current state of every model the file names, in one statement (versions aggregated per model):
 * the ORM's nested select cost ~0.4 ms per model, most of an unchanged re-import's time.
 */
async function loadExisting(db: Db, keys: string[]): Promise<Existing[]> {
  if (keys.length === 0) return [];
  const rows = await db.$queryRaw<ExistingRow[]>`
    SELECT m."id"::text AS "id", m."key", m."name", m."description", m."intendedPurpose", m."foreseeableMisuse",
           m."actorRole"::text AS "actorRole", m."publicAuthority", m."lifecycle"::text AS "lifecycle", m."environments",
           to_char(m."nextReviewAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "nextReviewAt", m."euDatabaseId", m."revision",
           m."businessOwnerId"::text AS "businessOwnerId", m."technicalOwnerId"::text AS "technicalOwnerId",
           bu."name" AS "businessUnitName", bo."email" AS "businessOwnerEmail", tech."email" AS "technicalOwnerEmail",
           COALESCE((SELECT json_agg(json_build_object('id', v."id", 'version', v."version", 'registryUri', v."registryUri", 'stage', v."stage", 'active', v."active",
                              'trainingPipelineVersion', v."trainingPipelineVersion", 'servingPipelineVersion', v."servingPipelineVersion") ORDER BY v."createdAt", v."id")
                     FROM "ModelVersion" v WHERE v."modelId" = m."id"), '[]'::json) AS "versions"
    FROM "Model" m
    LEFT JOIN "BusinessUnit" bu ON bu."id" = m."businessUnitId"
    LEFT JOIN "User" bo ON bo."id" = m."businessOwnerId"
    LEFT JOIN "User" tech ON tech."id" = m."technicalOwnerId"
    WHERE m."key" = ANY(${keys}::text[])`;
  return rows.map(({ businessUnitName, businessOwnerEmail, technicalOwnerEmail, nextReviewAt, ...m }) => ({
    ...m,
    environments: m.environments ?? [],
    nextReviewAt: nextReviewAt === null ? null : new Date(nextReviewAt),
    businessUnit: businessUnitName === null ? null : { name: businessUnitName },
    businessOwner: businessOwnerEmail === null ? null : { email: businessOwnerEmail },
    technicalOwner: technicalOwnerEmail === null ? null : { email: technicalOwnerEmail },
  }));
}

const same = (a: unknown, b: unknown) => norm(a) === norm(b);
function norm(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return "null";
  return JSON.stringify(v);
}

function currentFields(e: Existing): Record<(typeof MODEL_FIELDS)[number], unknown> {
  return {
    ...writableFieldsOf(e),
    nextReviewAt: e.nextReviewAt,
    euDatabaseId: e.euDatabaseId,
  };
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.map(String).join(".") || "row"}: ${i.message}`);

export type RegistryPlanOptions = {
  actor: ModelActor;
  rows: RegistryRow[];
  /** keys an API token is limited to; null = any the actor may edit */
  allowedKeys?: ReadonlySet<string> | null;
  db?: Db;
};

/** Compare every row with the database; nothing is written. */
export async function planRegistryRows({ actor, rows, allowedKeys = null, db = prisma }: RegistryPlanOptions): Promise<PlannedRow[]> {
  const existing = new Map((await loadExisting(db, [...new Set(rows.map((r) => r.key).filter(Boolean))])).map((m) => [m.key, m]));
  const emails = new Set<string>();
  for (const r of rows)
    for (const f of ["businessOwnerEmail", "technicalOwnerEmail"]) {
      const v = r.fields[f];
      if (typeof v === "string" && v.trim()) emails.add(v.trim().toLowerCase());
    }
  const users = new Map((await db.user.findMany({ where: { email: { in: [...emails] } }, select: { id: true, email: true, active: true } })).map((u) => [u.email, u]));
  const seenKeys = new Set<string>();

  return rows.map((row): PlannedRow => {
    const current = existing.get(row.key) ?? null;
    const report: RowReport = { ref: row.ref, entity: "model", key: row.key, outcome: "rejected", changes: [], reasons: [...row.problems] };
    const planned: PlannedRow = { report, key: row.key, existing: current, fields: null, versions: [] };
    if (row.key && seenKeys.has(row.key)) report.reasons.push(`The key "${row.key}" appears in more than one row of this file.`);
    seenKeys.add(row.key);
    if (report.reasons.length) return planned;

    if (allowedKeys && !allowedKeys.has(row.key)) report.reasons.push("Your API token is limited to other models.");
    if (current && !can(actor, "model.edit", { kind: "model", model: current } satisfies Resource)) {
      report.reasons.push("You may not edit this model (you are neither its business nor its technical owner).");
    }
    const merged = { ...(current ? currentFields(current) : {}), ...row.fields };
    const parsed = current ? modelFieldsSchema.safeParse(merged) : createModelSchema.safeParse({ ...merged, key: row.key });
    if (!parsed.success) report.reasons.push(...issues(parsed.error));
    let fields: ModelFields | null = null;
    if (parsed.success) {
      const { key: _key, ...rest } = parsed.data as ModelFields & { key?: string };
      fields = rest;
      for (const f of ["businessOwnerEmail", "technicalOwnerEmail"] as const) {
        const email = fields[f];
        // only owners the row sets are checked: a model keeps an owner it already has
        if (email && f in row.fields && !users.get(email)?.active) report.reasons.push(`${f}: No active user with the email ${email}.`);
      }
      if (actor.role === Role.MODEL_OWNER) {
        const mine = (email: string | null | undefined) => email === actor.email;
        if (!mine(fields.businessOwnerEmail) && !mine(fields.technicalOwnerEmail)) {
          // as in createModel: an owner who registers a model is accountable for it
          if (!current && !fields.technicalOwnerEmail) fields.technicalOwnerEmail = actor.email;
          else report.reasons.push("Name yourself as business or technical owner: you would not own this model.");
        }
      }
    }
    const versionInputs = [];
    for (const v of row.versions) {
      const pv = importVersionSchema.safeParse(v satisfies VersionRowInput);
      if (!pv.success) report.reasons.push(...issues(pv.error).map((m) => `version ${v.version}: ${m}`));
      else versionInputs.push(pv.data);
    }
    if (versionInputs.filter((v) => v.active).length > 1) report.reasons.push("More than one version is marked active.");
    if (report.reasons.length || !fields) return planned;

    planned.fields = fields;
    if (!current) {
      report.outcome = "created";
      report.changes = MODEL_FIELDS.filter((f) => fields[f] !== undefined && fields[f] !== null && !(Array.isArray(fields[f]) && fields[f].length === 0));
      report.changes.push(...versionInputs.map((v) => `version ${v.version}`));
      planned.versions = versionInputs.map((input) => ({ input, existing: null, changed: true }));
      return planned;
    }
    const before = currentFields(current);
    report.changes = MODEL_FIELDS.filter((f) => fields[f] !== undefined && !same(fields[f], before[f]));
    const anyActive = versionInputs.some((v) => v.active);
    for (const input of versionInputs) {
      const ev = current.versions.find((x) => x.version === input.version) ?? null;
      const changedFields = ev ? VERSION_FIELDS.filter((f) => input[f] !== undefined && !same(input[f], ev[f])) : [];
      if (!ev) report.changes.push(`version ${input.version}`);
      else report.changes.push(...changedFields.map((f) => `version ${input.version}.${f}`));
      planned.versions.push({ input, existing: ev, changed: !ev || changedFields.length > 0 });
    }
    if (anyActive) {
      for (const ev of current.versions) {
        if (ev.active && !versionInputs.some((v) => v.version === ev.version && v.active)) report.changes.push(`version ${ev.version}.active`);
      }
    }
    report.outcome = report.changes.length ? "updated" : "unchanged";
    return planned;
  });
}

const CHUNK = 500;

/**
 * Write the planned creates and updates, CHUNK models per transaction (a failure rolls back that chunk
 * only and is reported per row). One audit event per created or updated model, so each model's history
 * shows the import; compliance refreshed for the chunk's models in the same transaction.
 */
export async function applyRegistryPlan({ actor, plan, db = prisma }: { actor: ModelActor; plan: PlannedRow[]; db?: PrismaClient }): Promise<void> {
  const work = plan.filter((p) => p.report.outcome === "created" || p.report.outcome === "updated");
  const label = { id: actor.id, label: actor.email };
  for (let i = 0; i < work.length; i += CHUNK) {
    const chunk = work.slice(i, i + CHUNK);
    try {
      await db.$transaction(
        async (tx) => {
          const now = new Date();
          const units = await resolveUnits(tx, chunk);
          const owners = await resolveOwners(tx, chunk);
          const touched: string[] = [];
          const events: AuditInput[] = [];
          const creates = chunk.filter((p) => p.report.outcome === "created");
          const versionRows: Array<{ modelId: string } & ReturnType<typeof versionColumns>> = [];
          const person = (id: string | null) => (id ? { id, name: owners.byId.get(id)! } : null);
          // actorRole and publicAuthority take the schema's defaults (prisma/schema.prisma) when the row leaves them out
          const newModels = creates.map((p) => {
            const columns: NewModelColumns = { id: randomUUID(), key: p.key, ...modelColumns(p.fields!, units, owners) };
            const active = p.versions.find((v) => v.input.active)?.input;
            const relations: CreatedModelRelations = {
              businessUnit: p.fields!.businessUnit && columns.businessUnitId ? { name: p.fields!.businessUnit } : null,
              businessOwner: person(columns.businessOwnerId),
              technicalOwner: person(columns.technicalOwnerId),
              activeVersion: active
                ? { version: active.version, trainingPipelineVersion: active.trainingPipelineVersion ?? null, servingPipelineVersion: active.servingPipelineVersion ?? null }
                : null,
            };
            for (const v of p.versions) versionRows.push({ modelId: columns.id, ...versionColumns(v.input) });
            events.push({
              actor: label,
              action: "model.create",
              entityType: "Model",
              entityId: columns.id,
              modelId: columns.id,
              after: { actorRole: "DEPLOYER", publicAuthority: false, ...columns, source: "import", versions: p.versions.map((v) => v.input) },
            });
            return { columns, relations };
          });
          // the compliance verdict goes in with the row: no re-read and no second write of every new model
          const verdicts = newModelVerdicts(newModels, now);
          await insertJsonRows(
            tx,
            "Model",
            { ...MODEL_COLUMN_TYPES, ...VERDICT_INSERT_COLUMNS },
            newModels.map(({ columns }, j) => ({ actorRole: "DEPLOYER", publicAuthority: false, ...columns, ...verdicts[j], updatedAt: now })),
          );
          for (const p of chunk.filter((x) => x.report.outcome === "updated")) {
            const e = p.existing!;
            const modelChanges = p.report.changes.filter((c) => !c.startsWith("version "));
            if (modelChanges.length) {
              const all = modelColumns(p.fields!, units, owners);
              const data = Object.fromEntries(Object.entries(all).filter(([k]) => modelChanges.some((c) => COLUMN_OF[c] === k)));
              // the revision in the WHERE keeps a concurrent edit from being overwritten
              const res = await tx.model.updateMany({ where: { id: e.id, revision: e.revision }, data: { ...data, revision: { increment: 1 } } });
              if (res.count !== 1) {
                p.report.outcome = "rejected";
                p.report.reasons.push("Someone else changed this model while the import ran; nothing was overwritten. Import again.");
                continue;
              }
            }
            const activating = p.versions.some((v) => v.input.active);
            if (activating)
              await tx.modelVersion.updateMany({
                where: { modelId: e.id, active: true, version: { notIn: p.versions.filter((v) => v.input.active).map((v) => v.input.version) } },
                data: { active: false },
              });
            for (const v of p.versions.filter((x) => x.changed)) {
              if (v.existing) await tx.modelVersion.update({ where: { id: v.existing.id }, data: versionColumns(v.input) });
              else versionRows.push({ modelId: e.id, ...versionColumns(v.input) });
            }
            if (!modelChanges.length) await tx.model.update({ where: { id: e.id }, data: { revision: { increment: 1 } } });
            touched.push(e.id);
            const before = currentFields(e);
            events.push({
              actor: label,
              action: "model.update",
              entityType: "Model",
              entityId: e.id,
              modelId: e.id,
              before: { ...Object.fromEntries(modelChanges.map((c) => [c, before[c as keyof typeof before] ?? null])), revision: e.revision },
              after: { ...Object.fromEntries(modelChanges.map((c) => [c, p.fields![c as keyof ModelFields] ?? null])), source: "import", changes: p.report.changes },
            });
            await reopenApprovedReview(tx, e.id, actor);
          }
          await insertJsonRows(
            tx,
            "ModelVersion",
            VERSION_COLUMN_TYPES,
            versionRows.map((v) => ({ id: randomUUID(), ...v, active: v.active ?? false, updatedAt: now })),
          );
          await recordAuditBatch(tx, events);
          if (touched.length) await refreshCompliance(tx, { modelIds: touched });
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    } catch (error) {
      console.error("[imports] chunk failed", error);
      for (const p of chunk) {
        if (p.report.outcome === "rejected") continue;
        p.report.outcome = "rejected";
        p.report.reasons.push("Writing this batch failed and was rolled back; nothing of it was saved. The error was logged.");
      }
    }
  }
}

const COLUMN_OF: Record<string, string> = {
  name: "name",
  description: "description",
  intendedPurpose: "intendedPurpose",
  foreseeableMisuse: "foreseeableMisuse",
  businessUnit: "businessUnitId",
  actorRole: "actorRole",
  publicAuthority: "publicAuthority",
  lifecycle: "lifecycle",
  environments: "environments",
  businessOwnerEmail: "businessOwnerId",
  technicalOwnerEmail: "technicalOwnerId",
  nextReviewAt: "nextReviewAt",
  euDatabaseId: "euDatabaseId",
};

function modelColumns(f: ModelFields, units: Map<string, string>, owners: Owners) {
  const id = (email: string | null | undefined) => (email ? (owners.byEmail.get(email) ?? null) : null);
  return {
    name: f.name,
    description: f.description ?? null,
    intendedPurpose: f.intendedPurpose ?? null,
    foreseeableMisuse: f.foreseeableMisuse ?? null,
    businessUnitId: f.businessUnit ? (units.get(f.businessUnit) ?? null) : null,
    ...(f.actorRole ? { actorRole: f.actorRole } : {}),
    ...(f.publicAuthority !== undefined ? { publicAuthority: f.publicAuthority } : {}),
    lifecycle: f.lifecycle,
    environments: f.environments ?? [],
    businessOwnerId: id(f.businessOwnerEmail),
    technicalOwnerId: id(f.technicalOwnerEmail),
    nextReviewAt: f.nextReviewAt ?? null,
    euDatabaseId: f.euDatabaseId ?? null,
  };
}

function versionColumns(v: z.output<typeof importVersionSchema>) {
  const { version, registryUri, stage, active, trainingPipelineVersion, servingPipelineVersion } = v;
  // undefined = "leave alone" for Prisma as well
  return { version, registryUri, stage, active, trainingPipelineVersion, servingPipelineVersion };
}

async function resolveUnits(tx: Tx, chunk: PlannedRow[]) {
  const names = [...new Set(chunk.map((p) => p.fields?.businessUnit).filter((n): n is string => !!n))];
  if (names.length) await tx.businessUnit.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true });
  const rows = await tx.businessUnit.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  return new Map(rows.map((u) => [u.name, u.id]));
}

type Owners = { byEmail: Map<string, string>; byId: Map<string, string> };

async function resolveOwners(tx: Tx, chunk: PlannedRow[]) {
  const emails = [...new Set(chunk.flatMap((p) => [p.fields?.businessOwnerEmail, p.fields?.technicalOwnerEmail]).filter((e): e is string => !!e))];
  const rows = await tx.user.findMany({ where: { email: { in: emails }, active: true }, select: { id: true, email: true, name: true } });
  return { byEmail: new Map(rows.map((u) => [u.email, u.id])), byId: new Map(rows.map((u) => [u.id, u.name])) };
}
