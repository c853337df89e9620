import "server-only";
import { z } from "zod";
import { dateInput, safeString } from "../validation";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import type { ModelActor } from "../models/mutations";
import { refreshCompliance } from "../models/compliance";

/** One metric row; `passed` is computed from the comparison the metric implies, never typed in. */
export const biasMetricSchema = z.object({
  metric: z.enum(["demographic_parity_difference", "equal_opportunity_difference", "disparate_impact_ratio"], { error: "Choose a metric." }),
  group: safeString().trim().min(1, "Name the groups compared.").max(200),
  value: z.coerce.number({ error: "Enter a number." }).finite(),
  threshold: z.coerce.number({ error: "Enter a number." }).finite(),
});

export const biasAssessmentSchema = z.object({
  version: safeString().trim().min(1, "Choose a version.").max(64),
  assessedAt: dateInput().refine((d) => d.getTime() <= Date.now() + 86_400_000, "The assessment date cannot be in the future."),
  methodology: safeString().trim().min(1, "Describe the methodology.").max(5000, "At most 5,000 characters."),
  protectedAttributes: z.array(safeString().trim().min(1).max(60)).min(1, "Name at least one protected attribute.").max(30),
  findings: safeString().trim().max(5000).optional(),
  mitigations: safeString().trim().max(5000).optional(),
  status: z.enum(["DRAFT", "FINAL"], { error: "Choose draft or final." }),
  metrics: z.array(biasMetricSchema).min(1, "Add at least one metric row.").max(50),
});

/** Ratios pass at or above their threshold (four-fifths rule); differences pass at or below it in absolute value. */
export function metricPasses(metric: z.infer<typeof biasMetricSchema>["metric"], value: number, threshold: number): boolean {
  return metric === "disparate_impact_ratio" ? value >= threshold : Math.abs(value) <= threshold;
}

export async function createBiasAssessment({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = biasAssessmentSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const a = parsed.data;
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    const version = await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: a.version } }, select: { id: true } });
    if (!version) throw new AppError("VALIDATION", "Check the highlighted fields.", { version: ["This model has no such version."] });
    const created = await tx.biasAssessment.create({
      data: {
        versionId: version.id,
        assessedAt: a.assessedAt,
        assessorId: actor.id,
        methodology: a.methodology,
        protectedAttributes: a.protectedAttributes,
        findings: a.findings || null,
        mitigations: a.mitigations || null,
        status: a.status,
        metrics: { create: a.metrics.map((m) => ({ ...m, passed: metricPasses(m.metric, m.value, m.threshold) })) },
      },
      include: { metrics: true },
    });
    await refreshCompliance(tx, { modelIds: [model.id] });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "bias_assessment.create", entityType: "BiasAssessment", entityId: created.id, modelId: model.id, after: created });
    return created;
  });
}
