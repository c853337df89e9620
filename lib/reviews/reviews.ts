import "server-only";
import { z } from "zod";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import type { ModelActor } from "../models/mutations";
import { MODEL_KEY_PATTERN } from "../models/schemas";
import { evaluateModels } from "../models/compliance";
import { notify } from "../notifications";
import { UUID_PATTERN, safeString } from "../validation";

/** People read names, not addresses: notifications name the person who acted. */
async function displayName(tx: Tx, actor: ModelActor): Promise<string> {
  const user = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  return user?.name || actor.email;
}

export const submitReviewSchema = z.object({ note: safeString().trim().max(2000, "At most 2,000 characters.").optional() });
export const decideReviewSchema = z
  .object({
    decision: z.enum(["APPROVE", "REQUEST_CHANGES"], { error: "Choose approve or request changes." }),
    comment: safeString().trim().max(4000, "At most 4,000 characters.").optional(),
  })
  .refine((v) => v.decision !== "REQUEST_CHANGES" || (v.comment ?? "").length > 0, { path: ["comment"], message: "Say what must change." });

/** The owner (or staff) asks a compliance officer to review the model's documentation. */
export async function submitReview({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = submitReviewSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  // a key that cannot exist (e.g. with a NUL from a forged form) is not found, not a database error
  if (!MODEL_KEY_PATTERN.test(key)) throw new AppError("NOT_FOUND", "No such model.");
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "review.submit", { kind: "model", model });
    await tx.$executeRaw`SELECT 1 FROM "Model" WHERE id = ${model.id}::uuid FOR UPDATE`;
    const pending = await tx.review.findFirst({ where: { modelId: model.id, status: "SUBMITTED" } });
    if (pending) throw new AppError("CONFLICT", "This model is already waiting for review.");
    const review = await tx.review.create({
      data: { modelId: model.id, modelRevision: model.revision, submittedById: actor.id, submissionNote: parsed.data.note || null },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "review.submit",
      entityType: "Review",
      entityId: review.id,
      modelId: model.id,
      after: { status: "SUBMITTED", note: review.submissionNote },
    });
    // every officer and admin who could decide it (never the submitter: four eyes)
    const deciders = await tx.user.findMany({ where: { active: true, role: { in: ["COMPLIANCE_OFFICER", "ADMIN"] }, id: { not: actor.id } }, select: { id: true } });
    await notify({
      tx,
      kind: "REVIEW_REQUESTED",
      recipients: deciders.map((u) => u.id),
      title: `Review requested: ${model.name}`,
      body: `${await displayName(tx, actor)} submitted ${model.name} (${model.key}) for review.${review.submissionNote ? ` Note: ${review.submissionNote}` : ""}`,
      link: `/models/${model.key}#review`,
      dedupeKey: `review:${review.id}:submitted`,
    });
    return review;
  });
}

/** A compliance officer approves or requests changes; never on their own submission (four eyes). */
export async function decideReview({ actor, reviewId, input }: { actor: ModelActor; reviewId: string; input: unknown }) {
  if (!UUID_PATTERN.test(reviewId)) throw new AppError("NOT_FOUND", "No such review.");
  const parsed = decideReviewSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { decision, comment } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, include: { model: true } });
    if (!review) throw new AppError("NOT_FOUND", "No such review.");
    assertCan(actor, "review.decide", { kind: "review", model: review.model, submittedById: review.submittedById });
    await tx.$executeRaw`SELECT 1 FROM "Review" WHERE id = ${review.id}::uuid FOR UPDATE`;
    const current = await tx.review.findUniqueOrThrow({ where: { id: review.id } });
    if (current.status !== "SUBMITTED") throw new AppError("CONFLICT", `This review was already decided (${current.status.toLowerCase().replace("_", " ")}).`);
    if (review.model.revision !== review.modelRevision) {
      throw new AppError("CONFLICT", "The model changed after it was submitted. Request changes, or ask the owner to submit it again.");
    }
    let snapshot: object | undefined;
    if (decision === "APPROVE") {
      // freeze what was approved: the model, its documentation and the engine's verdict at this moment
      const [evaluated] = await evaluateModels({ where: { id: review.modelId }, db: tx });
      const sections = await tx.documentationSection.findMany({ where: { modelId: review.modelId }, select: { sectionKey: true, status: true, content: true, updatedAt: true } });
      snapshot = JSON.parse(
        JSON.stringify({
          model: review.model,
          sections,
          verdict: evaluated && { score: evaluated.result.score, undocumented: evaluated.result.undocumented, items: evaluated.result.items.map((i) => ({ id: i.id, status: i.status })) },
        }),
      ) as object;
    }
    const status = decision === "APPROVE" ? "APPROVED" : "CHANGES_REQUESTED";
    const updated = await tx.review.update({
      where: { id: review.id },
      data: { status, decidedById: actor.id, decidedAt: new Date(), comment: comment || null, snapshot },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: decision === "APPROVE" ? "review.approve" : "review.request_changes",
      entityType: "Review",
      entityId: review.id,
      modelId: review.modelId,
      before: { status: "SUBMITTED" },
      after: { status, comment: updated.comment },
    });
    const concerned = [review.submittedById, review.model.businessOwnerId, review.model.technicalOwnerId].filter((id): id is string => !!id && id !== actor.id);
    await notify({
      tx,
      kind: decision === "APPROVE" ? "REVIEW_APPROVED" : "CHANGES_REQUESTED",
      recipients: concerned,
      title: `${decision === "APPROVE" ? "Approved" : "Changes requested"}: ${review.model.name}`,
      body: `${await displayName(tx, actor)} ${decision === "APPROVE" ? "approved" : "requested changes to"} the documentation of ${review.model.name}.${updated.comment ? ` Comment: ${updated.comment}` : ""}`,
      link: `/models/${review.model.key}#review`,
      dedupeKey: `review:${review.id}:${status.toLowerCase()}`,
    });
    return updated;
  });
}

export async function reviewsForModel(modelId: string) {
  return prisma.review.findMany({
    where: { modelId },
    orderBy: { submittedAt: "desc" },
    take: 20,
    include: { submittedBy: { select: { name: true } }, decidedBy: { select: { name: true } } },
  });
}

/** The officers' queue: submissions waiting for a decision, oldest first. */
export async function reviewQueue({ actor }: { actor: Actor }) {
  assertCan(actor, "review.decide");
  return prisma.review.findMany({
    where: { status: "SUBMITTED" },
    orderBy: { submittedAt: "asc" },
    include: {
      submittedBy: { select: { id: true, name: true } },
      model: { select: { key: true, name: true, riskClass: true, complianceScore: true, undocumented: true, openItems: true, lifecycle: true } },
    },
  });
}
