// The overview's SQL counts against the compliance engine's reference (summarizeInventory over the
// facts), the inventory filters its figures link to, and the demo's 90-day history.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getOverview, inventoryHref, overviewCounts } from "@/lib/dashboard/overview";
import { inventorySummary, refreshOutdatedCompliance } from "@/lib/models/compliance";
import { inventoryQuerySchema, inventoryWhereSql } from "@/lib/models/queries";
import { loadSnapshotHistory, HISTORY_DAYS } from "@/prisma/seed/history";
import { UNASSIGNED_BUSINESS_UNIT } from "@/lib/compliance";

afterAll(() => prisma.$disconnect());

/** How many models the inventory page lists for a figure's link. */
async function countForLink(href: string): Promise<number> {
  const query = inventoryQuerySchema.parse(Object.fromEntries(new URL(href, "http://x").searchParams));
  const [row] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Model" m WHERE ${inventoryWhereSql(query)}`;
  return row!.n;
}

describe("overview counts", () => {
  it("equal the engine's inventory summary on the demo organisation", async () => {
    const now = new Date();
    await refreshOutdatedCompliance(now);
    const [{ counts }, reference] = await Promise.all([overviewCounts({ now }), inventorySummary(now)]);
    expect(counts.productionModels).toBe(247);
    expect(counts.documented).toBe(89);
    expect(counts.undocumented).toBe(158);
    expect(counts.productionModels).toBe(reference.productionModels);
    expect(counts.documented).toBe(reference.documented);
    expect(counts.documentedPercent).toBe(reference.documentedPercent);
    expect(counts.byRiskClass).toEqual(reference.byRiskClass);
    expect(counts.byMonitoringStatus).toEqual(reference.byMonitoringStatus);
    expect(counts.byLifecycle).toEqual(reference.byLifecycle);
    expect(counts.prohibitedFindings).toBe(reference.prohibitedFindings);
    expect(counts.prohibitedFindings).toBeGreaterThan(0);
    expect(counts.meanProductionScore).toBeCloseTo(reference.meanProductionScore, 1);
    expect(Object.fromEntries(counts.byBusinessUnit.map(({ name, ...c }) => [name, c]))).toEqual(reference.byBusinessUnit);
  });

  it("link every figure to an inventory filter that lists exactly the counted models", async () => {
    const { counts, exposure } = await overviewCounts();
    expect(await countForLink(inventoryHref({ documented: "no" }))).toBe(158);
    expect(await countForLink(inventoryHref({ documented: "yes" }))).toBe(89);
    for (const [status, n] of Object.entries(counts.byMonitoringStatus)) {
      expect(await countForLink(inventoryHref({ monitoringStatus: status })), status).toBe(n);
    }
    expect(await countForLink(inventoryHref({ reviewOverdue: true }))).toBe(counts.overdueReviews);
    for (const cell of exposure.filter((c) => c.businessUnit !== UNASSIGNED_BUSINESS_UNIT)) {
      expect(await countForLink(inventoryHref({ riskClass: cell.riskClass, businessUnit: cell.businessUnit }))).toBe(cell.production);
      expect(await countForLink(inventoryHref({ riskClass: cell.riskClass, businessUnit: cell.businessUnit, documented: "no" }))).toBe(cell.undocumented);
    }
  });

  it("lists open incidents with their Art. 73 clocks and the next regulatory dates", async () => {
    const now = new Date();
    const overview = await getOverview({ now });
    // withdrawn incidents stay in the history but run no clock
    const open = await prisma.incident.count({ where: { closedAt: null, withdrawnAt: null } });
    expect(overview.openIncidents).toHaveLength(open);
    for (const i of overview.openIncidents) expect([2, 10, 15]).toContain(i.days);
    expect(overview.regulatoryDates.length).toBeGreaterThan(0);
    for (const d of overview.regulatoryDates) expect(new Date(`${d.date}T00:00:00Z`).getTime()).toBeGreaterThan(now.getTime());
  });
});

describe("the demo's snapshot history", () => {
  it("has 90 days ending today with today's real counts, and plausible earlier days", async () => {
    const asOf = new Date();
    const rollback = new Error("rollback");
    // written in a transaction that is rolled back: the shared demo database keeps what it had
    const rows = await prisma
      .$transaction(async (tx) => {
        await tx.inventorySnapshot.deleteMany({});
        expect(await loadSnapshotHistory(tx, { asOf })).toBe(HISTORY_DAYS);
        const written = await tx.inventorySnapshot.findMany({ orderBy: { day: "asc" } });
        throw Object.assign(rollback, { written });
      })
      .catch((e: unknown) => {
        if (e !== rollback) throw e;
        return (e as Error & { written: Array<{ day: Date; productionModels: number; documented: number; undocumented: number; monitoring: unknown }> }).written;
      });
    expect(rows).toHaveLength(90);
    const last = rows.at(-1)!;
    expect(last.day.toISOString().slice(0, 10)).toBe(asOf.toISOString().slice(0, 10));
    expect([last.productionModels, last.documented, last.undocumented]).toEqual([247, 89, 158]);
    const first = rows[0]!;
    expect(first.documented).toBeLessThan(last.documented);
    for (const [i, r] of rows.entries()) {
      expect(r.documented + r.undocumented).toBe(r.productionModels);
      if (i > 0) expect(r.day.getTime() - rows[i - 1]!.day.getTime()).toBe(86_400_000);
    }
  });

  it("is deterministic", async () => {
    const asOf = new Date("2026-11-29T12:00:00Z");
    const run = async () =>
      prisma
        .$transaction(async (tx) => {
          await tx.inventorySnapshot.deleteMany({});
          await loadSnapshotHistory(tx, { asOf });
          throw Object.assign(new Error("rollback"), { rows: await tx.inventorySnapshot.findMany({ orderBy: { day: "asc" }, select: { day: true, documented: true, monitoring: true } }) });
        })
        .catch((e: Error & { rows?: unknown }) => {
          if (!e.rows) throw e;
          return e.rows;
        });
    expect(await run()).toEqual(await run());
  });
});
