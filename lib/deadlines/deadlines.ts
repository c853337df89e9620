// Every dated obligation in one list: review due dates, documentation that is stale or goes stale
// soon, monitoring gone STALE or CRITICAL, Art. 73 incident report deadlines and the AI Act dates
// that apply to each model. The overview shows it; the notification scan turns it into messages.
import "server-only";
import { prisma } from "../db";
import { obligationsApplicableOn } from "../compliance";
import { evaluateModels } from "../models/compliance";
import { incidentClock, type IncidentClock } from "./incidents";
import { calendarOverrides } from "./regulatory";

const DAY = 86_400_000;

export type DeadlineKind = "review-due" | "documentation-stale" | "monitoring" | "incident-report" | "regulatory";

export type Deadline = {
  kind: DeadlineKind;
  /** when it is (or was) due; for monitoring, when the status was last evaluated */
  due: Date;
  overdue: boolean;
  model: { id: string; key: string; name: string; ownerIds: string[] };
  title: string;
  detail: string;
  /** e.g. the monitoring status, the stale item ids, the incident id, the calendar entry id */
  ref: string;
  incident?: IncidentClock;
};

export type DeadlineOptions = {
  now?: Date;
  /** how far ahead to look, in days (review dates, documentation going stale, regulatory dates) */
  horizonDays?: number;
  /** limit to these models (default: every production model) */
  modelIds?: string[];
  kinds?: DeadlineKind[];
};

const ownerIds = (m: { businessOwnerId: string | null; technicalOwnerId: string | null }) => [...new Set([m.businessOwnerId, m.technicalOwnerId].filter((id): id is string => id !== null))];

export async function collectDeadlines({ now = new Date(), horizonDays = 30, modelIds, kinds }: DeadlineOptions = {}): Promise<Deadline[]> {
  const want = (k: DeadlineKind) => !kinds || kinds.includes(k);
  const horizon = new Date(now.getTime() + horizonDays * DAY);
  const scope = { lifecycle: "PRODUCTION" as const, ...(modelIds ? { id: { in: modelIds } } : {}) };
  const modelSelect = { id: true, key: true, name: true, businessOwnerId: true, technicalOwnerId: true } as const;
  const out: Deadline[] = [];
  const model = (m: { id: string; key: string; name: string; businessOwnerId: string | null; technicalOwnerId: string | null }) => ({ id: m.id, key: m.key, name: m.name, ownerIds: ownerIds(m) });

  if (want("review-due")) {
    const rows = await prisma.model.findMany({ where: { ...scope, nextReviewAt: { lte: horizon } }, select: { ...modelSelect, nextReviewAt: true }, orderBy: { nextReviewAt: "asc" } });
    for (const m of rows) {
      const due = m.nextReviewAt!;
      out.push({
        kind: "review-due",
        due,
        overdue: due < now,
        model: model(m),
        title: `Review ${due < now ? "overdue" : "due"}: ${m.name}`,
        detail: `Next review date ${due.toISOString().slice(0, 10)}.`,
        ref: due.toISOString().slice(0, 10),
      });
    }
  }

  if (want("monitoring")) {
    const rows = await prisma.model.findMany({
      where: { ...scope, monitoringStatus: { in: ["CRITICAL", "STALE"] } },
      select: { ...modelSelect, monitoringStatus: true, complianceEvaluatedAt: true },
      orderBy: { name: "asc" },
    });
    for (const m of rows) {
      out.push({
        kind: "monitoring",
        due: m.complianceEvaluatedAt ?? now,
        overdue: true,
        model: model(m),
        title: m.monitoringStatus === "CRITICAL" ? `Monitoring CRITICAL: ${m.name}` : `Monitoring STALE: ${m.name}`,
        detail: m.monitoringStatus === "CRITICAL" ? "The latest drift check crossed the critical threshold." : "No monitoring check arrived within the configured cadence.",
        ref: m.monitoringStatus,
      });
    }
  }

  if (want("documentation-stale")) {
    // stale now, or complete now but stale by the horizon (the engine's freshness rules, evaluated twice)
    const where = scope;
    const [today, later] = await Promise.all([evaluateModels({ where, asOf: now }), evaluateModels({ where, asOf: horizon })]);
    const laterByKey = new Map(later.map((e) => [e.facts.key, e]));
    const ids = await prisma.model.findMany({ where: { key: { in: today.map((e) => e.facts.key) } }, select: modelSelect });
    const byKey = new Map(ids.map((m) => [m.key, m]));
    for (const { facts, result } of today) {
      const row = byKey.get(facts.key);
      if (!row) continue;
      const staleNow = result.items.filter((i) => i.status === "stale");
      const goingStale = (laterByKey.get(facts.key)?.result.items ?? []).filter((i) => i.status === "stale" && result.items.find((n) => n.id === i.id)?.status === "complete");
      if (staleNow.length > 0) {
        out.push({
          kind: "documentation-stale",
          due: now,
          overdue: true,
          model: model(row),
          title: `Documentation stale: ${row.name}`,
          detail: staleNow.map((i) => i.reason).join(" "),
          ref: staleNow
            .map((i) => i.id)
            .sort()
            .join(","),
        });
      }
      if (goingStale.length > 0) {
        out.push({
          kind: "documentation-stale",
          due: horizon,
          overdue: false,
          model: model(row),
          title: `Documentation goes stale within ${horizonDays} days: ${row.name}`,
          detail: goingStale.map((i) => i.title).join(", "),
          ref: goingStale
            .map((i) => i.id)
            .sort()
            .join(","),
        });
      }
    }
  }

  if (want("incident-report")) {
    const rows = await prisma.incident.findMany({
      where: { closedAt: null, withdrawnAt: null, authorityNotifiedAt: null, model: scope },
      select: { id: true, title: true, awareAt: true, deadlineRule: true, authorityNotifiedAt: true, severity: true, model: { select: modelSelect } },
      orderBy: { awareAt: "asc" },
    });
    for (const i of rows) {
      const clock = incidentClock(i, now);
      out.push({
        kind: "incident-report",
        due: clock.deadline,
        overdue: clock.state === "overdue",
        model: model(i.model),
        title: `Art. 73 report ${clock.state === "overdue" ? "overdue" : "due"}: ${i.title}`,
        detail: `${clock.days}-day deadline (${i.deadlineRule}) ends ${clock.deadline.toISOString()}.`,
        ref: i.id,
        incident: clock,
      });
    }
  }

  if (want("regulatory")) {
    const overrides = await calendarOverrides();
    const rows = await prisma.model.findMany({
      where: scope,
      select: { ...modelSelect, riskClass: true, legalBasis: true, transparencyDuties: true, gpai: true, gpaiSystemicRisk: true, publicAuthority: true },
    });
    for (const m of rows) {
      for (const g of obligationsApplicableOn(m, now, { overrides, publicAuthority: m.publicAuthority })) {
        if (g.inEffect || g.appliesFrom > horizon) continue;
        out.push({ kind: "regulatory", due: g.appliesFrom, overdue: false, model: model(m), title: `${g.title} (${g.articles})`, detail: g.source, ref: g.id });
      }
    }
  }

  return out.sort((a, b) => a.due.getTime() - b.due.getTime() || a.model.name.localeCompare(b.model.name));
}
