import "server-only";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { refreshCompliance } from "../models/compliance";
import { reopenApprovedReview, type ModelActor } from "../models/mutations";
import { FRIA_ELEMENTS, friaInputSchema } from "./schemas";

export async function getFria(key: string) {
  return prisma.model.findUnique({ where: { key }, select: { id: true, key: true, name: true, businessOwnerId: true, technicalOwnerId: true, fria: true } });
}

/**
 * Save the Art. 27 assessment. Every save is a review (Art. 27(2)): `reviewedAt` moves to now, so an
 * assessment made stale by a later change of the classification is fresh again once someone reviews it.
 */
export async function saveFria({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = friaInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, ...data } = parsed.data;
  const values = {
    processes: data.processes ?? null,
    periodAndFrequency: data.periodAndFrequency ?? null,
    affectedPersons: data.affectedPersons ?? null,
    specificRisks: data.specificRisks ?? null,
    humanOversight: data.humanOversight ?? null,
    mitigationMeasures: data.mitigationMeasures ?? null,
    notifiedAt: data.notifiedAt,
    notificationReference: data.notificationReference ?? null,
    reviewNote: data.reviewNote ?? null,
  };
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    await tx.$executeRaw`SELECT 1 FROM "Model" WHERE id = ${model.id}::uuid FOR UPDATE`;
    const before = await tx.fundamentalRightsAssessment.findUnique({ where: { modelId: model.id } });
    if ((before?.revision ?? 0) !== revision) {
      throw new AppError("CONFLICT", "Someone else saved this assessment since you opened it. Your text was not saved; copy it, reload and merge.");
    }
    const now = new Date();
    const saved = await tx.fundamentalRightsAssessment.upsert({
      where: { modelId: model.id },
      create: { modelId: model.id, ...values, reviewedAt: now },
      update: { ...values, reviewedAt: now, revision: { increment: 1 } },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: before ? "fria.review" : "fria.create",
      entityType: "FundamentalRightsAssessment",
      entityId: saved.id,
      modelId: model.id,
      before: before ? { ...before, id: undefined, modelId: undefined } : null,
      after: { ...values, reviewedAt: now, missing: FRIA_ELEMENTS.filter((e) => !values[e.field]).map((e) => e.letter) },
    });
    await reopenApprovedReview(tx, model.id, actor);
    await refreshCompliance(tx, { modelIds: [model.id] });
    return saved;
  });
}
