import { describe, expect, it } from "vitest";
import { applicableRequirements, requiredSectionKeys, type RequirementItem } from "@/lib/compliance/catalogue";
import { evaluateCompleteness } from "@/lib/compliance/completeness";
import { addMonthsUtc } from "@/lib/compliance/dates";
import { ACTOR_ROLES, RISK_CLASSES, type ModelFacts } from "@/lib/compliance/types";
import { AS_OF, classification, completeFacts, daysBefore } from "./fixtures";

const clone = (facts: ModelFacts): ModelFacts => structuredClone(facts);

/** Breaks exactly the facts one requirement reads, the way a demo generator would to leave one gap. */
function breakItem(facts: ModelFacts, item: RequirementItem): ModelFacts {
  const f = clone(facts);
  const v = f.activeVersion;
  switch (item.check.kind) {
    case "owners":
      f.technicalOwner = null;
      break;
    case "intendedPurpose":
      f.intendedPurpose = "  ";
      break;
    case "classification":
      f.classification.confirmed = false;
      break;
    case "section":
      delete f.documentation[item.check.sectionKey];
      break;
    case "datasetProvenance":
      if (v?.datasets[1]) v.datasets[1].hasProvenance = false;
      break;
    case "datasetBiasExamination":
      if (v?.datasets[2]) v.datasets[2].hasBiasExamination = false;
      break;
    case "biasAssessment":
      if (v) v.biasAssessments = [];
      break;
    case "euDatabaseId":
      f.euDatabaseId = null;
      break;
    case "fria":
      f.fria = null;
      break;
    case "euRegistration":
      f.euDatabaseId = null;
      break;
    case "monitoringConfig":
      if (f.monitoring.config) f.monitoring.config.features = [];
      break;
    case "monitoringCheck":
      f.monitoring.checks = [];
      break;
    case "rollbackPlan":
      if (v) v.rollbackProcedure = null;
      break;
    case "rollbackDrill":
      if (v) v.lastRollbackDrillAt = null;
      break;
    case "pipelineSkew":
      if (v) v.servingPipelineVersion = "fp-3.3";
      break;
  }
  return f;
}

const combos = RISK_CLASSES.flatMap((riskClass) => ACTOR_ROLES.map((role) => [riskClass, role] as const));

describe("completeness: every class × role", () => {
  it.each(combos)("%s × %s: a complete production model has every item complete (except an unclassified model's classification)", (riskClass, role) => {
    const facts = completeFacts(riskClass, role);
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.items.length).toBeGreaterThan(0);
    const open = r.items.filter((i) => i.status !== "complete").map((i) => i.id);
    // an unclassified model cannot have its classification item complete, by definition
    expect(open).toEqual(riskClass === "UNCLASSIFIED" ? ["RISK_CLASSIFICATION"] : []);
    if (riskClass !== "UNCLASSIFIED") expect(r.score).toBe(100);
    // an unclassified model is undocumented however much else is filled in
    expect(r.undocumented).toBe(riskClass === "UNCLASSIFIED");
    for (const item of r.items) {
      expect(item.article).not.toBe("");
      expect(item.reason).not.toBe("");
      expect(item.fix).not.toBe("");
    }
  });

  it.each(combos)("%s × %s: breaking any one mandatory item makes that item open and the model undocumented", (riskClass, role) => {
    const facts = completeFacts(riskClass, role);
    for (const item of applicableRequirements(facts).filter((i) => i.mandatory)) {
      const r = evaluateCompleteness(breakItem(facts, item), AS_OF);
      const open = r.items.filter((i) => i.status !== "complete").map((i) => i.id);
      // a shared section (derogation assessment) or field (EU database id) may open a sibling item too
      expect(open, item.id).toContain(item.id);
      expect(r.undocumented, item.id).toBe(true);
      expect(r.score, item.id).toBeLessThan(100);
      expect(r.undocumentedReasons.join("\n")).toContain(item.title);
    }
  });

  it("the catalogue differs by class and role as the Act does", () => {
    const itemIds = (riskClass: (typeof RISK_CLASSES)[number], role: (typeof ACTOR_ROLES)[number]) => evaluateCompleteness(completeFacts(riskClass, role), AS_OF).items.map((i) => i.id);
    expect(itemIds("HIGH", "PROVIDER")).toEqual(expect.arrayContaining(["HR_P_ANNEX_IV_1", "HR_P_RISK_MANAGEMENT", "HR_P_BIAS_ASSESSMENT", "HR_P_EU_DATABASE_REGISTRATION", "MLOPS_ROLLBACK_DRILL"]));
    expect(itemIds("HIGH", "DEPLOYER")).toEqual(expect.arrayContaining(["HR_D_HUMAN_OVERSIGHT", "HR_D_FRIA", "HR_D_LOG_RETENTION"]));
    expect(itemIds("HIGH", "DEPLOYER").some((id) => id.startsWith("HR_P_"))).toBe(false);
    expect(itemIds("HIGH", "IMPORTER")).toEqual(["ACCOUNTABLE_OWNERS", "INTENDED_PURPOSE", "RISK_CLASSIFICATION", "HR_I_VERIFICATION", "HR_I_IDENTIFICATION_RECORDS"]);
    expect(itemIds("HIGH", "DISTRIBUTOR")).toEqual(["ACCOUNTABLE_OWNERS", "INTENDED_PURPOSE", "RISK_CLASSIFICATION", "HR_DIST_VERIFICATION"]);
    expect(itemIds("LIMITED", "PROVIDER")).toContain("TRANSPARENCY_PROVIDER_DISCLOSURE");
    expect(itemIds("MINIMAL", "PROVIDER").filter((id) => !id.startsWith("MLOPS_"))).toEqual(["ACCOUNTABLE_OWNERS", "INTENDED_PURPOSE", "RISK_CLASSIFICATION", "AI_LITERACY"]);
    expect(itemIds("PROHIBITED", "DEPLOYER")).toEqual(["ACCOUNTABLE_OWNERS", "INTENDED_PURPOSE", "RISK_CLASSIFICATION"]);
    expect(itemIds("OUT_OF_SCOPE", "DEPLOYER")).toContain("MLOPS_DRIFT_MONITORING");
  });
});

