import "server-only";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, ownsModel, type Actor } from "../authz/policy";
import { Prisma } from "../generated/prisma/client";
import { Role } from "../generated/prisma/enums";
import { createModelSchema, updateModelSchema, type ModelFields } from "./schemas";
import { refreshCompliance } from "./compliance";
import { evaluateCompleteness } from "../compliance";
import { FACTS_INCLUDE, toModelFacts } from "./facts";
import { MODEL_WRITE_TX, lockModelByKey } from "./lock";

export type ModelActor = Actor & { email: string };

/** The columns that say which model this is and what it is for: in its API JSON, its upsert comparison and its audit record. */
export const MODEL_DESCRIPTION_COLUMNS = {
  id: true,
  key: true,
  name: true,
  description: true,
  intendedPurpose: true,
  foreseeableMisuse: true,
} as const satisfies Prisma.ModelSelect;

/** The columns recorded in the audit log for a model (before/after). */
const AUDITED = {
  ...MODEL_DESCRIPTION_COLUMNS,
  businessUnitId: true,
  actorRole: true,
  publicAuthority: true,
  lifecycle: true,
  environments: true,
  businessOwnerId: true,
  technicalOwnerId: true,
  nextReviewAt: true,
  euDatabaseId: true,
  revision: true,
} satisfies Prisma.ModelSelect;

export async function createModel({ actor, input }: { actor: ModelActor; input: unknown }) {
  assertCan(actor, "model.create");
  const parsed = createModelSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { key, ...fields } = parsed.data;
  try {
    return await prisma.$transaction(async (tx) => {
      const data = await resolveFields(tx, fields);
      if (actor.role === Role.MODEL_OWNER && data.businessOwnerId !== actor.id && data.technicalOwnerId !== actor.id) {
        // an owner who creates a model is accountable for it unless they name themselves otherwise
        if (data.technicalOwnerId == null) data.technicalOwnerId = actor.id;
        else
          throw new AppError("VALIDATION", "Name yourself as business or technical owner of a model you register.", {
            technicalOwnerEmail: ["You must be the business or technical owner of a model you register."],
          });
      }
      const model = await tx.model.create({ data: { key, ...data }, select: AUDITED });
      await refreshCompliance(tx, { modelIds: [model.id] });
      await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "model.create", entityType: "Model", entityId: model.id, modelId: model.id, after: model });
      return model;
    }, MODEL_WRITE_TX);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", `A model with the key "${key}" already exists.`, { key: ["This key is already taken."] });
    }
    throw e;
  }
}

/**
 * Save a model's fields. With `applyToCurrent` (PUT without a revision) the change applies to whatever
 * revision is current: the row lock taken first serialises concurrent saves instead of failing them.
 */
export async function updateModel({ actor, key, input, applyToCurrent = false }: { actor: ModelActor; key: string; input: unknown; applyToCurrent?: boolean }) {
  const parsed = updateModelSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision: pinned, ...fields } = parsed.data;
  return prisma.$transaction(async (tx) => {
    if (!(await lockModelByKey(tx, key))) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    const before = await tx.model.findUnique({ where: { key }, select: AUDITED });
    if (!before) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model: before });
    const revision = applyToCurrent ? before.revision : pinned;
    if (before.revision !== revision) throw staleRevision(revision, before.revision);
    const data = await resolveFields(tx, fields);
    if (
      actor.role === Role.MODEL_OWNER &&
      !ownsModel(actor, {
        businessOwnerId: data.businessOwnerId === undefined ? before.businessOwnerId : data.businessOwnerId,
        technicalOwnerId: data.technicalOwnerId === undefined ? before.technicalOwnerId : data.technicalOwnerId,
      })
    ) {
      throw new AppError("VALIDATION", "You would lose access to this model.", {
        technicalOwnerEmail: ["Keep yourself as business or technical owner, or ask a compliance officer to hand the model over."],
      });
    }
    // the revision in the WHERE makes the check-and-write atomic against a concurrent save
    const updated = await tx.model.updateMany({ where: { id: before.id, revision }, data: { ...data, revision: { increment: 1 } } });
    if (updated.count !== 1) throw staleRevision(revision, revision + 1);
    const after = await tx.model.findUniqueOrThrow({ where: { id: before.id }, select: AUDITED });
    await refreshCompliance(tx, { modelIds: [before.id] });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "model.update", entityType: "Model", entityId: before.id, modelId: before.id, before, after });
    await reopenApprovedReview(tx, before.id, actor);
    return after;
  }, MODEL_WRITE_TX);
}

function staleRevision(yours: number, current: number) {
  return new AppError("CONFLICT", `Someone else saved this model since you opened it (your revision ${yours}, now ${current}). Nothing was overwritten: review their changes, then apply yours again.`);
}

