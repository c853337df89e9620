// The one-statement facts read (lib/models/facts-read.ts) against the ORM's include it replaces on the
// write paths: for every model of the demo organisation (owners, sections with evidence, versions with
// datasets and bias assessments, monitoring, FRIAs, EU registrations), the same rows and the same verdict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { evaluateCompleteness } from "@/lib/compliance";
import { FACTS_INCLUDE, toModelFacts, type FactsRow } from "@/lib/models/facts";
import { factsRowsByIds } from "@/lib/models/facts-read";

const P = `facts-${Date.now().toString(36)}`;
beforeAll(async () => {
  // the demo organisation has no FRIA: one with every date set, one without notification
  for (const [n, notifiedAt] of [
    [1, new Date("2026-03-04T05:06:07.089Z")],
    [2, null],
  ] as const) {
    await prisma.model.create({
      data: {
        key: `${P}-${n}`,
        name: "facts",
        riskClass: "HIGH",
        fria: { create: { processes: "p", affectedPersons: "a", specificRisks: null, notifiedAt, notificationReference: notifiedAt && "MSA-1", reviewedAt: new Date("2026-02-01T00:00:00.001Z") } },
        monitoringConfig: { create: { features: ["x"], warningThreshold: 0.30000000000000004, criticalThreshold: 1e300 } },
      },
    });
  }
});
afterAll(async () => {
  await prisma.model.deleteMany({ where: { key: { startsWith: P } } });
  await prisma.$disconnect();
});

const by =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Relations without an orderBy in FACTS_INCLUDE come in no defined order: compare them sorted. */
function normalised(row: FactsRow): FactsRow {
  return {
    ...row,
    sections: [...row.sections].sort(by((s) => s.sectionKey)),
    versions: row.versions.map((v) => ({
      ...v,
      datasets: [...v.datasets].sort(by((d) => `${d.purpose}/${d.dataset.key}/${d.dataset.name}`)),
      biasAssessments: v.biasAssessments
        .map((a) => ({ ...a, metrics: [...a.metrics].sort(by((m) => String(m.passed))) }))
        .sort(by((a) => `${a.createdAt.toISOString()}/${a.assessedAt.toISOString()}/${a.status}/${a.metrics.length}`)),
    })),
  };
}

describe("the one-statement facts read", () => {
  it("gives the ORM's rows and verdicts for every model of the demo organisation", async () => {
    const ids = (await prisma.model.findMany({ select: { id: true }, orderBy: { key: "asc" } })).map((m) => m.id);
    expect(ids.length).toBeGreaterThan(10);
    const asOf = new Date();
    let compared = 0;
    let withFria = 0;
    let withVersion = 0;
    for (let i = 0; i < ids.length; i += 50) {
      const chunk = ids.slice(i, i + 50);
      const [orm, sql] = await Promise.all([prisma.model.findMany({ where: { id: { in: chunk } }, include: FACTS_INCLUDE, orderBy: { key: "asc" } }), factsRowsByIds(prisma, chunk)]);
      expect(sql.map((r) => r.key)).toEqual(orm.map((r) => r.key));
      orm.forEach((row, j) => {
        expect(normalised(sql[j]!)).toEqual(normalised(row));
        expect(evaluateCompleteness(toModelFacts(normalised(sql[j]!)), asOf)).toEqual(evaluateCompleteness(toModelFacts(normalised(row)), asOf));
        compared++;
        if (row.fria) withFria++;
        if (row.versions.length) withVersion++;
      });
    }
    expect(compared).toBe(ids.length);
    // the demo organisation and the fixtures exercise the nested relations
    expect(withFria).toBeGreaterThan(0);
    expect(withVersion).toBeGreaterThan(0);
  });

  it("answers nothing for no ids and for unknown ones", async () => {
    expect(await factsRowsByIds(prisma, [])).toEqual([]);
    expect(await factsRowsByIds(prisma, ["00000000-0000-4000-8000-000000000000"])).toEqual([]);
  });
});
