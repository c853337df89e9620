// The executive overview's numbers, read from the verdict the compliance engine caches on each Model
// row (complianceScore, undocumented, monitoringStatus), with SQL group-bys so that the page stays fast
// at 10,000 models. The definitions are those of the engine's summarizeInventory (lib/compliance/
// inventory.ts): only production models enter the headline, models without a unit are grouped under
// UNASSIGNED_BUSINESS_UNIT. tests/integration/dashboard.test.ts checks the two agree on the demo.
import "server-only";
import { prisma, type Tx } from "../db";
import {
  UNASSIGNED_BUSINESS_UNIT,
  addCoverage,
  countedBusinessUnit,
  emptyCoverageByRiskClass,
  emptyMonitoringCounts,
  unitCoverage,
  documentedPercent,
  meanScore,
  type InventorySummary,
  type MonitoringStatus,
  type RiskClass,
  type CoverageCounts,
} from "../compliance";
import { refreshOutdatedCompliance } from "../models/compliance";
import { incidentClock, type IncidentClock } from "../deadlines/incidents";
import { upcomingRegulatoryDates, type RegulatoryDate } from "../deadlines/regulatory";

type Db = Tx | typeof prisma;
const DAY = 86_400_000;

export type OverviewCounts = Omit<InventorySummary, "byBusinessUnit"> & {
  /** units sorted by name, the unassigned group last */
  byBusinessUnit: Array<{ name: string } & CoverageCounts>;
  /** production models whose next review date has passed */
  overdueReviews: number;
};

export type TrendPoint = { day: string; productionModels: number; documented: number; undocumented: number; documentedPercent: number; healthy: number; monitoringProblems: number };

export type Overview = {
  asOf: Date;
  counts: OverviewCounts;
  /** production models, by risk class (rows) and business unit (columns): the heat map */
  exposure: Array<{ riskClass: RiskClass; businessUnit: string; production: number; undocumented: number }>;
  prohibited: Array<{ key: string; name: string; businessUnit: string | null }>;
  openIncidents: IncidentClock[];
  regulatoryDates: RegulatoryDate[];
  trend: TrendPoint[];
};

/** The headline counts only (what the daily snapshot stores). Assumes the cached verdicts are current. */
export async function overviewCounts({ db = prisma, now = new Date() }: { db?: Db; now?: Date } = {}): Promise<{ counts: OverviewCounts; exposure: Overview["exposure"] }> {
  type CellRow = { riskClass: RiskClass; unit: string | null; undocumented: boolean; n: number };
  type CountRow = { key: string; n: number };
  const [cells, monitoring, lifecycles, score, overdue] = await Promise.all([
    db.$queryRaw<CellRow[]>`
      SELECT m."riskClass"::text AS "riskClass", bu.name AS unit, m.undocumented, count(*)::int AS n
      FROM "Model" m LEFT JOIN "BusinessUnit" bu ON bu.id = m."businessUnitId"
      WHERE m.lifecycle = 'PRODUCTION'
      GROUP BY 1, 2, 3`,
    db.$queryRaw<CountRow[]>`SELECT "monitoringStatus"::text AS key, count(*)::int AS n FROM "Model" WHERE lifecycle = 'PRODUCTION' GROUP BY 1`,
    db.$queryRaw<CountRow[]>`SELECT lifecycle::text AS key, count(*)::int AS n FROM "Model" GROUP BY 1`,
    db.$queryRaw<Array<{ s: number | null }>>`SELECT sum(coalesce("complianceScore", 0))::float8 AS s FROM "Model" WHERE lifecycle = 'PRODUCTION'`,
    db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Model" WHERE lifecycle = 'PRODUCTION' AND "nextReviewAt" < ${now}`,
  ]);

  const byRiskClass = emptyCoverageByRiskClass();
  const units = new Map<string, CoverageCounts>();
  const exposure = new Map<string, Overview["exposure"][number]>();
  let production = 0;
  let undocumented = 0;
  for (const row of cells) {
    const unit = countedBusinessUnit(row.unit);
    production += row.n;
    if (row.undocumented) undocumented += row.n;
    addCoverage([byRiskClass[row.riskClass], unitCoverage(units, unit)], row.n, row.undocumented);
    const cellKey = `${row.riskClass}\u0000${unit}`;
    const cell = exposure.get(cellKey) ?? exposure.set(cellKey, { riskClass: row.riskClass, businessUnit: unit, production: 0, undocumented: 0 }).get(cellKey)!;
    cell.production += row.n;
    if (row.undocumented) cell.undocumented += row.n;
  }
  const byMonitoringStatus = emptyMonitoringCounts();
  for (const row of monitoring) byMonitoringStatus[row.key as MonitoringStatus] = row.n;
  const byLifecycle: InventorySummary["byLifecycle"] = { DEVELOPMENT: 0, VALIDATION: 0, PRODUCTION: 0, RETIRED: 0 };
  for (const row of lifecycles) byLifecycle[row.key as keyof typeof byLifecycle] = row.n;
  const documented = production - undocumented;
  const scoreSum = score[0]?.s ?? 0;
  const byBusinessUnit = [...units.entries()]
    .map(([name, c]) => ({ name, ...c }))
    .sort((a, b) => (a.name === UNASSIGNED_BUSINESS_UNIT ? 1 : b.name === UNASSIGNED_BUSINESS_UNIT ? -1 : a.name.localeCompare(b.name)));
  return {
    counts: {
      productionModels: production,
      documented,
      undocumented,
      documentedPercent: documentedPercent(documented, production),
      byRiskClass,
      byBusinessUnit,
      byMonitoringStatus,
      prohibitedFindings: byRiskClass.PROHIBITED.production,
      byLifecycle,
      meanProductionScore: meanScore(scoreSum, production),
      overdueReviews: overdue[0]?.n ?? 0,
    },
    exposure: [...exposure.values()],
  };
}

