// A plausible 90-day history of the overview's headline counts for the demo organisation, ending on
// the seed's day with today's real counts (so the trend's last point equals the overview). Earlier days
// walk back deterministically (fixed seed): coverage rose from about 22 % as teams documented models,
// a few models entered production, and monitoring problems came and went.
import "server-only";
import type { Tx } from "../../lib/db";
import { recordSnapshot, utcDay } from "../../lib/dashboard/snapshot";
import { createRng } from "./random";

const DAY = 86_400_000;
export const HISTORY_DAYS = 90;

type Counts = Record<string, number>;

export async function loadSnapshotHistory(tx: Tx, { asOf, days = HISTORY_DAYS, seed = 73 }: { asOf: Date; days?: number; seed?: number }): Promise<number> {
  const today = await recordSnapshot({ db: tx, now: asOf });
  const rng = createRng(seed);
  const monitoring = { ...(today.monitoring as Counts) };
  const byRiskClass = { ...(today.byRiskClass as Counts) };
  let production = today.productionModels;
  let documented = today.documented;
  const rows = [];
  for (let back = 1; back < days; back++) {
    // walking backwards: undo the documentation work and the production launches of later days
    if (documented > 20 && rng.next() < 0.45) documented -= rng.next() < 0.3 ? 2 : 1;
    if (production > documented + 100 && rng.next() < 0.06) {
      production -= 1;
      const cls = byRiskClass.MINIMAL && byRiskClass.MINIMAL > 0 ? "MINIMAL" : "LIMITED";
      byRiskClass[cls] = Math.max(0, (byRiskClass[cls] ?? 0) - 1);
      monitoring.HEALTHY = Math.max(0, (monitoring.HEALTHY ?? 0) - 1);
    }
    // monitoring problems fluctuate by a model or two, moving between HEALTHY and STALE/WARNING
    const r = rng.next();
    const from = r < 0.33 ? "STALE" : r < 0.66 ? "WARNING" : "HEALTHY";
    const to = from === "HEALTHY" ? (rng.next() < 0.5 ? "STALE" : "WARNING") : "HEALTHY";
    if ((monitoring[from] ?? 0) > 1 && rng.next() < 0.5) {
      monitoring[from] = (monitoring[from] ?? 0) - 1;
      monitoring[to] = (monitoring[to] ?? 0) + 1;
    }
    rows.push({
      day: new Date(utcDay(asOf).getTime() - back * DAY),
      productionModels: production,
      documented,
      undocumented: production - documented,
      monitoring: { ...monitoring },
      byRiskClass: { ...byRiskClass },
      prohibitedFindings: today.prohibitedFindings,
      openIncidents: today.openIncidents,
      overdueReviews: today.overdueReviews,
    });
  }
  await tx.inventorySnapshot.createMany({ data: rows, skipDuplicates: true });
  return rows.length + 1;
}
