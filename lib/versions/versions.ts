// Model versions: registration (by CI or by hand), activation, and rollback drill results. Every change
// is audited and re-evaluates the model's compliance in the same transaction (the skew and rollback
// checks read the active version).
import "server-only";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import { Prisma } from "../generated/prisma/client";
import { refreshCompliance } from "../models/compliance";
import { reopenApprovedReview, withVerdictGuard } from "../models/mutations";
import { withdrawalSchema } from "../validation";
import { correctVersionSchema, createVersionSchema, rollbackDrillSchema, updateVersionSchema, versionLabelSchema } from "./schemas";

export type VersionActor = Actor & { email: string };

export const VERSION_SELECT = {
  id: true,
  version: true,
  registryUri: true,
  stage: true,
  active: true,
  deployedAt: true,
  trainingPipelineVersion: true,
  servingPipelineVersion: true,
  metrics: true,
  rollbackTargetVersion: true,
  rollbackProcedure: true,
  lastRollbackDrillAt: true,
  lastRollbackDrillMinutes: true,
  createdAt: true,
  updatedAt: true,
  revision: true,
  withdrawnAt: true,
  withdrawalReason: true,
} satisfies Prisma.ModelVersionSelect;

export type VersionRow = Prisma.ModelVersionGetPayload<{ select: typeof VERSION_SELECT }>;

function invalid(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }) {
  return new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(error));
}

async function editableModel(tx: Tx, actor: Actor, modelKey: string) {
  const model = await tx.model.findUnique({ where: { key: modelKey }, select: { id: true, key: true, businessOwnerId: true, technicalOwnerId: true } });
  if (!model) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
  assertCan(actor, "model.edit", { kind: "model", model });
  return model;
}

const auditActor = (actor: VersionActor) => ({ id: actor.id, label: actor.email });
const jsonOrNull = (v: Record<string, number> | null | undefined) => (v === undefined ? undefined : v === null ? Prisma.DbNull : v);

/** The one active version: activating one deactivates the others of the model. */
async function deactivateOthers(tx: Tx, modelId: string, keepId: string) {
  await tx.modelVersion.updateMany({ where: { modelId, active: true, id: { not: keepId } }, data: { active: false } });
}

/**
 * Register a new version of a model. When it becomes active and names no rollback target, the
 * previously active version is its rollback target (what a rollback would go back to).
 */
export async function createVersion({ actor, modelKey, input }: { actor: VersionActor; modelKey: string; input: unknown }): Promise<VersionRow> {
  const parsed = createVersionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { version, metrics, ...fields } = parsed.data;
  try {
    return await prisma.$transaction(async (tx) => {
      const model = await editableModel(tx, actor, modelKey);
      const previous = await tx.modelVersion.findFirst({ where: { modelId: model.id, active: true }, select: { version: true } });
      const rollbackTargetVersion = fields.rollbackTargetVersion === undefined && fields.active && previous ? previous.version : fields.rollbackTargetVersion;
      const row = await tx.modelVersion.create({
        data: { modelId: model.id, version, ...fields, rollbackTargetVersion, active: fields.active ?? false, metrics: jsonOrNull(metrics) },
        select: VERSION_SELECT,
      });
      if (row.active) await deactivateOthers(tx, model.id, row.id);
      await refreshCompliance(tx, { modelIds: [model.id] });
      await recordAudit(tx, { actor: auditActor(actor), action: "version.create", entityType: "ModelVersion", entityId: row.id, modelId: model.id, after: row });
      await reopenApprovedReview(tx, model.id, actor);
      return row;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", `Version "${version}" of "${modelKey}" already exists; change it with PATCH /api/v1/models/${modelKey}/versions/${version}.`, {
        version: ["This version already exists."],
      });
    }
    throw e;
  }
}

async function findVersion(tx: Tx, modelId: string, modelKey: string, label: string) {
  const parsedLabel = versionLabelSchema.safeParse(label);
  const row = parsedLabel.success ? await tx.modelVersion.findUnique({ where: { modelId_version: { modelId, version: parsedLabel.data } }, select: VERSION_SELECT }) : null;
  if (!row) throw new AppError("NOT_FOUND", `Model "${modelKey}" has no version "${label}".`);
  return row;
}

/** Change a version's fields; `active: true` activates it (and deactivates the others). */
export async function updateVersion({ actor, modelKey, version, input }: { actor: VersionActor; modelKey: string; version: string; input: unknown }): Promise<VersionRow> {
  const parsed = updateVersionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { metrics, ...fields } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const model = await editableModel(tx, actor, modelKey);
    const before = await findVersion(tx, model.id, modelKey, version);
    // a withdrawn version is history: it neither serves nor changes again
    if (before.withdrawnAt) throw new AppError("CONFLICT", `Version "${version}" was withdrawn; register a new version instead.`, { version: ["This version was withdrawn."] });
    const after = await tx.modelVersion.update({ where: { id: before.id }, data: { ...fields, metrics: jsonOrNull(metrics) }, select: VERSION_SELECT });
    if (after.active) await deactivateOthers(tx, model.id, after.id);
    await refreshCompliance(tx, { modelIds: [model.id] });
    await recordAudit(tx, { actor: auditActor(actor), action: "version.update", entityType: "ModelVersion", entityId: after.id, modelId: model.id, before, after });
    await reopenApprovedReview(tx, model.id, actor);
    return after;
  });
}

/** Shorthand for the portal's "make active" button. */
export function activateVersion({ actor, modelKey, version }: { actor: VersionActor; modelKey: string; version: string }): Promise<VersionRow> {
  return updateVersion({ actor, modelKey, version, input: { active: true } });
}

