// Pure rules of the role homes: which home a role gets, and how consequential a model's state is.
import type { Actor } from "../authz/policy";
import type { CompletenessResult, ModelFacts } from "../compliance";

/** Where each role starts its day (the sign-in lands on /home, which renders or redirects per role). */
export type HomeKind = "owner" | "officer" | "executive" | "auditor";

export function homeKindFor(actor: Actor): HomeKind {
  switch (actor.role) {
    case "MODEL_OWNER":
      return "owner";
    case "COMPLIANCE_OFFICER":
    case "ADMIN":
      return "officer";
    case "EXECUTIVE":
      return "executive";
    default:
      return "auditor";
  }
}

const DAY = 86_400_000;

/**
 * How much is at stake when a model is left as it is, most first: a prohibited practice; a high-risk
 * model that is undocumented; monitoring that is critical or stale in production; a review date that
 * passed or an Art. 73 clock running; other open items; nothing.
 */
export const CONSEQUENCES = [
  { rank: 0, label: "Prohibited practice (Art. 5)" },
  { rank: 1, label: "High-risk and undocumented" },
  { rank: 2, label: "Monitoring critical or stale" },
  { rank: 3, label: "Deadline passed or near" },
  { rank: 4, label: "Open items" },
  { rank: 5, label: "Nothing open" },
] as const;

export function consequenceOf(facts: ModelFacts, result: CompletenessResult, extra: { nextReviewAt: Date | null; runningClocks: number }, now: Date): { rank: number; because: string } {
  const production = facts.lifecycle === "PRODUCTION";
  if (facts.classification.riskClass === "PROHIBITED" && facts.lifecycle !== "RETIRED") return { rank: 0, because: "Classified as a prohibited practice: it must not be in service." };
  if (facts.classification.riskClass === "HIGH" && result.undocumented)
    return { rank: 1, because: `High-risk and undocumented: ${result.items.filter((i) => i.mandatory && i.status !== "complete").length} mandatory item(s) open.` };
  if (production && (result.monitoringStatus === "CRITICAL" || result.monitoringStatus === "STALE")) return { rank: 2, because: `Monitoring ${result.monitoringStatus.toLowerCase()} in production.` };
  if (extra.runningClocks > 0) return { rank: 3, because: `${extra.runningClocks} incident report clock(s) running (Art. 73).` };
  if (extra.nextReviewAt && extra.nextReviewAt.getTime() < now.getTime() + 14 * DAY) {
    return {
      rank: 3,
      because: extra.nextReviewAt < now ? `Review overdue since ${extra.nextReviewAt.toISOString().slice(0, 10)}.` : `Review due on ${extra.nextReviewAt.toISOString().slice(0, 10)}.`,
    };
  }
  const open = result.items.filter((i) => i.status !== "complete");
  if (open.length > 0) return { rank: 4, because: `${open.length} open item(s).` };
  return { rank: 5, because: "Everything applicable is complete." };
}
