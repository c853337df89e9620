import { describe, expect, it } from "vitest";
import { DOCUMENTATION_SECTIONS } from "@/lib/compliance/catalogue";
import { checkGuidance, checkSection, guidancePoints, MIN_WORDS } from "@/lib/documentation/guidance";
import { SECTION_TEXTS } from "../fixtures/section-texts";

describe("documentation guidance points", () => {
  it("every catalogue section has at least one point with key terms", () => {
    for (const s of DOCUMENTATION_SECTIONS) expect(guidancePoints(s.help).length, s.key).toBeGreaterThan(0);
  });

  it("splits at top-level commas only, and draws terms from the point without its remarks", () => {
    const points = guidancePoints("Design choices, preparation (annotation, labelling, cleaning), data gaps.");
    expect(points.map((p) => p.label)).toEqual(["Design choices", "preparation (annotation, labelling, cleaning)", "data gaps"]);
    expect(points[1]!.terms).toEqual(["prepar"]);
    // "data" is in every section, so it proves nothing on its own
    expect(points[2]!.terms).toEqual(["gaps"]);
  });

  it('"ok" is thin: too short and no point addressed', () => {
    const check = checkSection("annex-iv-1-general-description", "ok")!;
    expect(check.complete).toBe(false);
    expect(check.points.every((p) => !p.addressed)).toBe(true);
    expect(check.thin).toContain(`at least ${MIN_WORDS} words (now 1)`);
  });

  it("a long text that skips a point is still thin, and says which", () => {
    const filler = "The assistant answers questions about appointments for customers of the bank in branches and online. ".repeat(5);
    const check = checkGuidance("Who can monitor, override or stop the system", `${filler} Supervisors monitor it daily.`);
    expect(check.words).toBeGreaterThanOrEqual(MIN_WORDS);
    expect(check.points.map((p) => p.addressed)).toEqual([true, false]);
    expect(check.thin).toBe("Still thin: “override or stop the system”.");
  });

  it("matches word forms by their first six letters", () => {
    const text = `${"word ".repeat(MIN_WORDS)} the intended use`;
    expect(checkGuidance("Intended purpose", text).complete).toBe(true);
    expect(checkGuidance("Intended purpose", text.replace("intended", "planned")).complete).toBe(false);
  });

  it("the test fixtures are complete texts", () => {
    for (const [key, text] of Object.entries(SECTION_TEXTS)) expect(checkSection(key, text)?.thin, key).toBe("");
  });
});
