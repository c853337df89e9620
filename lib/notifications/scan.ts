// The scheduled scan: turns deadlines into notifications. Idempotent by construction (each event has
// a dedupe key, so running it twice, or on two instances at once, notifies nobody twice); reminders
// repeat at most once a week while a condition lasts, because the week is part of the key.
import "server-only";
import { prisma } from "../db";
import { collectDeadlines } from "../deadlines/deadlines";
import { notify } from "./notify";
import type { NotificationKind } from "./kinds";

const DAY = 86_400_000;
/** the whole scan is one transaction; ten thousand models' reminders take seconds, not minutes */
const SCAN_TRANSACTION_MS = 10 * 60_000;

/** Monday of the UTC week of `d`, as YYYY-MM-DD. */
export function weekOf(d: Date): string {
  const day = Math.floor(d.getTime() / DAY);
  // 1970-01-01 was a Thursday: shift so that weeks start on Monday
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY).toISOString().slice(0, 10);
}

export type ScanResult = { created: number; byKind: Partial<Record<NotificationKind, number>> };

export async function scanDeadlines({ now = new Date() }: { now?: Date } = {}): Promise<ScanResult> {
  const [deadlines, officers] = await Promise.all([
    collectDeadlines({ now, horizonDays: 30, kinds: ["documentation-stale", "monitoring", "incident-report"] }),
    prisma.user.findMany({ where: { role: "COMPLIANCE_OFFICER", active: true }, select: { id: true } }),
  ]);
  const officerIds = officers.map((o) => o.id);
  const week = weekOf(now);
  const result: ScanResult = { created: 0, byKind: {} };
  const add = (kind: NotificationKind, n: number) => {
    result.created += n;
    result.byKind[kind] = (result.byKind[kind] ?? 0) + n;
  };
  // one transaction: a delivery running meanwhile sees all of this scan's notifications or none, so a
  // user's digest is never split between today's message and tomorrow's
  await prisma.$transaction(
    async (tx) => {
      for (const d of deadlines) {
        const link = `/models/${d.model.key}`;
        if (d.kind === "documentation-stale") {
          add(
            "DOCUMENTATION_STALE",
            await notify({
              tx,
              kind: "DOCUMENTATION_STALE",
              recipients: d.model.ownerIds,
              title: d.title,
              body: d.detail,
              link,
              dedupeKey: `doc-stale:${d.model.id}:${d.overdue ? "now" : "soon"}:${d.ref}:${week}`,
            }),
          );
        } else if (d.kind === "monitoring") {
          const critical = d.ref === "CRITICAL";
          const kind: NotificationKind = critical ? "MONITORING_CRITICAL" : "MONITORING_STALE";
          // CRITICAL drift concerns compliance too (a possible serious incident); STALE is the owners' chore
          const recipients = critical ? [...d.model.ownerIds, ...officerIds] : d.model.ownerIds;
          add(kind, await notify({ tx, kind, recipients, title: d.title, body: d.detail, link, dedupeKey: `monitoring:${d.ref}:${d.model.id}:${week}` }));
        } else if (d.kind === "incident-report" && d.incident && (d.incident.state === "due-soon" || d.incident.state === "overdue")) {
          const state = d.incident.state;
          add(
            "INCIDENT_DEADLINE",
            await notify({
              tx,
              kind: "INCIDENT_DEADLINE",
              recipients: [...d.model.ownerIds, ...officerIds],
              title: d.title,
              body: `${d.detail} ${state === "overdue" ? "The deadline has passed: report to the market surveillance authority now." : `${d.incident.hoursLeft} hours left.`}`,
              link,
              dedupeKey: `incident:${d.incident.id}:${state}`,
            }),
          );
        }
      }
    },
    { timeout: SCAN_TRANSACTION_MS },
  );
  return result;
}