/** Everything the overview page shows. Refreshes verdicts computed before today first (as the inventory does). */
export async function getOverview({ now = new Date(), trendDays = 90 }: { now?: Date; trendDays?: number } = {}): Promise<Overview> {
  await refreshOutdatedCompliance(now);
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (trendDays - 1) * DAY);
  const [{ counts, exposure }, prohibited, incidents, regulatoryDates, snapshots] = await Promise.all([
    overviewCounts({ now }),
    prisma.model.findMany({
      where: { lifecycle: "PRODUCTION", riskClass: "PROHIBITED" },
      select: { key: true, name: true, businessUnit: { select: { name: true } } },
      orderBy: { name: "asc" },
      take: 20,
    }),
    prisma.incident.findMany({
      where: { closedAt: null, withdrawnAt: null },
      select: { id: true, title: true, awareAt: true, deadlineRule: true, authorityNotifiedAt: true, severity: true, model: { select: { key: true, name: true } } },
      orderBy: { awareAt: "asc" },
      take: 50,
    }),
    upcomingRegulatoryDates({ now, limit: 5 }),
    prisma.inventorySnapshot.findMany({ where: { day: { gte: since } }, orderBy: { day: "asc" } }),
  ]);
  return {
    asOf: now,
    counts,
    exposure,
    prohibited: prohibited.map((m) => ({ key: m.key, name: m.name, businessUnit: m.businessUnit?.name ?? null })),
    openIncidents: incidents.map((i) => incidentClock(i, now)),
    regulatoryDates,
    trend: snapshots.map(toTrendPoint),
  };
}

function toTrendPoint(s: { day: Date; productionModels: number; documented: number; undocumented: number; monitoring: unknown }): TrendPoint {
  const monitoring = (s.monitoring ?? {}) as Partial<Record<MonitoringStatus, number>>;
  return {
    day: s.day.toISOString().slice(0, 10),
    productionModels: s.productionModels,
    documented: s.documented,
    undocumented: s.undocumented,
    documentedPercent: documentedPercent(s.documented, s.productionModels),
    healthy: monitoring.HEALTHY ?? 0,
    monitoringProblems: (monitoring.CRITICAL ?? 0) + (monitoring.STALE ?? 0),
  };
}

/** Inventory links for each figure: the /models page filters to exactly the models counted. */
export function inventoryHref(filters: { riskClass?: string; businessUnit?: string; documented?: "yes" | "no"; monitoringStatus?: string; reviewOverdue?: boolean }): string {
  const params = new URLSearchParams({ lifecycle: "PRODUCTION" });
  if (filters.riskClass) params.set("riskClass", filters.riskClass);
  // the unassigned group has no unit name to filter on; the link then covers all units
  if (filters.businessUnit && filters.businessUnit !== UNASSIGNED_BUSINESS_UNIT) params.set("businessUnit", filters.businessUnit);
  if (filters.documented) params.set("documented", filters.documented);
  if (filters.monitoringStatus) params.set("monitoringStatus", filters.monitoringStatus);
  if (filters.reviewOverdue) params.set("reviewOverdue", "1");
  return `/models?${params.toString()}`;
}
