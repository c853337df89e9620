import { describe, expect, it } from "vitest";
import { AI_ACT_CALENDAR, applicationDate, calendarOn, maximumFine, obligationsApplicableOn, PENALTY_TIERS, resolveCalendar } from "@/lib/compliance/calendar";

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const justBefore = (iso: string) => new Date(d(iso).getTime() - 1);

describe("regulatory calendar data", () => {
  it.each([
    ["ENTRY_INTO_FORCE", "2024-08-01"],
    ["PROHIBITIONS", "2025-02-02"],
    ["GPAI_OBLIGATIONS", "2025-08-02"],
    ["GOVERNANCE_AND_PENALTIES", "2025-08-02"],
    ["TRANSPARENCY", "2026-08-02"],
    ["PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT", "2026-12-02"],
    ["HIGH_RISK_ANNEX_III", "2027-12-02"],
    ["HIGH_RISK_ANNEX_I", "2028-08-02"],
  ] as const)("%s applies from %s", (id, date) => {
    expect(applicationDate(id).toISOString().slice(0, 10)).toBe(date);
  });

  it("every entry has a source; Omnibus changes keep the original date", () => {
    for (const e of AI_ACT_CALENDAR) {
      expect(e.source).not.toBe("");
      if (e.originalDate) expect(e.amendedBy).toBe("DIGITAL_OMNIBUS_2026");
    }
    expect(AI_ACT_CALENDAR.find((e) => e.id === "HIGH_RISK_ANNEX_III")?.originalDate).toBe("2026-08-02");
    expect(AI_ACT_CALENDAR.find((e) => e.id === "HIGH_RISK_ANNEX_I")?.originalDate).toBe("2027-08-02");
  });

  it("an admin override replaces a default date (e.g. back to the original if the Omnibus were not in force)", () => {
    expect(applicationDate("HIGH_RISK_ANNEX_III", { HIGH_RISK_ANNEX_III: "2026-08-02" }).toISOString()).toBe("2026-08-02T00:00:00.000Z");
    expect(resolveCalendar({ HIGH_RISK_ANNEX_III: new Date("2026-08-02T15:30:00Z") }).find((e) => e.id === "HIGH_RISK_ANNEX_III")).toMatchObject({ date: "2026-08-02", overridden: true });
    expect(() => resolveCalendar({ HIGH_RISK_ANNEX_III: "2026-02-30" })).toThrow(/calendar date/);
    expect(() => resolveCalendar({ NOPE: "2026-01-01" } as never)).toThrow(/Unknown calendar entry/);
  });

  it("calendarOn splits in-effect and upcoming at the start of the application day", () => {
    expect(calendarOn(d("2026-08-02")).inEffect.map((e) => e.id)).toContain("TRANSPARENCY");
    expect(calendarOn(justBefore("2026-08-02")).upcoming.map((e) => e.id)).toContain("TRANSPARENCY");
  });
});

describe("obligationsApplicableOn", () => {
  const high = { riskClass: "HIGH" as const, legalBasis: ["ANNEX_III_5B"], transparencyDuties: [], gpai: false, gpaiSystemicRisk: false };

  it.each([
    ["2027-12-01", false],
    ["2027-12-02", true],
  ])("Annex III high-risk obligations on %s in effect: %s", (date, inEffect) => {
    expect(obligationsApplicableOn(high, d(date)).find((g) => g.id === "HIGH_RISK_ANNEX_III")?.inEffect).toBe(inEffect);
  });

  it("Annex I systems get the 2028 date; days until are counted", () => {
    const groups = obligationsApplicableOn({ ...high, legalBasis: ["ART_6_1", "ANNEX_I_A11"] }, d("2028-07-31"));
    expect(groups.find((g) => g.id === "HIGH_RISK_ANNEX_I")).toMatchObject({ inEffect: false, daysUntil: 2 });
    expect(groups.some((g) => g.id === "HIGH_RISK_ANNEX_III")).toBe(false);
  });

  it("the new Omnibus prohibition applies from 2 Dec 2026; the others since 2 Feb 2025", () => {
    const ncii = obligationsApplicableOn({ ...high, riskClass: "PROHIBITED", legalBasis: ["ART_5_1_NCII"] }, d("2026-11-01"));
    expect(ncii.find((g) => g.id === "PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT")?.inEffect).toBe(false);
    expect(ncii.some((g) => g.id === "PROHIBITIONS")).toBe(false);
    const social = obligationsApplicableOn({ ...high, riskClass: "PROHIBITED", legalBasis: ["ART_5_1_C"] }, d("2025-02-02"));
    expect(social.find((g) => g.id === "PROHIBITIONS")?.inEffect).toBe(true);
  });

  it("transparency and GPAI groups", () => {
    const g = obligationsApplicableOn({ riskClass: "LIMITED", legalBasis: ["ART_50_2"], transparencyDuties: ["ART_50_2"], gpai: true, gpaiSystemicRisk: false }, d("2026-09-01"));
    expect(g.map((x) => x.id)).toEqual(expect.arrayContaining(["TRANSPARENCY", "TRANSPARENCY_MARKING_EXISTING_SYSTEMS", "GPAI_OBLIGATIONS", "GPAI_FINES"]));
    expect(g.find((x) => x.id === "TRANSPARENCY")?.inEffect).toBe(true);
  });

  it("honours overrides", () => {
    const g = obligationsApplicableOn(high, d("2026-09-01"), { overrides: { HIGH_RISK_ANNEX_III: "2026-08-02" } });
    expect(g.find((x) => x.id === "HIGH_RISK_ANNEX_III")?.inEffect).toBe(true);
  });
});

describe("penalty tiers (Art. 99, 101)", () => {
  it("carries the Act's maxima", () => {
    expect(PENALTY_TIERS.map((t) => [t.id, t.maxEur, t.maxTurnoverPercent])).toEqual([
      ["PROHIBITED_PRACTICES", 35_000_000, 7],
      ["OTHER_OBLIGATIONS", 15_000_000, 3],
      ["MISLEADING_INFORMATION", 7_500_000, 1],
      ["GPAI_PROVIDERS", 15_000_000, 3],
    ]);
  });
  it.each([
    ["PROHIBITED_PRACTICES", 1e9, false, 70_000_000],
    ["PROHIBITED_PRACTICES", 1e8, false, 35_000_000],
    ["PROHIBITED_PRACTICES", 1e8, true, 7_000_000],
    ["OTHER_OBLIGATIONS", 2e9, false, 60_000_000],
    ["MISLEADING_INFORMATION", 1e8, true, 1_000_000],
  ] as const)("%s at turnover %d (SME %s) → %d", (tier, turnover, sme, expected) => {
    expect(maximumFine(tier, turnover, { sme })).toBe(expected);
  });
});
