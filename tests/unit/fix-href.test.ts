import { describe, expect, it } from "vitest";
import { fixHref } from "@/lib/models/fix-href";

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
