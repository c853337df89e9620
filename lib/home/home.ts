import "server-only";
import { prisma } from "../db";
import { assertCan, type Actor } from "../authz/policy";
import { evaluateModels } from "../models/compliance";
import { refreshOutdatedCompliance } from "../models/compliance";
import { fixHref } from "../models/fix-href";
import { reviewQueue } from "../reviews/reviews";
import { listInbox } from "../notifications/inbox";
import { incidentClock, type IncidentClock } from "../deadlines/incidents";
import type { RiskClass } from "../compliance";
import { CONSEQUENCES, consequenceOf } from "./consequence";
import { flaggedModels } from "../models/rule-sets";
import { RISK_CLASS_LABELS } from "../labels";

export { homeKindFor } from "./consequence";

export type OwnerModel = {
  key: string;
  name: string;
  riskClass: RiskClass;
  lifecycle: string;
  score: number;
  undocumented: boolean;
  monitoringStatus: string;
  consequence: (typeof CONSEQUENCES)[number];
  /** why it ranks where it does, in words */
  because: string;
  /** open items, mandatory first, each with the link to the form that fixes it */
  items: Array<{ id: string; title: string; status: string; mandatory: boolean; href: string }>;
  nextReviewAt: Date | null;
};

/** A model owner's models, the most consequential first, each with its open items and their fixes. */
export async function ownerHome({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  await refreshOutdatedCompliance(now);
  const mine = { OR: [{ businessOwnerId: actor.id }, { technicalOwnerId: actor.id }] };
  const [evaluated, rows, incidents, reviews, requests] = await Promise.all([
    evaluateModels({ where: mine, asOf: now }),
    prisma.model.findMany({ where: mine, select: { key: true, nextReviewAt: true, _count: { select: { versions: true } } } }),
    prisma.incident.findMany({
      where: { closedAt: null, withdrawnAt: null, authorityNotifiedAt: null, model: mine },
      select: { id: true, title: true, awareAt: true, deadlineRule: true, authorityNotifiedAt: true, severity: true, model: { select: { key: true, name: true } } },
    }),
    prisma.review.findMany({
      where: { model: mine, status: { in: ["SUBMITTED", "CHANGES_REQUESTED", "REOPENED"] } },
      orderBy: { submittedAt: "desc" },
      take: 20,
      select: { id: true, status: true, submittedAt: true, comment: true, model: { select: { key: true, name: true } }, decidedBy: { select: { name: true } } },
    }),
    listInbox({ userId: actor.id, unreadOnly: true, take: 10 }),
  ]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const clocks = incidents.map((i) => incidentClock(i, now));
  const models: OwnerModel[] = evaluated.map(({ facts, result }) => {
    const row = byKey.get(facts.key);
    const consequence = consequenceOf(facts, result, { nextReviewAt: row?.nextReviewAt ?? null, runningClocks: clocks.filter((c) => c.modelKey === facts.key).length }, now);
    const open = result.items.filter((i) => i.status !== "complete").sort((a, b) => Number(b.mandatory) - Number(a.mandatory));
    return {
      key: facts.key,
      name: facts.name,
      riskClass: facts.classification.riskClass,
      lifecycle: facts.lifecycle,
      score: result.score,
      undocumented: result.undocumented,
      monitoringStatus: result.monitoringStatus,
      consequence: CONSEQUENCES[consequence.rank]!,
      because: consequence.because,
      items: open.map((i) => ({ id: i.id, title: i.title, status: i.status, mandatory: i.mandatory, href: fixHref(facts.key, i, { hasVersion: (row?._count.versions ?? 0) > 0 }) })),
      nextReviewAt: row?.nextReviewAt ?? null,
    };
  });
  models.sort((a, b) => a.consequence.rank - b.consequence.rank || b.items.filter((i) => i.mandatory).length - a.items.filter((i) => i.mandatory).length || a.name.localeCompare(b.name));
  return { models, reviews, requests, clocks };
}

const RISK_ORDER: RiskClass[] = ["PROHIBITED", "HIGH", "UNCLASSIFIED", "LIMITED", "MINIMAL", "OUT_OF_SCOPE"];

/**
 * Re-classifications the engine asks for: models whose verdict changes under the current rule set
 * (flagged by the rule-set check, `checkRuleSets`), with the change in words for the worklist.
 */
export async function reclassificationsNeeded(): Promise<Array<{ key: string; name: string; reason: string }>> {
  const flagged = await flaggedModels();
  return flagged.map(({ key, name, reclassification: r }) => {
    const from = RISK_CLASS_LABELS[r.old.riskClass];
    const to = RISK_CLASS_LABELS[r.new.riskClass];
    const verdict = r.old.riskClass === r.new.riskClass ? `${from}, obligations or citations changed` : `${from} → ${to}`;
    return { key, name, reason: `Rules ${r.fromVersion} → ${r.toVersion}: ${verdict}${r.differences.length > 0 ? ` (${r.differences[0]})` : ""}.` };
  });
}

/** A compliance officer's audit worklist: what to chase today. */
export async function officerWorklist({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  assertCan(actor, "review.decide");
  await refreshOutdatedCompliance(now);
  const [queue, undocumented, undocumentedTop, overdue, overdueCount, incidents, reclassifications] = await Promise.all([
    reviewQueue({ actor }),
    prisma.model.groupBy({ by: ["riskClass"], where: { lifecycle: "PRODUCTION", undocumented: true }, _count: { _all: true } }),
    prisma.model.findMany({
      where: { lifecycle: "PRODUCTION", undocumented: true, riskClass: { in: ["PROHIBITED", "HIGH"] } },
      orderBy: [{ complianceScore: "asc" }, { key: "asc" }],
      take: 10,
      select: { key: true, name: true, riskClass: true, complianceScore: true, businessOwner: { select: { name: true } }, technicalOwner: { select: { name: true } } },
    }),
    prisma.model.findMany({
      where: { lifecycle: { not: "RETIRED" }, nextReviewAt: { lt: now } },
      orderBy: [{ nextReviewAt: "asc" }, { key: "asc" }],
      take: 10,
      select: { key: true, name: true, nextReviewAt: true, riskClass: true },
    }),
    prisma.model.count({ where: { lifecycle: { not: "RETIRED" }, nextReviewAt: { lt: now } } }),
    prisma.incident.findMany({
      where: { closedAt: null, withdrawnAt: null, authorityNotifiedAt: null },
      select: { id: true, title: true, awareAt: true, deadlineRule: true, authorityNotifiedAt: true, severity: true, model: { select: { key: true, name: true } } },
      orderBy: { awareAt: "asc" },
      take: 50,
    }),
    reclassificationsNeeded(),
  ]);
  const clocks: IncidentClock[] = incidents.map((i) => incidentClock(i, now)).sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  const undocumentedByRisk = RISK_ORDER.map((riskClass) => ({ riskClass, count: undocumented.find((u) => u.riskClass === riskClass)?._count._all ?? 0 })).filter((r) => r.count > 0);
  return { queue, undocumentedByRisk, undocumentedTop, overdue, overdueCount, clocks, reclassifications };
}
