import "server-only";
import { prisma } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { CURRENT_RULE_SET, reassess, type Answers, type Reassessment, type VerdictSnapshot } from "../compliance";
import type { ActorRole, RiskClass } from "../compliance";
import { Prisma } from "../generated/prisma/client";
import type { ModelActor } from "./mutations";
import { refreshCompliance } from "./compliance";

const SYSTEM_ACTOR = { id: null, label: "system (rule-set check)" } as const;

const reassessSelect = {
  id: true,
  key: true,
  riskClass: true,
  legalBasis: true,
  transparencyDuties: true,
  gpai: true,
  gpaiSystemicRisk: true,
  actorRole: true,
  publicAuthority: true,
  classificationAnswers: true,
  classificationRuleSet: true,
  reclassificationNeeded: true,
  reclassification: true,
} satisfies Prisma.ModelSelect;
type ReassessRow = Prisma.ModelGetPayload<{ select: typeof reassessSelect }>;

function snapshotOf(row: Pick<ReassessRow, "riskClass" | "legalBasis" | "transparencyDuties" | "gpai" | "gpaiSystemicRisk" | "actorRole" | "publicAuthority">): VerdictSnapshot {
  const role = row.actorRole as ActorRole;
  // the stored role is the answered one; Art. 25(1) makes a non-provider of a high-risk system its provider
  const effective = row.riskClass === "HIGH" && row.legalBasis.some((b) => b.startsWith("ART_25_1_")) ? "PROVIDER" : role;
  return {
    riskClass: row.riskClass as RiskClass,
    legalBasis: row.legalBasis,
    transparencyDuties: row.transparencyDuties,
    gpai: row.gpai,
    gpaiSystemicRisk: row.gpaiSystemicRisk,
    role: effective,
    publicService: row.publicAuthority,
  };
}

export type RuleSetCheck = { checked: number; flagged: string[]; upgraded: string[]; current: string };

/**
 * Compare every classification made under an older rule set with the current rules. A model whose verdict
 * changes is flagged "re-classification needed: rules changed" (old and new verdict stored side by side);
 * one whose verdict stands has its citations and rule-set version brought up to date. Each is audited in
 * the transaction that changes it. Idempotent: a model already flagged for this version is left alone.
 */
export async function checkRuleSets(): Promise<RuleSetCheck> {
  const rows = await prisma.model.findMany({
    // NULL (a classification imported from an export made before rule sets were versioned) is an older rule
    // set too; `not` alone would skip it, as SQL's <> does
    where: {
      OR: [{ classificationRuleSet: { not: CURRENT_RULE_SET } }, { classificationRuleSet: null }],
      riskClass: { not: "UNCLASSIFIED" },
      classificationAnswers: { not: Prisma.DbNull },
    },
    select: reassessSelect,
    orderBy: { key: "asc" },
  });
  const flagged: string[] = [];
  const upgraded: string[] = [];
  for (const row of rows) {
    if (row.reclassificationNeeded && (row.reclassification as { toVersion?: string } | null)?.toVersion === CURRENT_RULE_SET) continue;
    const r = reassess(snapshotOf(row), (row.classificationAnswers ?? {}) as Answers, row.classificationRuleSet);
    await prisma.$transaction(async (tx) => {
      if (r.changed) {
        await tx.model.update({ where: { id: row.id }, data: { reclassificationNeeded: true, reclassification: toJson({ ...r, flaggedAt: new Date().toISOString() }) } });
        await recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "model.reclassification.flag",
          entityType: "Model",
          entityId: row.id,
          modelId: row.id,
          before: { ruleSet: r.fromVersion, riskClass: r.old.riskClass, legalBasis: r.old.legalBasis },
          after: { ruleSet: r.toVersion, riskClass: r.new.riskClass, legalBasis: r.new.legalBasis, differences: r.differences },
        });
      } else {
        // same verdict under the new rules: only the citations and the version move
        await tx.model.update({
          where: { id: row.id },
          data: { legalBasis: r.new.legalBasis, classificationRuleSet: CURRENT_RULE_SET, classificationAnswers: r.answers as object, reclassificationNeeded: false, reclassification: Prisma.DbNull },
        });
        await recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "model.classify.ruleset-upgrade",
          entityType: "Model",
          entityId: row.id,
          modelId: row.id,
          before: { ruleSet: r.fromVersion, legalBasis: r.old.legalBasis },
          after: { ruleSet: r.toVersion, legalBasis: r.new.legalBasis, verdictUnchanged: true },
        });
      }
    });
    (r.changed ? flagged : upgraded).push(row.key);
  }
  return { checked: rows.length, flagged, upgraded, current: CURRENT_RULE_SET };
}

