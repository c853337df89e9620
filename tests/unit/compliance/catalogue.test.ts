import { describe, expect, it } from "vitest";
import { DOCUMENTATION_SECTIONS, REQUIREMENTS } from "@/lib/compliance/catalogue";

describe("requirement catalogue data", () => {
  it("ids are unique; every item has an article, a fix, a positive weight and a known section", () => {
    expect(new Set(REQUIREMENTS.map((r) => r.id)).size).toBe(REQUIREMENTS.length);
    const keys = new Set(DOCUMENTATION_SECTIONS.map((s) => s.key));
    for (const r of REQUIREMENTS) {
      expect(r.article, r.id).not.toBe("");
      expect(r.fix, r.id).not.toBe("");
      expect(r.weight, r.id).toBeGreaterThan(0);
      if (r.sectionKey) expect(keys.has(r.sectionKey), r.id).toBe(true);
      if (r.check.kind === "section") expect(r.sectionKey).toBe(r.check.sectionKey);
    }
  });

  it("every documentation section is used by some requirement, and keys are unique kebab-case", () => {
    const used = new Set(REQUIREMENTS.map((r) => r.sectionKey));
    for (const s of DOCUMENTATION_SECTIONS) {
      expect(used.has(s.key), s.key).toBe(true);
      expect(s.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(new Set(DOCUMENTATION_SECTIONS.map((s) => s.key)).size).toBe(DOCUMENTATION_SECTIONS.length);
  });

  it.each(["9", "10", "11", "12", "13", "14", "15", "16", "17", "26", "27", "43", "47", "48", "49", "50", "72", "73"])("Art. %s is covered", (article) => {
    const pattern = new RegExp(`Art\\. (?:[0-9()a-z]+, )*${article}(?![0-9])`);
    expect(REQUIREMENTS.some((r) => pattern.test(r.article))).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])("Annex IV(%i) is covered", (n) => {
    expect(REQUIREMENTS.some((r) => r.article.includes(`Annex IV(${n})`))).toBe(true);
  });

  it("the freshness rules carry the product's limits", () => {
    const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));
    expect(byId.get("RISK_CLASSIFICATION")?.freshness).toEqual({ kind: "maxAgeMonths", months: 12 });
    expect(byId.get("HR_P_BIAS_ASSESSMENT")?.freshness).toEqual({ kind: "maxAgeMonths", months: 12 });
    expect(byId.get("MLOPS_MONITORING_FRESH")?.freshness).toEqual({ kind: "monitoringCadence" });
    expect(byId.get("MLOPS_ROLLBACK_DRILL")?.freshness).toMatchObject({ kind: "rollbackDrill", maxMinutes: 10 });
  });
});
