import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENTATION_SECTIONS_BY_KEY, REQUIREMENTS, REQUIREMENT_OWNERS } from "@/lib/compliance";
import { FIX_FORMS, fixHref } from "@/lib/models/fix-href";
import { gapOwner } from "@/lib/dossier/gap-owner";

const item = (id: string, sectionKey?: string) => (sectionKey ? { id, sectionKey } : { id });

describe("what-is-missing links open the form that fixes the item", () => {
  const ctx = { hasVersion: true };
  it.each([
    ["HR_P_BIAS_ASSESSMENT", "/models/m#fix-bias"],
    ["MLOPS_ROLLBACK_DRILL", "/models/m#fix-drill"],
    ["MLOPS_DRIFT_MONITORING", "/models/m#fix-monitoring"],
    ["MLOPS_MONITORING_FRESH", "/models/m#fix-monitoring"],
    ["HR_P_DATA_PROVENANCE", "/models/m#fix-dataset"],
    ["MLOPS_ROLLBACK_PLAN", "/models/m#fix-version"],
    ["RISK_CLASSIFICATION", "/models/m/classification"],
    ["ACCOUNTABLE_OWNERS", "/models/m/edit"],
    ["HR_P_EU_DATABASE_REGISTRATION", "/models/m/eu-registration"],
  ])("%s → %s", (id, href) => expect(fixHref("m", item(id), ctx)).toBe(href));

  it("a section item opens its section in the documentation editor", () => {
    expect(fixHref("m", item("HR_P_RISK_MANAGEMENT", "annex-iv-5-risk-management"), ctx)).toBe("/models/m/documentation#section-annex-iv-5-risk-management");
  });
  it("a dataset lacking its datasheet opens that dataset's edit form", () => {
    expect(fixHref("m", item("HR_P_DATA_PROVENANCE"), { hasVersion: true, datasetLacking: { provenance: "d-1" } })).toBe("/datasets/d-1/edit");
    expect(fixHref("m", item("HR_P_DATA_BIAS_EXAMINATION"), { hasVersion: true, datasetLacking: { biasExamination: "d-2" } })).toBe("/datasets/d-2/edit");
  });
  it("forms that need a version send a model without one to the version form first", () => {
    expect(fixHref("m", item("HR_P_BIAS_ASSESSMENT"), { hasVersion: false })).toBe("/models/m#fix-version");
    expect(fixHref("m", item("MLOPS_ROLLBACK_DRILL"), { hasVersion: false })).toBe("/models/m#fix-version");
  });
});

// The catalogue is the only place that knows where a requirement is fixed and who owns it: a new entry
// without a target that leads somewhere real, or without an owner, fails here.
describe("every catalogue entry names a fix target that resolves and an owner", () => {
  const modelPage = "app/(portal)/models/[key]";
  const panels = readFileSync(`${modelPage}/_components/manage-panels.tsx`, "utf8");
  it.each(REQUIREMENTS.map((r) => [r.id, r] as const))("%s", (_id, r) => {
    expect(REQUIREMENT_OWNERS).toContain(r.owner);
    const target = r.fixAt;
    expect(target, "fixAt").toBeDefined();
    if (target.page === "documentation") {
      expect(target.section).toBe(r.sectionKey);
      expect(DOCUMENTATION_SECTIONS_BY_KEY.has(target.section)).toBe(true);
      expect(existsSync(`${modelPage}/documentation/page.tsx`)).toBe(true);
    } else if (target.page === "model") {
      // the form is rendered on the model page under the anchor the link points to
      expect(panels).toContain(`id={FIX_FORMS.${target.form}}`);
      expect(fixHref("m", r, { hasVersion: true })).toBe(`/models/m#${FIX_FORMS[target.form]}`);
    } else {
      expect(existsSync(`${modelPage}/${target.page}/page.tsx`), `${target.page}/page.tsx`).toBe(true);
    }
    for (const hasVersion of [true, false]) expect(fixHref("m", r, { hasVersion })).not.toBe("/models/m");
    expect(gapOwner(r, { business: null, technical: null })).toMatch(/compliance officer/i);
  });

  it("an item the catalogue does not know opens the model page rather than a wrong form", () => {
    expect(fixHref("m", { id: "NOT_IN_THE_CATALOGUE" }, { hasVersion: true })).toBe("/models/m");
  });
});

describe("gap owners come from the catalogue", () => {
  const people = { business: { name: "Bea", email: "b@x" }, technical: { name: "Tom", email: "t@x" } };
  it.each([
    ["HR_P_BIAS_ASSESSMENT", "Tom (technical owner)"],
    ["HR_P_ANNEX_IV_2", "Tom (technical owner)"],
    ["MLOPS_ROLLBACK_DRILL", "Tom (technical owner)"],
    ["HR_P_ANNEX_IV_1", "Bea (business owner)"],
    ["RISK_CLASSIFICATION", "Bea (business owner)"],
    ["ACCOUNTABLE_OWNERS", "Compliance officer (assign the missing owner)"],
  ])("%s → %s", (id, owner) => expect(gapOwner({ id }, people)).toBe(owner));
  it("the other owner stands in for a missing one", () => {
    expect(gapOwner({ id: "HR_P_BIAS_ASSESSMENT" }, { business: people.business, technical: null })).toBe("Bea (business owner)");
    expect(gapOwner({ id: "HR_P_ANNEX_IV_1" }, { business: null, technical: people.technical })).toBe("Tom (technical owner)");
  });
});