describe("completeness: the undocumented rule", () => {
  it("production + unclassified → undocumented even when everything else is complete", () => {
    const r = evaluateCompleteness(completeFacts("UNCLASSIFIED"), AS_OF);
    expect(r.undocumented).toBe(true);
    expect(r.undocumentedReasons[0]).toMatch(/UNCLASSIFIED/);
  });

  it.each([
    ["business owner", { businessOwner: null }],
    ["technical owner", { technicalOwner: null }],
  ])("production without a %s → undocumented (no accountable owner)", (_who, overrides) => {
    const r = evaluateCompleteness(completeFacts("MINIMAL", "PROVIDER", overrides), AS_OF);
    expect(r.undocumented).toBe(true);
    expect(r.undocumentedReasons.join(" ")).toMatch(/No accountable owner/);
  });

  it("an owner's unconfirmed proposal counts as not classified", () => {
    const facts = completeFacts("HIGH", "PROVIDER", { classification: classification("HIGH", { confirmed: false }) });
    const r = evaluateCompleteness(facts, AS_OF);
    const item = r.items.find((i) => i.id === "RISK_CLASSIFICATION");
    expect(item?.status).toBe("missing");
    expect(item?.reason).toMatch(/proposal/);
    expect(r.undocumented).toBe(true);
    expect(r.findings.map((f) => f.id)).toContain("CLASSIFICATION_UNCONFIRMED");
  });

  it("a missing recommended item lowers the score but does not make the model undocumented", () => {
    const facts = completeFacts("MINIMAL");
    delete facts.documentation["ai-literacy"];
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.items.find((i) => i.id === "AI_LITERACY")?.status).toBe("missing");
    expect(r.undocumented).toBe(false);
    expect(r.score).toBeLessThan(100);
  });

  it.each(["DEVELOPMENT", "VALIDATION", "RETIRED"] as const)("a %s model gets items and a score but is never undocumented", (lifecycle) => {
    const r = evaluateCompleteness(completeFacts("UNCLASSIFIED", "PROVIDER", { lifecycle, businessOwner: null, documentation: {} }), AS_OF);
    expect(r.undocumented).toBe(false);
    expect(r.undocumentedReasons).toEqual([]);
    expect(r.score).toBeLessThan(100);
    expect(r.items.some((i) => i.id.startsWith("MLOPS_"))).toBe(false);
  });

  it("a draft section is missing (only COMPLETE counts)", () => {
    const facts = completeFacts();
    facts.documentation["human-oversight"] = { status: "DRAFT", updatedAt: daysBefore(1), evidenceCount: 0 };
    const item = evaluateCompleteness(facts, AS_OF).items.find((i) => i.id === "HR_P_HUMAN_OVERSIGHT");
    expect(item?.status).toBe("missing");
    expect(item?.reason).toMatch(/draft/);
    expect(item?.sectionKey).toBe("human-oversight");
  });
});

