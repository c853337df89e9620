// The drafts written from facts (lib/documentation/draft.ts): deterministic, never inventing, and
// complete under the guidance rule only when the facts cover the section.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOCUMENTATION_SECTIONS } from "@/lib/compliance/catalogue";
import { draftSection, type DraftFacts } from "@/lib/documentation/draft";
import { checkSection, guidancePoints } from "@/lib/documentation/guidance";
import { parseMarkdown } from "@/lib/documentation/markdown";

const dataset = (purpose: string, key = "txn-2025") => ({
  owner: null,
  key,
  name: "Transaction categorisations",
  version: "2025.4",
  purpose,
  description: "Categorised current-account transactions.",
  source: "Consented open-banking feeds",
  provenance: "Extracted nightly by the data platform team; lineage in the catalogue.",
  collectionPeriod: "2019-01 to 2025-12",
  collectionMethod: "Operational records extracted nightly.",
  preprocessing: "Deduplicated; outliers capped at the 99.9th percentile.",
  size: "500000 rows",
  licence: "Internal",
  personalData: true,
  specialCategoryData: false,
  knownBiases: "Few customers under 25.",
  biasMitigations: "Re-weighting by age band.",
});

const FULL: DraftFacts = {
  model: {
    key: "affordability-mortgages",
    name: "Affordability — mortgages",
    description: "Built by Retail Banking.",
    intendedPurpose: "Estimates disposable income from transaction history to assess mortgage affordability.",
    foreseeableMisuse: "Use as the sole basis of a decision without human review.",
    businessUnit: "Retail Banking",
    actorRole: "PROVIDER",
    lifecycle: "PRODUCTION",
    environments: ["prod-eu-west"],
    businessOwner: "Hannah Schmidt",
    technicalOwner: "Omar Haddad",
  },
  classification: { riskClass: "HIGH", legalBasis: ["ANNEX_III_5B"], rationale: "Creditworthiness evaluation with profiling.", confirmed: true, transparencyDuties: [] },
  versions: [
    {
      version: "2",
      active: true,
      stage: "Production",
      deployedAt: "2026-11-21T00:00:00.000Z",
      createdAt: "2026-08-23T00:00:00.000Z",
      trainingPipelineVersion: "fp-2.7.0",
      servingPipelineVersion: "fp-2.7.0",
      metrics: { mae: 0.617, auc: 0.81 },
      rollbackTargetVersion: "1",
      rollbackProcedure: "Promote version 1 in the registry and redeploy.",
      lastRollbackDrillAt: "2026-08-05T10:00:00.000Z",
      lastRollbackDrillMinutes: 7,
    },
    {
      version: "1",
      active: false,
      stage: null,
      deployedAt: "2026-06-01T00:00:00.000Z",
      createdAt: "2026-05-04T00:00:00.000Z",
      trainingPipelineVersion: "fp-1.7.0",
      servingPipelineVersion: null,
      metrics: null,
      rollbackTargetVersion: null,
      rollbackProcedure: null,
      lastRollbackDrillAt: null,
      lastRollbackDrillMinutes: null,
    },
  ],
  datasets: [dataset("TRAINING"), dataset("VALIDATION", "txn-holdout"), dataset("TEST", "txn-holdout")],
  biasAssessments: [
    {
      assessedAt: "2026-09-07T00:00:00.000Z",
      status: "FINAL",
      methodology: "Group fairness metrics on the hold-out set.",
      protectedAttributes: ["sex", "age_band"],
      findings: "No metric outside its threshold.",
      mitigations: "Re-weighting retained.",
      metrics: [
        { metric: "demographic_parity_difference", group: "sex=female vs male", value: 0.008, threshold: 0.1, passed: true },
        { metric: "disparate_impact_ratio", group: "age_band=18-24 vs 25-64", value: 0.884, threshold: 0.8, passed: true },
      ],
    },
  ],
  monitoring: {
    config: { enabled: true, cadenceDays: 7, warningThreshold: 0.1, criticalThreshold: 0.25, features: ["monthly_income", "essential_spend"], metrics: ["psi", "ks"] },
    history: { checks: 12, healthy: 11, warning: 1, critical: 0, first: "2026-09-12T00:00:00.000Z", last: "2026-11-29T00:00:00.000Z", lastStatus: "HEALTHY" },
  },
};