/** Record the date and measured minutes of a rollback drill of this version. */
export async function recordRollbackDrill({ actor, modelKey, version, input }: { actor: VersionActor; modelKey: string; version: string; input: unknown }): Promise<VersionRow> {
  const parsed = rollbackDrillSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { performedAt, minutes, rollbackProcedure, rollbackTargetVersion } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const model = await editableModel(tx, actor, modelKey);
    const before = await findVersion(tx, model.id, modelKey, version);
    if (before.withdrawnAt) throw new AppError("CONFLICT", `Version "${version}" was withdrawn; record the drill on a current version.`, { version: ["This version was withdrawn."] });
    // an older drill result arriving late does not overwrite a newer one
    const newer = before.lastRollbackDrillAt && before.lastRollbackDrillAt > performedAt;
    const after = await withVerdictGuard(tx, actor, [model.id], async () => {
      const row = await tx.modelVersion.update({
        where: { id: before.id },
        data: {
          ...(newer ? {} : { lastRollbackDrillAt: performedAt, lastRollbackDrillMinutes: minutes }),
          ...(rollbackProcedure !== undefined ? { rollbackProcedure } : {}),
          ...(rollbackTargetVersion !== undefined ? { rollbackTargetVersion } : {}),
        },
        select: VERSION_SELECT,
      });
      await refreshCompliance(tx, { modelIds: [model.id] });
      return row;
    });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "version.rollbackDrill",
      entityType: "ModelVersion",
      entityId: after.id,
      modelId: model.id,
      before: { lastRollbackDrillAt: before.lastRollbackDrillAt, lastRollbackDrillMinutes: before.lastRollbackDrillMinutes },
      after: { performedAt, minutes, recordedAsLatest: !newer },
    });
    return after;
  });
}

const STALE_VERSION = (label: string, mine: number, now: number) =>
  `Someone else changed version "${label}" since you opened it (your revision ${mine}, now ${now}). Nothing was overwritten and your entries are kept below: reload to see their change, then apply yours again.`;

/** The version to correct or withdraw, checked against the revision the user saw. */
async function lockedVersion(tx: Tx, actor: Actor, modelKey: string, label: string, revision: number) {
  const model = await editableModel(tx, actor, modelKey);
  const before = await findVersion(tx, model.id, modelKey, label);
  if (before.withdrawnAt) throw new AppError("CONFLICT", `Version "${label}" was withdrawn; register a new version instead.`);
  if (before.revision !== revision) throw new AppError("CONFLICT", STALE_VERSION(label, revision, before.revision), { revision: ["This version changed since you opened it."] });
  return { model, before };
}

/** Check-and-write in one statement: the revision in the WHERE refuses a concurrent change. */
async function writeLocked(tx: Tx, id: string, label: string, revision: number, data: Prisma.ModelVersionUpdateManyMutationInput) {
  const updated = await tx.modelVersion.updateMany({ where: { id, revision, withdrawnAt: null }, data: { ...data, revision: { increment: 1 } } });
  if (updated.count !== 1) throw new AppError("CONFLICT", STALE_VERSION(label, revision, revision + 1), { revision: ["This version changed since you opened it."] });
  return tx.modelVersion.findUniqueOrThrow({ where: { id }, select: VERSION_SELECT });
}

/** Correct a mistaken version record in place (optimistic locking); the audit event keeps both versions and the reason. */
export async function correctVersion({ actor, modelKey, version, input }: { actor: VersionActor; modelKey: string; version: string; input: unknown }): Promise<VersionRow> {
  const parsed = correctVersionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { revision, reason, ...fields } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const { model, before } = await lockedVersion(tx, actor, modelKey, version, revision);
    const after = await withVerdictGuard(tx, actor, [model.id], async () => {
      const row = await writeLocked(tx, before.id, version, revision, fields);
      await refreshCompliance(tx, { modelIds: [model.id] });
      return row;
    });
    await recordAudit(tx, { actor: auditActor(actor), action: "version.correct", entityType: "ModelVersion", entityId: after.id, modelId: model.id, before, after: { ...after, reason } });
    return after;
  });
}

/**
 * Withdraw a version recorded by mistake: it stays in the history, marked withdrawn, never serves again
 * (a withdrawn active version leaves the model without one), and the engine no longer sees it.
 */
export async function withdrawVersion({ actor, modelKey, version, input }: { actor: VersionActor; modelKey: string; version: string; input: unknown }): Promise<VersionRow> {
  const parsed = withdrawalSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { revision, reason } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const { model, before } = await lockedVersion(tx, actor, modelKey, version, revision);
    const after = await withVerdictGuard(tx, actor, [model.id], async () => {
      const row = await writeLocked(tx, before.id, version, revision, { active: false, withdrawnAt: new Date(), withdrawnById: actor.id, withdrawalReason: reason });
      await refreshCompliance(tx, { modelIds: [model.id] });
      return row;
    });
    await recordAudit(tx, { actor: auditActor(actor), action: "version.withdraw", entityType: "ModelVersion", entityId: after.id, modelId: model.id, before, after });
    return after;
  });
}

/** Versions of a model, newest first (for the API and the model page). */
export async function listVersions({ modelKey }: { modelKey: string }): Promise<VersionRow[]> {
  const model = await prisma.model.findUnique({ where: { key: modelKey }, select: { id: true } });
  if (!model) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
  return prisma.modelVersion.findMany({ where: { modelId: model.id }, orderBy: { createdAt: "desc" }, select: VERSION_SELECT });
}
