import { describe, expect, it } from "vitest";
import { evaluateCompleteness } from "@/lib/compliance/completeness";
import { summarizeInventory, UNASSIGNED_BUSINESS_UNIT } from "@/lib/compliance/inventory";
import type { ModelFacts } from "@/lib/compliance/types";
import { AS_OF, completeFacts, daysBefore } from "./fixtures";

function row(facts: ModelFacts) {
  return { facts, result: evaluateCompleteness(facts, AS_OF) };
}

describe("summarizeInventory", () => {
  const rows = [
    row(completeFacts("HIGH", "PROVIDER", { key: "a" })), // documented, HEALTHY
    row(completeFacts("HIGH", "PROVIDER", { key: "b", businessOwner: null })), // undocumented (owner)
    row(completeFacts("MINIMAL", "DEPLOYER", { key: "c", businessUnit: "Payments", monitoring: { config: null, checks: [] } })), // undocumented, NOT_MONITORED
    row(completeFacts("UNCLASSIFIED", "PROVIDER", { key: "d", businessUnit: null })), // undocumented (unclassified)
    row(completeFacts("PROHIBITED", "DEPLOYER", { key: "e", businessUnit: "People/HR" })), // documented but a finding
    row(
      completeFacts("LIMITED", "PROVIDER", {
        key: "f",
        businessUnit: "Payments",
        monitoring: { config: completeFacts().monitoring.config, checks: [{ observedAt: daysBefore(30), status: "HEALTHY" }] },
      }),
    ), // STALE → undocumented
    row(completeFacts("HIGH", "PROVIDER", { key: "g", lifecycle: "DEVELOPMENT", businessOwner: null })), // not counted
    row(completeFacts("MINIMAL", "PROVIDER", { key: "h", lifecycle: "RETIRED" })), // not counted
  ];
  const s = summarizeInventory(rows);

  it("headline counts production models only", () => {
    expect(s.productionModels).toBe(6);
    expect(s.documented).toBe(2);
    expect(s.undocumented).toBe(4);
    expect(s.documentedPercent).toBe(33.3);
    expect(s.byLifecycle).toEqual({ DEVELOPMENT: 1, VALIDATION: 0, PRODUCTION: 6, RETIRED: 1 });
  });

  it("breaks down by risk class, business unit and monitoring status", () => {
    expect(s.byRiskClass.HIGH).toEqual({ production: 2, documented: 1, undocumented: 1 });
    expect(s.byRiskClass.UNCLASSIFIED).toEqual({ production: 1, documented: 0, undocumented: 1 });
    expect(s.byRiskClass.OUT_OF_SCOPE).toEqual({ production: 0, documented: 0, undocumented: 0 });
    expect(s.byBusinessUnit["Retail Banking"]).toEqual({ production: 2, documented: 1, undocumented: 1 });
    expect(s.byBusinessUnit.Payments).toEqual({ production: 2, documented: 0, undocumented: 2 });
    expect(s.byBusinessUnit[UNASSIGNED_BUSINESS_UNIT]).toEqual({ production: 1, documented: 0, undocumented: 1 });
    expect(s.byMonitoringStatus).toEqual({ NOT_MONITORED: 1, STALE: 1, CRITICAL: 0, WARNING: 0, HEALTHY: 4 });
    expect(s.prohibitedFindings).toBe(1);
  });

  it("an empty inventory is all zeros", () => {
    const empty = summarizeInventory([]);
    expect(empty.productionModels).toBe(0);
    expect(empty.documentedPercent).toBe(100);
    expect(empty.meanProductionScore).toBe(0);
  });
});
