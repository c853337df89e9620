// The daily snapshot of the headline counts behind the overview's trend charts. Written by the
// scheduled job (and the demo seed); one row per UTC day, so writing it twice is harmless.
import "server-only";
import { prisma, type Tx } from "../db";
import { overviewCounts } from "./overview";

type Db = Tx | typeof prisma;

export const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** Upserts today's row from the cached verdicts (refresh them first when they may be outdated). */
export async function recordSnapshot({ db = prisma, now = new Date() }: { db?: Db; now?: Date } = {}) {
  const [{ counts }, openIncidents] = await Promise.all([overviewCounts({ db, now }), db.incident.count({ where: { closedAt: null, withdrawnAt: null } })]);
  const data = {
    productionModels: counts.productionModels,
    documented: counts.documented,
    undocumented: counts.undocumented,
    monitoring: counts.byMonitoringStatus,
    byRiskClass: Object.fromEntries(Object.entries(counts.byRiskClass).map(([k, v]) => [k, v.production])),
    prohibitedFindings: counts.prohibitedFindings,
    openIncidents,
    overdueReviews: counts.overdueReviews,
  };
  const day = utcDay(now);
  return db.inventorySnapshot.upsert({ where: { day }, create: { day, ...data }, update: data });
}