describe("completeness: freshness boundaries (exactly at the limit is fresh, 1 ms older is stale)", () => {
  const twelveMonths = addMonthsUtc(AS_OF, -12);
  const sixMonths = addMonthsUtc(AS_OF, -6);
  const justBefore = (d: Date) => new Date(d.getTime() - 1);
  const statusOf = (facts: ModelFacts, id: string) => evaluateCompleteness(facts, AS_OF).items.find((i) => i.id === id)?.status;

  it.each([
    [twelveMonths, "complete"],
    [justBefore(twelveMonths), "stale"],
  ] as const)("classification reviewed %s → %s", (classifiedAt, expected) => {
    expect(statusOf(completeFacts("HIGH", "PROVIDER", { classification: classification("HIGH", { classifiedAt }) }), "RISK_CLASSIFICATION")).toBe(expected);
  });

  it.each([
    [twelveMonths, "complete"],
    [justBefore(twelveMonths), "stale"],
  ] as const)("bias assessment of %s → %s", (assessedAt, expected) => {
    const facts = completeFacts();
    if (facts.activeVersion)
      facts.activeVersion.biasAssessments = [
        { assessedAt, status: "FINAL", allPassed: true },
        { assessedAt: daysBefore(1), status: "DRAFT", allPassed: true },
      ];
    expect(statusOf(facts, "HR_P_BIAS_ASSESSMENT")).toBe(expected);
  });

  it.each([
    ["failing recorded after the passing one", [true, false], true],
    ["passing recorded after the failing one", [false, true], false],
  ] as const)("two final bias assessments on the same day, %s: the later recording speaks (failed flag %s)", (_label, passedInRecordingOrder, expectFailed) => {
    const facts = completeFacts();
    const day = daysBefore(3);
    const [first, second] = passedInRecordingOrder;
    if (facts.activeVersion) {
      facts.activeVersion.biasAssessments = [
        // listed in reverse recording order on purpose: the engine must not depend on row order
        { assessedAt: day, status: "FINAL", allPassed: second, recordedAt: new Date(day.getTime() + 3_600_000) },
        { assessedAt: day, status: "FINAL", allPassed: first, recordedAt: new Date(day.getTime() + 60_000) },
      ];
    }
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.findings.some((f) => f.id === "BIAS_THRESHOLD_FAILED")).toBe(expectFailed);
    expect(r.items.find((i) => i.id === "HR_P_BIAS_ASSESSMENT")?.reason).toContain(expectFailed ? "with failing metrics" : "all metrics within thresholds");
  });

  it("a later assessment day wins over a later recording of an earlier day", () => {
    const facts = completeFacts();
    if (facts.activeVersion) {
      facts.activeVersion.biasAssessments = [
        { assessedAt: daysBefore(2), status: "FINAL", allPassed: true, recordedAt: daysBefore(2) },
        { assessedAt: daysBefore(5), status: "FINAL", allPassed: false, recordedAt: daysBefore(1) },
      ];
    }
    expect(evaluateCompleteness(facts, AS_OF).findings.some((f) => f.id === "BIAS_THRESHOLD_FAILED")).toBe(false);
  });

  it.each([
    [twelveMonths, "complete"],
    [justBefore(twelveMonths), "stale"],
  ] as const)("risk management section updated %s → %s", (updatedAt, expected) => {
    const facts = completeFacts();
    facts.documentation["annex-iv-5-risk-management"] = { status: "COMPLETE", updatedAt, evidenceCount: 1 };
    expect(statusOf(facts, "HR_P_RISK_MANAGEMENT")).toBe(expected);
  });

  it.each([
    [7, 0, "complete"],
    [7, 1, "stale"],
    [30, 0, "complete"],
    [30, 1, "stale"],
  ] as const)("monitoring check %i days (+%i ms) old with a %i-day cadence", (days, extraMs, expected) => {
    const facts = completeFacts();
    if (facts.monitoring.config) facts.monitoring.config.cadenceDays = days;
    facts.monitoring.checks = [{ observedAt: new Date(daysBefore(days).getTime() - extraMs), status: "HEALTHY" }];
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.items.find((i) => i.id === "MLOPS_MONITORING_FRESH")?.status).toBe(expected);
    expect(r.monitoringStatus).toBe(expected === "complete" ? "HEALTHY" : "STALE");
    expect(r.undocumented).toBe(expected === "stale");
  });

  it.each([
    [sixMonths, 10, "complete"],
    [justBefore(sixMonths), 10, "stale"],
    [daysBefore(1), 10.01, "missing"],
    [daysBefore(1), 45, "missing"],
  ] as const)("rollback drill on %s taking %d minutes → %s", (at, minutes, expected) => {
    const facts = completeFacts();
    if (facts.activeVersion) {
      facts.activeVersion.lastRollbackDrillAt = at;
      facts.activeVersion.lastRollbackDrillMinutes = minutes;
    }
    expect(statusOf(facts, "MLOPS_ROLLBACK_DRILL")).toBe(expected);
  });

  it("calendar months clamp to the month's end (29 Feb 2028 minus 12 months is 28 Feb 2027)", () => {
    const asOf = new Date("2028-02-29T00:00:00.000Z");
    expect(addMonthsUtc(asOf, -12).toISOString()).toBe("2027-02-28T00:00:00.000Z");
    const facts = completeFacts("MINIMAL", "PROVIDER", { classification: classification("MINIMAL", { classifiedAt: new Date("2027-02-28T00:00:00.000Z") }) });
    facts.monitoring.checks = [{ observedAt: asOf, status: "HEALTHY" }];
    expect(evaluateCompleteness(facts, asOf).items.find((i) => i.id === "RISK_CLASSIFICATION")?.status).toBe("complete");
  });
});

