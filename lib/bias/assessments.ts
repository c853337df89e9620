import "server-only";
import { z } from "zod";
import { UUID_PATTERN, correctionFields, dateInput, safeString, withdrawalSchema } from "../validation";
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { withVerdictGuard, type ModelActor } from "../models/mutations";
import { refreshCompliance } from "../models/compliance";

const CONCURRENT_CHANGE = "Someone else changed this assessment at the same moment. Nothing was overwritten: reload to see their change.";

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
    const version = await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: a.version } }, select: { id: true, withdrawnAt: true } });
    if (!version) throw new AppError("VALIDATION", "Check the highlighted fields.", { version: ["This model has no such version."] });
    if (version.withdrawnAt) throw new AppError("VALIDATION", "Check the highlighted fields.", { version: ["This version was withdrawn."] });
    const created = await withVerdictGuard(tx, actor, [model.id], async () => {
      const row = await tx.biasAssessment.create({
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
      return row;
    });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "bias_assessment.create", entityType: "BiasAssessment", entityId: created.id, modelId: model.id, after: created });
    return created;
  });
}

/** A correction replaces the assessment's content; the audit event keeps what it said before. */
export const correctBiasAssessmentSchema = biasAssessmentSchema.omit({ version: true }).extend(correctionFields);
export const withdrawSchema = withdrawalSchema;

const ASSESSMENT_INCLUDE = {
  metrics: { select: { metric: true, group: true, value: true, threshold: true, passed: true } },
  version: { select: { version: true, model: { select: { id: true, key: true, businessOwnerId: true, technicalOwnerId: true } } } },
} as const;

/** The fields of a stored assessment that its correction form shows and the audit log keeps. */
export type AssessmentFields = {
  assessedAt: Date;
  methodology: string;
  protectedAttributes: string[];
  findings: string | null;
  mitigations: string | null;
  status: string;
  revision: number;
  metrics: Array<{ metric: string; group: string; value: number; threshold: number }>;
};

/** What the audit log keeps of an assessment: every field a reader needs to see both versions. */
function auditView(
  a: Omit<AssessmentFields, "metrics"> & {
    withdrawnAt?: Date | null;
    withdrawalReason?: string | null;
    metrics: Array<AssessmentFields["metrics"][number] & { passed: boolean }>;
  },
) {
  return {
    assessedAt: a.assessedAt.toISOString().slice(0, 10),
    status: a.status,
    methodology: a.methodology,
    protectedAttributes: a.protectedAttributes,
    findings: a.findings,
    mitigations: a.mitigations,
    metrics: a.metrics.map((m) => `${m.metric} ${m.group}: ${m.value} (threshold ${m.threshold}, ${m.passed ? "pass" : "fail"})`),
    revision: a.revision,
    ...(a.withdrawnAt ? { withdrawnAt: a.withdrawnAt.toISOString(), withdrawalReason: a.withdrawalReason } : {}),
  };
}

async function lockedAssessment(tx: Tx, actor: ModelActor, id: string, revision: number) {
  if (!UUID_PATTERN.test(id)) throw new AppError("NOT_FOUND", "No such bias assessment.");
  const before = await tx.biasAssessment.findUnique({ where: { id }, include: ASSESSMENT_INCLUDE });
  if (!before) throw new AppError("NOT_FOUND", "No such bias assessment.");
  assertCan(actor, "model.edit", { kind: "model", model: before.version.model });
  if (before.withdrawnAt) throw new AppError("CONFLICT", "This assessment was withdrawn; record a new one instead.");
  if (before.revision !== revision) {
    throw new AppError(
      "CONFLICT",
      `Someone else changed this assessment since you opened it (your revision ${revision}, now ${before.revision}). Nothing was overwritten: reload to see their change.`,
    );
  }
  return before;
}

/**
 * One change to a stored assessment under optimistic locking: the revision in the WHERE makes check-and-write
 * atomic against a concurrent change; `afterWrite` runs before the engine re-evaluates the model; the audit
 * event holds both versions (and `auditNote`).
 */
async function changeAssessment({
  actor,
  id,
  revision,
  action,
  data,
  afterWrite,
  auditNote = {},
}: {
  actor: ModelActor;
  id: string;
  revision: number;
  action: "bias_assessment.correct" | "bias_assessment.withdraw";
  data: Prisma.BiasAssessmentUpdateManyMutationInput;
  afterWrite?: (tx: Tx) => Promise<unknown>;
  auditNote?: Record<string, string>;
}) {
  return prisma.$transaction(async (tx) => {
    const before = await lockedAssessment(tx, actor, id, revision);
    const modelId = before.version.model.id;
    const after = await withVerdictGuard(tx, actor, [modelId], async () => {
      const updated = await tx.biasAssessment.updateMany({ where: { id, revision, withdrawnAt: null }, data: { ...data, revision: { increment: 1 } } });
      if (updated.count !== 1) throw new AppError("CONFLICT", CONCURRENT_CHANGE);
      await afterWrite?.(tx);
      await refreshCompliance(tx, { modelIds: [modelId] });
      return tx.biasAssessment.findUniqueOrThrow({ where: { id }, include: ASSESSMENT_INCLUDE });
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action,
      entityType: "BiasAssessment",
      entityId: id,
      modelId,
      before: auditView(before),
      after: { ...auditView(after), ...auditNote },
    });
    return after;
  });
}

/** Correct a mistaken assessment in place (optimistic locking); the audit event holds both versions. */
export async function correctBiasAssessment({ actor, id, input }: { actor: ModelActor; id: string; input: unknown }) {
  const parsed = correctBiasAssessmentSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, reason, metrics, ...fields } = parsed.data;
  return changeAssessment({
    actor,
    id,
    revision,
    action: "bias_assessment.correct",
    data: { ...fields, findings: fields.findings || null, mitigations: fields.mitigations || null },
    afterWrite: async (tx) => {
      await tx.biasMetric.deleteMany({ where: { assessmentId: id } });
      await tx.biasMetric.createMany({ data: metrics.map((m) => ({ ...m, assessmentId: id, passed: metricPasses(m.metric, m.value, m.threshold) })) });
    },
    auditNote: { reason },
  });
}

/** Withdraw an assessment: it stays in the history, marked withdrawn, and the engine no longer counts it. */
export async function withdrawBiasAssessment({ actor, id, input }: { actor: ModelActor; id: string; input: unknown }) {
  const parsed = withdrawSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, reason } = parsed.data;
  return changeAssessment({
    actor,
    id,
    revision,
    action: "bias_assessment.withdraw",
    data: { withdrawnAt: new Date(), withdrawnById: actor.id, withdrawalReason: reason },
  });
}
