import { describe, expect, it } from "vitest";
import { navigationFor } from "@/lib/authz/policy";
import { evaluateCompleteness } from "@/lib/compliance/completeness";
import { consequenceOf, homeKindFor } from "@/lib/home/consequence";
import { AS_OF, classification, completeFacts, daysBefore } from "./compliance/fixtures";

const actor = (role: "ADMIN" | "COMPLIANCE_OFFICER" | "MODEL_OWNER" | "EXECUTIVE" | "AUDITOR") => ({ id: "u", role });

describe("a home per role", () => {
  it("owners get their models, officers and admins the worklist, executives the overview, auditors their entry points", () => {
    expect(homeKindFor(actor("MODEL_OWNER"))).toBe("owner");
    expect(homeKindFor(actor("COMPLIANCE_OFFICER"))).toBe("officer");
    expect(homeKindFor(actor("ADMIN"))).toBe("officer");
    expect(homeKindFor(actor("EXECUTIVE"))).toBe("executive");
    expect(homeKindFor(actor("AUDITOR"))).toBe("auditor");
  });
  it("the navigation starts with the home, and keeps the overview one click away", () => {
    expect(
      navigationFor(actor("MODEL_OWNER"))
        .slice(0, 2)
        .map((i) => i.label),
    ).toEqual(["My models", "Overview"]);
    expect(
      navigationFor(actor("COMPLIANCE_OFFICER"))
        .slice(0, 2)
        .map((i) => i.label),
    ).toEqual(["Worklist", "Overview"]);
    expect(navigationFor(actor("EXECUTIVE"))[0]!.label).toBe("Overview");
  });
});

describe("consequence ranking", () => {
  const rank = (facts: ReturnType<typeof completeFacts>, extra: { nextReviewAt: Date | null; runningClocks: number } = { nextReviewAt: null, runningClocks: 0 }) =>
    consequenceOf(facts, evaluateCompleteness(facts, AS_OF), extra, AS_OF).rank;

  it("a prohibited practice ranks first, a high-risk undocumented model second", () => {
    expect(rank(completeFacts("PROHIBITED", "PROVIDER", { classification: classification("PROHIBITED") }))).toBe(0);
    const highUndocumented = completeFacts("HIGH", "PROVIDER");
    highUndocumented.documentation = {};
    expect(rank(highUndocumented)).toBe(1);
  });
  it("stale monitoring in production ranks third, deadlines fourth, a complete model last", () => {
    const stale = completeFacts("MINIMAL", "PROVIDER");
    stale.monitoring.checks = [{ observedAt: daysBefore(200), status: "HEALTHY" }];
    expect(rank(stale)).toBe(2);
    expect(rank(completeFacts("HIGH", "PROVIDER"), { nextReviewAt: daysBefore(3), runningClocks: 0 })).toBe(3);
    expect(rank(completeFacts("HIGH", "PROVIDER"), { nextReviewAt: null, runningClocks: 1 })).toBe(3);
    expect(rank(completeFacts("HIGH", "PROVIDER"))).toBe(5);
  });
});