/** An approved review no longer describes a model that was edited afterwards. */
export async function reopenApprovedReview(tx: Tx, modelId: string, actor: ModelActor, reason?: { verdictBefore: unknown; verdictAfter: unknown }) {
  const latest = await tx.review.findFirst({ where: { modelId }, orderBy: { submittedAt: "desc" }, select: { id: true, status: true } });
  if (latest?.status !== "APPROVED") return;
  await tx.review.update({ where: { id: latest.id }, data: { status: "REOPENED" } });
  await recordAudit(tx, {
    actor: { id: actor.id, label: actor.email },
    action: "review.reopen",
    entityType: "Review",
    entityId: latest.id,
    modelId,
    before: { status: "APPROVED", ...(reason ? { verdict: reason.verdictBefore } : {}) },
    after: { status: "REOPENED", ...(reason ? { verdict: reason.verdictAfter } : {}) },
  });
}

/** What an approval vouches for: the engine's score, documented flag, monitoring status, item statuses and findings. */
async function verdictsOf(tx: Tx, modelIds: string[], asOf: Date) {
  const rows = await tx.model.findMany({ where: { id: { in: modelIds } }, include: FACTS_INCLUDE });
  return new Map(
    rows.map((row) => {
      const r = evaluateCompleteness(toModelFacts(row), asOf);
      const verdict = {
        score: r.score,
        undocumented: r.undocumented,
        monitoringStatus: r.monitoringStatus,
        open: r.items
          .filter((i) => i.status !== "complete")
          .map((i) => `${i.id}:${i.status}`)
          .sort(),
        findings: r.findings.map((f) => f.id).sort(),
      };
      return [row.id, verdict] as const;
    }),
  );
}

/**
 * Run a change to facts the engine reads (drills, bias assessments, dataset links, monitoring settings,
 * incidents) and reopen the approved review of every model whose verdict it moved: an approval vouches
 * for the verdict it saw. Both verdicts are taken at the same instant, so only the change can move them.
 */
export async function withVerdictGuard<T>(tx: Tx, actor: ModelActor, modelIds: string[], change: () => Promise<T>): Promise<T> {
  const latestReviews = modelIds.length
    ? await tx.review.findMany({ where: { modelId: { in: modelIds } }, orderBy: [{ modelId: "asc" }, { submittedAt: "desc" }], distinct: ["modelId"], select: { modelId: true, status: true } })
    : [];
  const approved = latestReviews.filter((r) => r.status === "APPROVED").map((r) => r.modelId);
  if (approved.length === 0) return change();
  const asOf = new Date();
  const before = await verdictsOf(tx, approved, asOf);
  const result = await change();
  const after = await verdictsOf(tx, approved, asOf);
  for (const id of approved) {
    const b = before.get(id);
    const a = after.get(id);
    if (JSON.stringify(b) !== JSON.stringify(a)) await reopenApprovedReview(tx, id, actor, { verdictBefore: b, verdictAfter: a });
  }
  return result;
}

/** Turn form/API fields into column values: business unit by name, owners by email. */
async function resolveFields(tx: Tx, fields: ModelFields) {
  const errors: Record<string, string[]> = {};
  const ownerId = async (field: "businessOwnerEmail" | "technicalOwnerEmail") => {
    const email = fields[field];
    if (email === undefined) return undefined;
    if (email === null) return null;
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, active: true } });
    if (!user || !user.active) {
      errors[field] = [`No active user with the email ${email}.`];
      return undefined;
    }
    return user.id;
  };
  const businessOwnerId = await ownerId("businessOwnerEmail");
  const technicalOwnerId = await ownerId("technicalOwnerEmail");
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Check the highlighted fields.", errors);

  let businessUnitId: string | null | undefined;
  if (fields.businessUnit === null) businessUnitId = null;
  else if (fields.businessUnit !== undefined) {
    const unit = await tx.businessUnit.upsert({ where: { name: fields.businessUnit }, create: { name: fields.businessUnit }, update: {}, select: { id: true } });
    businessUnitId = unit.id;
  }
  return {
    name: fields.name,
    description: fields.description,
    intendedPurpose: fields.intendedPurpose,
    foreseeableMisuse: fields.foreseeableMisuse,
    actorRole: fields.actorRole,
    publicAuthority: fields.publicAuthority,
    lifecycle: fields.lifecycle,
    environments: fields.environments,
    nextReviewAt: fields.nextReviewAt,
    euDatabaseId: fields.euDatabaseId,
    businessUnitId,
    businessOwnerId,
    technicalOwnerId,
  };
}
