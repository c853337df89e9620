import "server-only";
import { prisma } from "../db";
import { chainBeforeRead } from "../audit-log/appender";
import { can, type Actor } from "../authz/policy";
import { evaluateCompleteness } from "../compliance";
import { FACTS_INCLUDE, toModelFacts } from "./facts";

/** Audit actions that correct or withdraw a record; the model page shows each beside its record. */
export const CORRECTION_ACTIONS = ["bias_assessment.correct", "bias_assessment.withdraw", "version.correct", "version.withdraw", "incident.correct", "incident.withdraw"] as const;

/** Everything the model page shows, in one place (the page stays a thin view). */
export async function getModelDetail({ actor, key, asOf = new Date() }: { actor: Actor; key: string; asOf?: Date }) {
  const model = await prisma.model.findUnique({
    where: { key },
    include: {
      ...FACTS_INCLUDE,
      classifiedBy: { select: { name: true } },
      businessOwner: { select: { id: true, name: true, email: true } },
      technicalOwner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!model) return null;
  const facts = toModelFacts(model);
  const result = evaluateCompleteness(facts, asOf);
  const mayReadHistory = can(actor, "auditLog.read", { kind: "model", model });
  const [versions, checks, incidents, reviews, history] = await Promise.all([
    prisma.modelVersion.findMany({
      where: { modelId: model.id },
      orderBy: { createdAt: "desc" },
      include: {
        datasets: {
          include: { dataset: { select: { id: true, key: true, name: true, version: true, source: true, provenance: true, collectionMethod: true, knownBiases: true, biasMitigations: true } } },
        },
        biasAssessments: { orderBy: { assessedAt: "desc" }, include: { metrics: true, assessor: { select: { name: true } } } },
      },
    }),
    prisma.monitoringCheck.findMany({
      where: { modelId: model.id },
      orderBy: [{ observedAt: "desc" }, { createdAt: "desc" }],
      take: 12,
      include: { features: true, version: { select: { version: true } } },
    }),
    prisma.incident.findMany({ where: { modelId: model.id }, orderBy: { awareAt: "desc" } }),
    prisma.review.findMany({
      where: { modelId: model.id },
      orderBy: { submittedAt: "desc" },
      take: 10,
      include: { submittedBy: { select: { id: true, name: true } }, decidedBy: { select: { name: true } } },
    }),
    // events of monitoring pushes are chained in the background: the history shows every committed one
    mayReadHistory
      ? chainBeforeRead().then(() => prisma.auditEvent.findMany({ where: { modelId: model.id }, orderBy: { seq: "desc" }, take: 25, include: { actor: { select: { name: true } } } }))
      : Promise.resolve(null),
  ]);
  // corrections and withdrawals of versions, bias assessments and incidents: the history shows what they said before and after
  const changes = mayReadHistory
    ? await prisma.auditEvent.findMany({
        where: { modelId: model.id, action: { in: [...CORRECTION_ACTIONS] } },
        orderBy: { seq: "asc" },
        include: { actor: { select: { name: true } } },
      })
    : [];
  const biasChanges = changes.filter((c) => c.entityType === "BiasAssessment");
  const recordChanges = changes.filter((c) => c.entityType !== "BiasAssessment");
  return { model, facts, result, versions, checks, incidents, reviews, history, biasChanges, recordChanges };
}

export type ModelDetail = NonNullable<Awaited<ReturnType<typeof getModelDetail>>>;

/** Art. 73 reporting deadline: 15 days from awareness, 10 for a death, 2 for widespread or critical-infrastructure cases. */
export const INCIDENT_DEADLINE_DAYS = { STANDARD: 15, DEATH: 10, WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE: 2 } as const;

export function incidentDeadline(incident: { awareAt: Date; deadlineRule: keyof typeof INCIDENT_DEADLINE_DAYS }): Date {
  return new Date(incident.awareAt.getTime() + INCIDENT_DEADLINE_DAYS[incident.deadlineRule] * 86_400_000);
}
