import "server-only";
import { z } from "zod";
import { revisionInput, safeString } from "../validation";
import { prisma } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, can } from "../authz/policy";
import { classify, QUESTIONS_BY_ID, type Answers } from "../compliance";
import type { ModelActor } from "./mutations";
import { refreshCompliance } from "./compliance";

export const classificationInputSchema = z.object({
  revision: revisionInput(),
  answers: z.record(safeString().max(100), z.union([safeString().max(100), z.array(safeString().max(100)).max(50), z.number()])),
});

/**
 * Record a classification from questionnaire answers. A model owner's classification is a proposal
 * (PROPOSED) until a compliance officer confirms it; an officer's or admin's is confirmed at once.
 * An incomplete questionnaire is refused with the unanswered questions as field errors: a model is
 * never silently classified.
 */
export async function classifyModel({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = classificationInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "The questionnaire could not be read; reload the page and try again.");
  const answers: Answers = Object.fromEntries(Object.entries(parsed.data.answers).filter(([id]) => QUESTIONS_BY_ID.has(id)));
  const result = classify(answers);
  if (result.invalid.length || result.unanswered.length) {
    const errors: Record<string, string[]> = {};
    for (const p of result.invalid) errors[p.questionId] = [p.message];
    for (const id of result.unanswered) errors[id] ??= ["Answer this question."];
    throw new AppError("VALIDATION", "Answer every question shown before saving the classification.", errors);
  }
  return prisma.$transaction(async (tx) => {
    const before = await tx.model.findUnique({ where: { key } });
    if (!before) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.classify.propose", { kind: "model", model: before });
    if (before.revision !== parsed.data.revision) {
      throw new AppError("CONFLICT", "Someone else changed this model since you opened the questionnaire. Nothing was saved; reload to see their changes.");
    }
    const confirmed = can(actor, "model.classify.confirm");
    const data = {
      riskClass: result.riskClass,
      legalBasis: result.legalBasis,
      riskRationale: result.reasoning.map((r) => `${r.article}: ${r.text}`).join("\n"),
      transparencyDuties: result.transparencyDuties,
      gpai: result.gpai,
      gpaiSystemicRisk: result.gpaiSystemicRisk,
      publicAuthority: result.publicService,
      ...(result.role ? { actorRole: result.role } : {}),
      classificationAnswers: answers as object,
      classificationStatus: confirmed ? ("CONFIRMED" as const) : ("PROPOSED" as const),
      classifiedAt: new Date(),
      classifiedById: actor.id,
    };
    const updated = await tx.model.updateMany({ where: { id: before.id, revision: before.revision }, data: { ...data, revision: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError("CONFLICT", "Someone else changed this model at the same moment. Nothing was saved; reload and try again.");
    await refreshCompliance(tx, { modelIds: [before.id] });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: confirmed ? "model.classify" : "model.classify.propose",
      entityType: "Model",
      entityId: before.id,
      modelId: before.id,
      before: { riskClass: before.riskClass, legalBasis: before.legalBasis, classificationStatus: before.classificationStatus },
      after: { riskClass: data.riskClass, legalBasis: data.legalBasis, classificationStatus: data.classificationStatus },
    });
    return { result, status: data.classificationStatus };
  });
}

/** A compliance officer confirms an owner's proposed classification as it stands. */
export async function confirmClassification({ actor, key, revision }: { actor: ModelActor; key: string; revision: number }) {
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.classify.confirm", { kind: "model", model });
    if (model.classificationStatus !== "PROPOSED") throw new AppError("CONFLICT", "There is no proposed classification to confirm.");
    if (model.revision !== revision) throw new AppError("CONFLICT", "The proposal changed since you opened it. Nothing was confirmed; reload and review it again.");
    await tx.model.update({ where: { id: model.id }, data: { classificationStatus: "CONFIRMED", classifiedAt: new Date(), revision: { increment: 1 } } });
    await refreshCompliance(tx, { modelIds: [model.id] });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "model.classify.confirm",
      entityType: "Model",
      entityId: model.id,
      modelId: model.id,
      before: { classificationStatus: "PROPOSED", riskClass: model.riskClass },
      after: { classificationStatus: "CONFIRMED", riskClass: model.riskClass },
    });
  });
}