/** A model registered with a name and nothing else. */
const BARE: DraftFacts = {
  model: {
    key: "bare",
    name: "Bare model",
    description: null,
    intendedPurpose: null,
    foreseeableMisuse: null,
    businessUnit: null,
    actorRole: "DEPLOYER",
    lifecycle: "DEVELOPMENT",
    environments: [],
    businessOwner: null,
    technicalOwner: null,
  },
  classification: { riskClass: "UNCLASSIFIED", legalBasis: [], rationale: null, confirmed: false, transparencyDuties: [] },
  versions: [],
  datasets: [],
  biasAssessments: [],
  monitoring: { config: null, history: { checks: 0, healthy: 0, warning: 0, critical: 0, first: null, last: null, lastStatus: null } },
};

const draft = (key: string, facts: DraftFacts) => {
  const text = draftSection(key, facts);
  if (text === null) throw new Error(`no draft for ${key}`);
  return text;
};
const complete = (key: string, text: string) => checkSection(key, text)!.complete;
const todoLines = (text: string) => text.split("\n").filter((l) => l.includes("TODO"));

describe("draft from what Dossier knows", () => {
  it("is deterministic: the same facts give the same text, whatever object holds them", () => {
    for (const s of DOCUMENTATION_SECTIONS) {
      expect(draft(s.key, FULL)).toBe(draft(s.key, structuredClone(FULL)));
      expect(draft(s.key, BARE)).toBe(draft(s.key, structuredClone(BARE)));
    }
  });

  it("knows no section outside the catalogue", () => {
    expect(draftSection("no-such-section", FULL)).toBeNull();
  });

  it("with no facts, no section comes out complete, and each one lists what is missing as TODO prompts", () => {
    for (const s of DOCUMENTATION_SECTIONS) {
      const text = draft(s.key, BARE);
      expect(complete(s.key, text), s.key).toBe(false);
      expect(todoLines(text).length, s.key).toBeGreaterThan(0);
      // nothing invented: no owner, version, dataset or metric appears
      expect(text, s.key).not.toMatch(/Hannah|Omar|fp-2|Transaction categorisations|auc/);
    }
  });

  it("prompts for every guidance point the facts leave open, by its label", () => {
    for (const s of DOCUMENTATION_SECTIONS) {
      const text = draft(s.key, FULL);
      const check = checkSection(s.key, text)!;
      const todos = todoLines(text).join("\n");
      for (const p of check.points.filter((pt) => !pt.addressed)) expect(todos, `${s.key}: ${p.label}`).toContain(p.label);
      expect(guidancePoints(s.help).length).toBe(check.points.length);
    }
  });

  it("general description (Annex IV 1): purpose, provider, version and owners from the facts; the rest as TODO", () => {
    const text = draft("annex-iv-1-general-description", FULL);
    expect(text).toContain("Estimates disposable income from transaction history");
    expect(text).toContain("**provider**");
    expect(text).toContain("The version in service is **2**, deployed on 2026-11-21");
    expect(text).toContain("Business owner: **Hannah Schmidt**");
    expect(text).toContain("- TODO: user interface.");
    expect(complete("annex-iv-1-general-description", text)).toBe(false);
    const bare = draft("annex-iv-1-general-description", BARE);
    expect(bare).toContain("TODO: no intended purpose is recorded");
    expect(bare).not.toContain("## Intended purpose");
  });

  it("development (Annex IV 2): one datasheet per dataset with its purposes, the bias table and the metrics", () => {
    const text = draft("annex-iv-2-development", FULL);
    expect(text).toContain("uses 2 datasets");
    expect(text).toContain("### Transaction categorisations 2025.4 (validation, test)");
    expect(text).toContain("| demographic_parity_difference | sex=female vs male | 0.008 | 0.1 | pass |");
    expect(text).toContain("- auc: 0.81");
    expect(text).toContain("- TODO: cybersecurity measures.");
  });

  it("lifecycle changes (Annex IV 6): every version, the rollback target and the last drill — complete from facts alone", () => {
    const text = draft("annex-iv-6-lifecycle-changes", FULL);
    expect(text).toMatch(/- \*\*2\*\*: registered 2026-08-23, deployed 2026-11-21, training pipeline fp-2\.7\.0, in service; rollbacks go to 1\./);
    expect(text).toContain("- **1**: registered 2026-05-04");
    expect(text).toContain("Last rollback drill: 2026-08-05, restored in 7 minutes.");
    expect(todoLines(text)).toEqual([]);
    expect(complete("annex-iv-6-lifecycle-changes", text)).toBe(true);
    expect(complete("annex-iv-6-lifecycle-changes", draft("annex-iv-6-lifecycle-changes", BARE))).toBe(false);
  });

  it("post-market monitoring (Annex IV 9): configuration and history; complete only when monitoring exists", () => {
    const text = draft("annex-iv-9-post-market-monitoring", FULL);
    expect(text).toContain("every 7 days (psi, ks); a feature warns at 0.1 and is critical at 0.25");
    expect(text).toContain("12 checks from 2026-09-12 to 2026-11-29 — 11 healthy, 1 warning, 0 critical; the latest was healthy");
    expect(complete("annex-iv-9-post-market-monitoring", text)).toBe(true);
    const off = { ...FULL, monitoring: { ...FULL.monitoring, config: { ...FULL.monitoring.config!, enabled: false } } };
    expect(draft("annex-iv-9-post-market-monitoring", off)).toContain("TODO: drift monitoring is not enabled");
  });

  it("performance metrics (Annex IV 4): the declared metrics, sorted, and how they are evaluated", () => {
    const text = draft("annex-iv-4-performance-metrics", FULL);
    expect(text.indexOf("- auc: 0.81")).toBeLessThan(text.indexOf("- mae: 0.617"));
    expect(complete("annex-iv-4-performance-metrics", text)).toBe(true);
    const none = { ...FULL, versions: FULL.versions.map((v) => ({ ...v, metrics: null })), monitoring: BARE.monitoring };
    expect(complete("annex-iv-4-performance-metrics", draft("annex-iv-4-performance-metrics", none))).toBe(false);
  });

  it("risk management (Annex IV 5): classification, misuse, bias and rollback, with the measures left to the owner", () => {
    const text = draft("annex-iv-5-risk-management", FULL);
    expect(text).toContain("classified as **high-risk**, confirmed by compliance");
    expect(text).toContain("Use as the sole basis of a decision without human review.");
    expect(text).toContain("- TODO: adopted measures.");
    expect(complete("annex-iv-5-risk-management", text)).toBe(false);
  });

  it("data governance: datasheet gaps become TODOs naming the dataset page", () => {
    const gap = { ...FULL, datasets: [{ ...dataset("TRAINING"), provenance: null, knownBiases: " " }] };
    const text = draft("data-governance", gap);
    expect(text).toContain("- TODO: the datasheet of Transaction categorisations has no provenance: complete it on the dataset page.");
    expect(text).toContain("- TODO: the datasheet of Transaction categorisations has no known biases");
    expect(text).toContain("- Bias mitigations: Re-weighting by age band.");
  });

  it("a failing bias metric is reported as failing, never smoothed over", () => {
    const failing = { ...FULL, biasAssessments: [{ ...FULL.biasAssessments[0]!, metrics: [{ metric: "disparate_impact_ratio", group: "sex", value: 0.7, threshold: 0.8, passed: false }] }] };
    const text = draft("data-governance", failing);
    expect(text).toContain("1 of 1 metrics exceed their thresholds");
    expect(text).toContain("| FAIL |");
  });

  it("human oversight: the named owners, or a TODO to assign them", () => {
    expect(draft("human-oversight", FULL)).toContain("Technical owner: **Omar Haddad**");
    expect(draft("human-oversight", BARE)).toContain("TODO: no business owner is assigned");
  });

  it("every draft is Markdown the preview and the PDF can draw", () => {
    for (const s of DOCUMENTATION_SECTIONS) expect(parseMarkdown(draft(s.key, FULL)).length, s.key).toBeGreaterThan(0);
  });

  it("never throws and stays deterministic on arbitrary recorded text", () => {
    const text = fc.option(fc.string({ maxLength: 200 }), { nil: null });
    fc.assert(
      fc.property(text, text, text, fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), (purpose, misuse, provenance, features) => {
        const facts: DraftFacts = {
          ...FULL,
          model: { ...FULL.model, intendedPurpose: purpose, foreseeableMisuse: misuse },
          datasets: [{ ...dataset("TRAINING"), provenance }],
          monitoring: { ...FULL.monitoring, config: { ...FULL.monitoring.config!, features } },
        };
        for (const key of ["annex-iv-1-general-description", "annex-iv-3-monitoring-control", "data-governance"]) {
          const a = draftSection(key, facts);
          expect(a).toBe(draftSection(key, structuredClone(facts)));
          if (purpose === null || purpose.trim() === "") expect(a).not.toContain("## Intended purpose");
        }
      }),
      { numRuns: 200 },
    );
  });
});