export type FlaggedModel = { key: string; name: string; revision: number; reclassification: Reassessment & { flaggedAt: string } };

/** Models flagged "re-classification needed: rules changed", for the rules page and the model page. */
export async function flaggedModels(): Promise<FlaggedModel[]> {
  const rows = await prisma.model.findMany({
    where: { reclassificationNeeded: true },
    select: { key: true, name: true, revision: true, reclassification: true },
    orderBy: { key: "asc" },
  });
  return rows.map((r) => ({ key: r.key, name: r.name, revision: r.revision, reclassification: r.reclassification as FlaggedModel["reclassification"] }));
}

/**
 * An officer accepts the new verdict of a flagged model in one click: the class, citations, duties and
 * rationale of the current rules become the confirmed classification, audited. A verdict that needs new
 * answers cannot be accepted blind: the questionnaire must be completed instead.
 */
export async function reconfirmUnderCurrentRules({ actor, key, revision }: { actor: ModelActor; key: string; revision: number }) {
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.classify.confirm", { kind: "model", model });
    if (!model.reclassificationNeeded || !model.reclassification) throw new AppError("CONFLICT", "This model is not flagged for re-classification.");
    if (model.revision !== revision) throw new AppError("CONFLICT", "The model changed since you opened it. Nothing was confirmed; reload and review it again.");
    // the stored comparison may be older than the data: recompute it now
    const r = reassess(snapshotOf(model), (model.classificationAnswers ?? {}) as Answers, model.classificationRuleSet);
    if (r.unanswered.length > 0) {
      throw new AppError("VALIDATION", `The current rules ask ${r.unanswered.length} question(s) the stored answers do not cover; complete the questionnaire instead.`, {
        answers: r.unanswered.map((id) => `Unanswered: ${id}`),
      });
    }
    const data = {
      riskClass: r.new.riskClass,
      legalBasis: r.new.legalBasis,
      transparencyDuties: r.new.transparencyDuties,
      gpai: r.new.gpai,
      gpaiSystemicRisk: r.new.gpaiSystemicRisk,
      riskRationale: r.new.rationale,
      classificationAnswers: r.answers as object,
      classificationRuleSet: CURRENT_RULE_SET,
      classificationStatus: "CONFIRMED" as const,
      classifiedAt: new Date(),
      classifiedById: actor.id,
      reclassificationNeeded: false,
      reclassification: Prisma.DbNull,
    };
    const updated = await tx.model.updateMany({ where: { id: model.id, revision: model.revision }, data: { ...data, revision: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError("CONFLICT", "Someone else changed this model at the same moment. Nothing was confirmed; reload and try again.");
    await refreshCompliance(tx, { modelIds: [model.id] });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "model.classify.reconfirm",
      entityType: "Model",
      entityId: model.id,
      modelId: model.id,
      before: { ruleSet: r.fromVersion, riskClass: r.old.riskClass, legalBasis: r.old.legalBasis, transparencyDuties: r.old.transparencyDuties },
      after: { ruleSet: r.toVersion, riskClass: data.riskClass, legalBasis: data.legalBasis, transparencyDuties: data.transparencyDuties, differences: r.differences },
    });
    return r;
  });
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
