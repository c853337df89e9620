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
  // the id and the owners first (one indexed row), then every read in one wave: the model with its facts
  // no longer holds up the others (each ORM include is a round trip or more; at 10,000 models × 365 days
  // of history, under load, the sequential waves were most of the page's time, not the SQL)
  const head = await prisma.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
  if (!head) return null;
  const mayReadHistory = can(actor, "auditLog.read", { kind: "model", model: head });
  // both audit reads come after pending events are chained (as when they followed the other reads)
  const chained = mayReadHistory ? chainBeforeRead() : Promise.resolve();
  const [model, versions, checks, incidents, reviews, history, changes] = await Promise.all([
    prisma.model.findUnique({
      where: { id: head.id },
      include: {
        ...FACTS_INCLUDE,
        classifiedBy: { select: { name: true } },
        businessOwner: { select: { id: true, name: true, email: true } },
        technicalOwner: { select: { id: true, name: true, email: true } },
      },
    }),
    prisma.modelVersion.findMany({
      where: { modelId: head.id },
      orderBy: { createdAt: "desc" },
      include: {
        datasets: {
          include: { dataset: { select: { id: true, key: true, name: true, version: true, source: true, provenance: true, collectionMethod: true, knownBiases: true, biasMitigations: true } } },
        },
        biasAssessments: { orderBy: { assessedAt: "desc" }, include: { metrics: true, assessor: { select: { name: true } } } },
      },
    }),
    prisma.monitoringCheck.findMany({
      where: { modelId: head.id },
      orderBy: [{ observedAt: "desc" }, { createdAt: "desc" }],
      take: 12,
      include: { features: true, version: { select: { version: true } } },
    }),
    prisma.incident.findMany({ where: { modelId: head.id }, orderBy: { awareAt: "desc" } }),
    prisma.review.findMany({
      where: { modelId: head.id },
      orderBy: { submittedAt: "desc" },
      take: 10,
      include: { submittedBy: { select: { id: true, name: true } }, decidedBy: { select: { name: true } } },
    }),
    // events of monitoring pushes are chained in the background: the history shows every committed one
    mayReadHistory
      ? chained.then(() => prisma.auditEvent.findMany({ where: { modelId: head.id }, orderBy: { seq: "desc" }, take: 25, include: { actor: { select: { name: true } } } }))
      : Promise.resolve(null),
    // corrections and withdrawals of versions, bias assessments and incidents: the history shows what they said before and after
    mayReadHistory
      ? chained.then(() =>
          prisma.auditEvent.findMany({
            where: { modelId: head.id, action: { in: [...CORRECTION_ACTIONS] } },
            orderBy: { seq: "asc" },
            include: { actor: { select: { name: true } } },
          }),
        )
      : Promise.resolve([]),
  ]);
  if (!model) return null; // deleted between the two reads
  const facts = toModelFacts(model);
  const result = evaluateCompleteness(facts, asOf);
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