describe("completeness: conditional items and findings", () => {
  const withBasis = (riskClass: "HIGH" | "MINIMAL", role: "PROVIDER" | "DEPLOYER", legalBasis: string[], publicAuthority = false) =>
    evaluateCompleteness(completeFacts(riskClass, role, { publicAuthority, classification: classification(riskClass, { legalBasis }) }), AS_OF).items.map((i) => i.id);

  it.each([
    [["ANNEX_III_4A"], true, true],
    [["ANNEX_III_4A"], false, false],
    [["ANNEX_III_5B"], false, true],
    [["ANNEX_III_5C"], false, true],
    [["ANNEX_III_2"], true, false],
    [["ART_6_1", "ANNEX_I_A11"], true, false],
  ])("FRIA for a deployer with basis %j, public %s → %s", (basis, publicAuthority, expected) => {
    expect(withBasis("HIGH", "DEPLOYER", basis, publicAuthority).includes("HR_D_FRIA")).toBe(expected);
  });

  it("EU database registration: provider of an Annex III system yes, of an Annex I product no; public deployer yes", () => {
    expect(withBasis("HIGH", "PROVIDER", ["ANNEX_III_4A"])).toContain("HR_P_EU_DATABASE_REGISTRATION");
    expect(withBasis("HIGH", "PROVIDER", ["ART_6_1", "ANNEX_I_A11"])).not.toContain("HR_P_EU_DATABASE_REGISTRATION");
    expect(withBasis("HIGH", "DEPLOYER", ["ANNEX_III_4A"], true)).toContain("HR_D_EU_DATABASE_REGISTRATION");
    expect(withBasis("HIGH", "DEPLOYER", ["ANNEX_III_4A"], false)).not.toContain("HR_D_EU_DATABASE_REGISTRATION");
  });

  it("Art. 6(3) derogation: the provider needs the Art. 6(4) assessment and Art. 49(2) registration", () => {
    const items = withBasis("MINIMAL", "PROVIDER", ["ANNEX_III_4A", "ART_6_3_D"]);
    expect(items).toEqual(expect.arrayContaining(["DEROGATION_ASSESSMENT", "DEROGATION_REGISTRATION"]));
    expect(requiredSectionKeys(completeFacts("MINIMAL", "PROVIDER", { classification: classification("MINIMAL", { legalBasis: ["ANNEX_III_4A", "ART_6_3_D"] }) }))).toContain("derogation-assessment");
  });

  it("GPAI: four Art. 53 items, four more with systemic risk", () => {
    const gpai = (systemic: boolean) =>
      evaluateCompleteness(completeFacts("MINIMAL", "PROVIDER", { classification: classification("MINIMAL", { gpai: true, gpaiSystemicRisk: systemic }) }), AS_OF).items.filter((i) =>
        i.id.startsWith("GPAI_"),
      );
    expect(gpai(false)).toHaveLength(4);
    expect(gpai(true)).toHaveLength(8);
  });

  it("Art. 25 legal basis turns a deployer's catalogue into the provider's", () => {
    const facts = completeFacts("HIGH", "DEPLOYER", { classification: classification("HIGH", { legalBasis: ["ANNEX_III_4A", "ART_25_1_A"] }) });
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.effectiveRole).toBe("PROVIDER");
    expect(r.items.map((i) => i.id)).toContain("HR_P_ANNEX_IV_1");
    expect(r.findings.map((f) => f.id)).toContain("ART_25_PROVIDER");
  });

  it("a prohibited system in production is a CRITICAL finding (withdraw it), not a documentation gap", () => {
    const r = evaluateCompleteness(completeFacts("PROHIBITED", "DEPLOYER"), AS_OF);
    expect(r.findings[0]).toMatchObject({ id: "PROHIBITED_IN_PRODUCTION", severity: "CRITICAL" });
    expect(r.findings[0]?.fix).toMatch(/Withdraw/);
    expect(r.items.some((i) => i.id.startsWith("MLOPS_"))).toBe(false);
    expect(r.undocumented).toBe(false);
  });

  it("training-serving skew: item missing and a WARNING finding", () => {
    const facts = completeFacts();
    if (facts.activeVersion) facts.activeVersion.servingPipelineVersion = "fp-3.3";
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.items.find((i) => i.id === "MLOPS_TRAINING_SERVING_SKEW")?.reason).toMatch(/fp-3.2.*fp-3.3/);
    expect(r.findings.map((f) => f.id)).toContain("TRAINING_SERVING_SKEW");
  });

  it("critical drift is a CRITICAL finding and the monitoring status, not a missing item", () => {
    const facts = completeFacts();
    facts.monitoring.checks = [
      { observedAt: daysBefore(1), status: "CRITICAL" },
      { observedAt: daysBefore(3), status: "HEALTHY" },
    ];
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.monitoringStatus).toBe("CRITICAL");
    expect(r.findings.map((f) => f.id)).toContain("DRIFT_CRITICAL");
    expect(r.undocumented).toBe(false);
  });

  it("no active version: every version-based item is missing with a clear reason", () => {
    const r = evaluateCompleteness(completeFacts("HIGH", "PROVIDER", { activeVersion: null }), AS_OF);
    for (const id of ["HR_P_DATA_PROVENANCE", "HR_P_BIAS_ASSESSMENT", "MLOPS_ROLLBACK_PLAN", "MLOPS_ROLLBACK_DRILL", "MLOPS_TRAINING_SERVING_SKEW"]) {
      expect(r.items.find((i) => i.id === id)?.reason, id).toMatch(/active version/);
    }
  });

  it("score is the weighted share of complete items", () => {
    // MINIMAL × PROVIDER in development: owners 3, purpose 2, classification 3, AI literacy 1 = 9
    const facts = completeFacts("MINIMAL", "PROVIDER", { lifecycle: "DEVELOPMENT", intendedPurpose: null });
    const r = evaluateCompleteness(facts, AS_OF);
    expect(r.items.map((i) => i.weight)).toEqual([3, 2, 3, 1]);
    expect(r.score).toBe(Math.round((1000 * 7) / 9) / 10); // 77.8
  });

  it("required section keys of a high-risk provider include Annex IV 1-9", () => {
    const keys = requiredSectionKeys(completeFacts("HIGH", "PROVIDER"));
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(keys.some((k) => k.startsWith(`annex-iv-${n}-`))).toBe(true);
  });
});
