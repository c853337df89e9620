import { describe, expect, it } from "vitest";
import { classify } from "@/lib/compliance/classify";
import { LEGAL_BASES } from "@/lib/compliance/articles";
import { ANNEX_III_AREAS, ART_5_OPTIONS, NONE, NO, QUESTIONS, YES, annexIIIQuestionId, nextQuestion, relevantQuestions, type Answers, type Condition } from "@/lib/compliance/questionnaire";
import type { ActorRole } from "@/lib/compliance/types";

/** A complete answer set for a plain, minimal-risk system; tests override what they exercise. */
function answers(overrides: Record<string, string | string[] | number | undefined> = {}): Answers {
  return {
    "scope.ai-system": YES,
    "scope.exclusion": [NONE],
    role: "PROVIDER",
    "art5.practices": [NONE],
    "gpai.model": NO,
    "annex-i.product": [NONE],
    "annex-iii.areas": [NONE],
    "art50.cases": [NONE],
    // follow-ups, ignored unless relevant: no Art. 50 exemption, not open source, a safety component
    "art50.exemption-1": NONE,
    "art50.exemption-2": NONE,
    "art50.exemption-3": NONE,
    "art50.exemption-4-deepfake": NONE,
    "art50.exemption-4-text": NONE,
    "gpai.open-source": NO,
    "annex-i.safety-function": "SAFETY_COMPONENT",
    ...overrides,
  };
}

const ids = (obligations: { id: string }[]) => obligations.map((o) => o.id);

describe("classify: unanswered questions never default to minimal", () => {
  it("no answers at all → UNCLASSIFIED, asking the Art. 3(1) question first", () => {
    const r = classify({});
    expect(r.riskClass).toBe("UNCLASSIFIED");
    expect(r.unanswered).toEqual(["scope.ai-system"]);
    expect(r.legalBasis).toEqual([]);
    expect(ids(r.obligations)).toEqual(["COMPLETE_CLASSIFICATION"]);
  });

  it.each(["scope.exclusion", "role", "art5.practices", "gpai.model", "annex-i.product", "annex-iii.areas", "art50.cases"])("missing %s → UNCLASSIFIED", (questionId) => {
    const r = classify(answers({ [questionId]: undefined }));
    expect(r.riskClass).toBe("UNCLASSIFIED");
    expect(r.unanswered).toContain(questionId);
    expect(r.reasoning.at(-1)?.text).toMatch(/Unclassified/);
  });

  it("a relevant follow-up left open (Annex III area chosen, point not answered) → UNCLASSIFIED", () => {
    const r = classify(answers({ "annex-iii.areas": ["AREA_4"] }));
    expect(r.riskClass).toBe("UNCLASSIFIED");
    expect(r.unanswered).toEqual(["annex-iii.4"]);
  });

  it.each([
    ["unknown option", { "art50.cases": ["TELEPATHY"] }],
    ["NONE combined with an option", { "art50.cases": [NONE, "DEEPFAKE"] }],
    ["empty multi answer", { "art50.cases": [] }],
    ["string for a multi question", { "art50.cases": "DEEPFAKE" }],
    ["negative FLOP", { "gpai.model": YES, "gpai.training-flop": -1 }],
  ])("invalid answer (%s) is reported and leaves the model UNCLASSIFIED", (_label, overrides) => {
    const r = classify(answers(overrides));
    expect(r.riskClass).toBe("UNCLASSIFIED");
    expect(r.invalid.length).toBeGreaterThan(0);
  });

  it("a full minimal answer set → MINIMAL with a reasoning trail citing articles", () => {
    const r = classify(answers());
    expect(r.riskClass).toBe("MINIMAL");
    expect(r.unanswered).toEqual([]);
    expect(r.reasoning.length).toBeGreaterThan(5);
    for (const step of r.reasoning) expect(step.article).not.toBe("");
    expect(ids(r.obligations)).toEqual(["ART_4"]);
  });
});

describe("classify: scope (Art. 3(1), Art. 2)", () => {
  it("not an AI system and no GPAI model of ours → OUT_OF_SCOPE (only the GPAI question follows)", () => {
    expect(classify({ "scope.ai-system": NO }).unanswered).toEqual(["gpai.model"]);
    const r = classify({ "scope.ai-system": NO, "gpai.model": NO });
    expect(r.riskClass).toBe("OUT_OF_SCOPE");
    expect(r.legalBasis).toEqual(["ART_3_1_NOT_AI_SYSTEM"]);
    expect(r.unanswered).toEqual([]);
  });

  it.each([
    ["MILITARY_DEFENCE_NATIONAL_SECURITY", "ART_2_3", "Art. 2(3)"],
    ["SCIENTIFIC_RESEARCH", "ART_2_6", "Art. 2(6)"],
    ["PRE_MARKET_RESEARCH", "ART_2_8", "Art. 2(8)"],
    ["PERSONAL_NON_PROFESSIONAL", "ART_2_10", "Art. 2(10)"],
  ])("exclusion %s → OUT_OF_SCOPE (%s)", (exclusion, basis, article) => {
    const r = classify({ "scope.ai-system": YES, "scope.exclusion": [exclusion] });
    expect(r.riskClass).toBe("OUT_OF_SCOPE");
    expect(r.legalBasis).toEqual([basis]);
    expect(r.reasoning.at(-1)?.article).toContain(article);
  });
});

describe("classify: every Art. 5 prohibited practice", () => {
  it.each(ART_5_OPTIONS.map((o) => [o.value, o.basis, o.article] as const))("%s → PROHIBITED (%s)", (practice, basis, article) => {
    // only scope, role and the practice are needed: everything after Art. 5 becomes irrelevant
    const r = classify({ "scope.ai-system": YES, "scope.exclusion": [NONE], role: "DEPLOYER", "art5.practices": [practice], "art5.rbi-exception": NO });
    expect(r.riskClass).toBe("PROHIBITED");
    // the practice, plus the Art. 3 definitions it rests on (emotion recognition, biometric categorisation, RBI)
    const definitions: Record<string, string[]> = {
      EMOTION_RECOGNITION_WORK_EDUCATION: ["ART_3_39"],
      BIOMETRIC_CATEGORISATION_SENSITIVE: ["ART_3_40"],
      REALTIME_RBI: ["ART_3_41", "ART_3_42"],
    };
    expect(r.legalBasis).toEqual([basis, ...(definitions[practice] ?? [])]);
    expect(r.unanswered).toEqual([]);
    expect(r.reasoning.at(-1)?.article).toContain(article);
    expect(ids(r.obligations)).toEqual(["ART_5_CEASE"]);
  });

  it("emotion recognition of employees (the demo HR case) is prohibited under Art. 5(1)(f)", () => {
    const r = classify(answers({ role: "DEPLOYER", "art5.practices": ["EMOTION_RECOGNITION_WORK_EDUCATION"] }));
    expect(r.riskClass).toBe("PROHIBITED");
    expect(r.legalBasis).toEqual(["ART_5_1_F", "ART_3_39"]);
  });

  it("real-time RBI under an Art. 5(1)(h) exception is high-risk Annex III 1(a), not prohibited", () => {
    const r = classify(answers({ "art5.practices": ["REALTIME_RBI"], "art5.rbi-exception": YES }));
    expect(r.riskClass).toBe("HIGH");
    expect(r.legalBasis).toEqual(expect.arrayContaining(["ART_5_1_H_EXCEPTION", "ANNEX_III_1A_VIA_ART_5_1_H"]));
  });

  it("real-time RBI without the exception question answered → UNCLASSIFIED", () => {
    const r = classify(answers({ "art5.practices": ["REALTIME_RBI"] }));
    expect(r.riskClass).toBe("UNCLASSIFIED");
    expect(r.unanswered).toEqual(["art5.rbi-exception"]);
  });

  it("several practices → every basis recorded", () => {
    const r = classify(answers({ "art5.practices": ["MANIPULATION", "SOCIAL_SCORING"] }));
    expect(r.legalBasis).toEqual(["ART_5_1_A", "ART_5_1_C"]);
  });
});

const annexIIIPoints = ANNEX_III_AREAS.flatMap((a) => a.points.map((p) => ({ area: a.area, value: `${a.area}${p.letter.toUpperCase()}`, basis: `ANNEX_III_${a.area}${p.letter.toUpperCase()}` })));

describe("classify: Annex III (Art. 6(2)), every area and point", () => {
  it("covers all eight areas and 25 points", () => {
    expect(ANNEX_III_AREAS.map((a) => a.area)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(annexIIIPoints).toHaveLength(25);
  });

  it.each(annexIIIPoints.map((p) => [p.value, p.area, p.basis] as const))("point %s → HIGH when no Art. 6(3) condition holds", (value, area, basis) => {
    const r = classify(answers({ "annex-iii.areas": [`AREA_${area}`], [annexIIIQuestionId(area)]: [value], "art6-3.profiling": NO, "art6-3.conditions": [NONE] }));
    expect(r.riskClass).toBe("HIGH");
    expect(r.legalBasis).toContain(basis);
    expect(r.reasoning.at(-1)?.text).toMatch(/Annex III/);
  });

  it.each(ANNEX_III_AREAS.map((a) => [a.area] as const))("area %i chosen but none of its uses → not high-risk", (area) => {
    const r = classify(answers({ "annex-iii.areas": [`AREA_${area}`], [annexIIIQuestionId(area)]: [NONE] }));
    expect(r.riskClass).toBe("MINIMAL");
    expect(r.unanswered).toEqual([]);
  });
});

describe("classify: Art. 6(3) derogation, profiling override and Art. 6(4)", () => {
  const creditScoring = { "annex-iii.areas": ["AREA_5"], "annex-iii.5": ["5B"] };

  it.each([
    ["NARROW_PROCEDURAL_TASK", "ART_6_3_A", "Art. 6(3)(a)"],
    ["IMPROVES_COMPLETED_HUMAN_ACTIVITY", "ART_6_3_B", "Art. 6(3)(b)"],
    ["DETECTS_PATTERNS_WITHOUT_REPLACING_HUMAN", "ART_6_3_C", "Art. 6(3)(c)"],
    ["PREPARATORY_TASK", "ART_6_3_D", "Art. 6(3)(d)"],
  ])("condition %s → not high-risk, provider must document (Art. 6(4)) and register (Art. 49(2))", (condition, basis, article) => {
    const r = classify(answers({ ...creditScoring, "art6-3.profiling": NO, "art6-3.conditions": [condition] }));
    expect(r.riskClass).toBe("MINIMAL");
    expect(r.legalBasis).toEqual(expect.arrayContaining(["ANNEX_III_5B", basis]));
    expect(r.reasoning.at(-1)?.text).toContain(article);
    expect(ids(r.obligations)).toEqual(expect.arrayContaining(["ART_6_4", "ART_49_2"]));
  });

  it("the Art. 6(4) duty is the provider's: a deployer of a derogated system does not get it", () => {
    const r = classify(answers({ ...creditScoring, role: "DEPLOYER", "deployer.public-service": NO, "art6-3.profiling": NO, "art6-3.conditions": ["PREPARATORY_TASK"], "art25.triggers": [NONE] }));
    expect(r.riskClass).toBe("MINIMAL");
    expect(ids(r.obligations)).not.toContain("ART_6_4");
  });

  it("profiling of natural persons → always HIGH; the derogation question is not even asked", () => {
    const r = classify(answers({ ...creditScoring, "art6-3.profiling": YES, "art6-3.conditions": ["NARROW_PROCEDURAL_TASK"] }));
    expect(r.riskClass).toBe("HIGH");
    expect(r.legalBasis).toEqual(expect.arrayContaining(["ANNEX_III_5B", "ART_6_3_PROFILING"]));
    expect(r.legalBasis).not.toContain("ART_6_3_A");
    expect(relevantQuestions(answers({ ...creditScoring, "art6-3.profiling": YES })).map((q) => q.id)).not.toContain("art6-3.conditions");
  });

  it("derogated system with an Art. 50 case → LIMITED, still with the Art. 6(4) duty", () => {
    const r = classify(answers({ ...creditScoring, "art6-3.profiling": NO, "art6-3.conditions": ["PREPARATORY_TASK"], "art50.cases": ["INTERACTS_WITH_PEOPLE"] }));
    expect(r.riskClass).toBe("LIMITED");
    expect(ids(r.obligations)).toEqual(expect.arrayContaining(["ART_6_4", "ART_50_1"]));
  });
});

describe("classify: Art. 6(1) / Annex I", () => {
  it("medical device requiring third-party conformity assessment → HIGH", () => {
    const r = classify(answers({ "annex-i.product": ["A11"], "annex-i.third-party": YES }));
    expect(r.riskClass).toBe("HIGH");
    expect(r.legalBasis).toEqual(expect.arrayContaining(["ART_6_1", "ANNEX_I_A11"]));
    expect(ids(r.obligations)).not.toContain("ART_49_1");
  });
  it("Annex I product without third-party assessment → not high-risk", () => {
    expect(classify(answers({ "annex-i.product": ["A2"], "annex-i.third-party": NO })).riskClass).toBe("MINIMAL");
  });
  it("Section B product → HIGH with the Art. 2(2) note", () => {
    const r = classify(answers({ "annex-i.product": ["B18"], "annex-i.third-party": YES }));
    expect(r.riskClass).toBe("HIGH");
    expect(r.reasoning.at(-1)?.text).toContain("Art. 2(2)");
  });
});

describe("classify: every Art. 50 transparency case", () => {
  it.each([
    ["INTERACTS_WITH_PEOPLE", "ART_50_1", "PROVIDER", "ART_50_1"],
    ["SYNTHETIC_CONTENT", "ART_50_2", "PROVIDER", "ART_50_2"],
    ["EMOTION_OR_BIOMETRIC_CATEGORISATION", "ART_50_3", "DEPLOYER", "ART_50_3"],
    ["DEEPFAKE", "ART_50_4_DEEPFAKE", "DEPLOYER", "ART_50_4"],
    ["PUBLIC_INTEREST_TEXT", "ART_50_4_TEXT", "DEPLOYER", "ART_50_4"],
  ] as const)("%s → LIMITED with duty %s; obligation falls on the %s", (caseValue, duty, role, obligation) => {
    const roleAnswers = role === "DEPLOYER" ? { role, "deployer.public-service": NO, "art25.triggers": [NONE] } : { role };
    const r = classify(answers({ ...roleAnswers, "art50.cases": [caseValue] }));
    expect(r.riskClass).toBe("LIMITED");
    expect(r.transparencyDuties).toEqual([duty]);
    expect(ids(r.obligations)).toContain(obligation);
    const other: ActorRole = role === "PROVIDER" ? "DEPLOYER" : "PROVIDER";
    const otherAnswers = other === "DEPLOYER" ? { role: other, "deployer.public-service": NO, "art25.triggers": [NONE] } : { role: other };
    expect(ids(classify(answers({ ...otherAnswers, "art50.cases": [caseValue] })).obligations)).not.toContain(obligation);
  });

  it("a high-risk system keeps its Art. 50 duties on top", () => {
    const r = classify(answers({ "annex-iii.areas": ["AREA_4"], "annex-iii.4": ["4A"], "art6-3.profiling": YES, "art50.cases": ["INTERACTS_WITH_PEOPLE"] }));
    expect(r.riskClass).toBe("HIGH");
    expect(r.transparencyDuties).toEqual(["ART_50_1"]);
  });
});

describe("classify: GPAI and systemic risk (Art. 51-55)", () => {
  it.each([
    [1e24, NO, false],
    [1e25, NO, false], // the presumption needs compute *greater than* 10^25
    [1.0000001e25, undefined, true],
    [3e25, undefined, true],
    [1e23, YES, true], // designated by the Commission
  ])("training compute %d FLOP, designated %s → systemic %s", (flop, designated, systemic) => {
    const r = classify(answers({ "gpai.model": YES, "gpai.training-flop": flop, "gpai.designated": designated }));
    expect(r.riskClass).toBe("MINIMAL");
    expect(r.gpai).toBe(true);
    expect(r.gpaiSystemicRisk).toBe(systemic);
    expect(ids(r.obligations)).toContain("ART_53");
    expect(ids(r.obligations).includes("ART_55")).toBe(systemic);
  });

  it("designation question is only asked at or below the threshold", () => {
    const ask = (flop: number) => relevantQuestions(answers({ "gpai.model": YES, "gpai.training-flop": flop })).map((q) => q.id);
    expect(ask(1e25)).toContain("gpai.designated");
    expect(ask(2e25)).not.toContain("gpai.designated");
  });

  it("GPAI with the compute unanswered → UNCLASSIFIED", () => {
    expect(classify(answers({ "gpai.model": YES })).riskClass).toBe("UNCLASSIFIED");
  });
});

describe("classify: obligations by role", () => {
  const highCredit = (role: ActorRole, extra: Record<string, string | string[]> = {}) =>
    classify(
      answers({
        role,
        ...(role === "DEPLOYER" ? { "deployer.public-service": NO } : {}),
        ...(role !== "PROVIDER" ? { "art25.triggers": [NONE] } : {}),
        "annex-iii.areas": ["AREA_5"],
        "annex-iii.5": ["5B"],
        "art6-3.profiling": YES,
        ...extra,
      }),
    );

  it("provider of a high-risk system: Art. 9-20, 43, 47-49, 72, 73", () => {
    expect(ids(highCredit("PROVIDER").obligations)).toEqual(
      expect.arrayContaining([
        "ART_9",
        "ART_10",
        "ART_11",
        "ART_12",
        "ART_13",
        "ART_14",
        "ART_15",
        "ART_16",
        "ART_17",
        "ART_18",
        "ART_19",
        "ART_20",
        "ART_43",
        "ART_47",
        "ART_48",
        "ART_49_1",
        "ART_72",
        "ART_73",
      ]),
    );
  });
  it("deployer of credit scoring (Annex III 5(b)): Art. 26 and the Art. 27 FRIA, no provider duties", () => {
    const o = ids(highCredit("DEPLOYER").obligations);
    expect(o).toEqual(expect.arrayContaining(["ART_26_1", "ART_26_2", "ART_26_4", "ART_26_5", "ART_26_6", "ART_26_7", "ART_26_11", "ART_27"]));
    expect(o).not.toContain("ART_9");
    expect(o).not.toContain("ART_26_8");
  });
  it("private deployer of a recruitment system (4(a)): no FRIA; a public-service deployer: FRIA and registration", () => {
    const recruit = (publicService: string) =>
      ids(
        classify(answers({ role: "DEPLOYER", "deployer.public-service": publicService, "art25.triggers": [NONE], "annex-iii.areas": ["AREA_4"], "annex-iii.4": ["4A"], "art6-3.profiling": YES }))
          .obligations,
      );
    expect(recruit(NO)).not.toContain("ART_27");
    expect(recruit(YES)).toEqual(expect.arrayContaining(["ART_27", "ART_26_8"]));
  });
  it("critical infrastructure (point 2): no FRIA even for a public deployer", () => {
    const r = classify(
      answers({ role: "DEPLOYER", "deployer.public-service": YES, "art25.triggers": [NONE], "annex-iii.areas": ["AREA_2"], "annex-iii.2": ["2"], "art6-3.profiling": NO, "art6-3.conditions": [NONE] }),
    );
    expect(r.riskClass).toBe("HIGH");
    expect(ids(r.obligations)).not.toContain("ART_27");
  });
  it("importer → Art. 23, distributor → Art. 24", () => {
    expect(ids(highCredit("IMPORTER").obligations)).toEqual(["ART_23"]);
    expect(ids(highCredit("DISTRIBUTOR").obligations)).toEqual(["ART_24"]);
  });
  it.each(["REBRAND", "SUBSTANTIAL_MODIFICATION", "CHANGED_PURPOSE_TO_HIGH_RISK"])("Art. 25(1): a deployer that did %s to a high-risk system becomes its provider", (trigger) => {
    const r = highCredit("DEPLOYER", { "art25.triggers": [trigger] });
    expect(r.role).toBe("DEPLOYER");
    expect(r.effectiveRole).toBe("PROVIDER");
    expect(r.legalBasis.some((b) => b.startsWith("ART_25_1_"))).toBe(true);
    expect(ids(r.obligations)).toContain("ART_9");
  });
  it("Art. 25(1) changes to a non-high-risk system do not make us its provider", () => {
    const r = classify(answers({ role: "DISTRIBUTOR", "art25.triggers": ["REBRAND"] }));
    expect(r.riskClass).toBe("MINIMAL");
    expect(r.effectiveRole).toBe("DISTRIBUTOR");
  });
});

describe("questionnaire data", () => {
  it("question ids are unique and every option's legal basis is described", () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    for (const q of QUESTIONS) {
      expect(q.article).not.toBe("");
      for (const o of q.options) if (o.basis) expect(LEGAL_BASES[o.basis]?.article).toBeTruthy();
    }
  });

  it("relevance conditions only refer to earlier questions (so the flow never loops)", () => {
    const order = new Map(QUESTIONS.map((q, i) => [q.id, i]));
    const refs = (c: Condition): string[] => ("all" in c ? c.all.flatMap(refs) : "any" in c ? c.any.flatMap(refs) : [c.question]);
    for (const [i, q] of QUESTIONS.entries()) {
      for (const ref of q.relevantWhen ? refs(q.relevantWhen) : []) {
        expect(order.get(ref), `${q.id} refers to ${ref}`).toBeLessThan(i);
      }
    }
  });

  it("every legal basis a classification can produce is in LEGAL_BASES", () => {
    const samples = [
      classify(answers({ "art5.practices": ["REALTIME_RBI"], "art5.rbi-exception": YES, "gpai.model": YES, "gpai.training-flop": 5e25 })),
      classify(answers({ "annex-iii.areas": ["AREA_1"], "annex-iii.1": ["1A", "1C"], "art6-3.profiling": NO, "art6-3.conditions": ["PREPARATORY_TASK"] })),
    ];
    for (const r of samples) for (const b of r.legalBasis) expect(LEGAL_BASES[b], b).toBeDefined();
  });

  it("nextQuestion walks the flow and returns null when complete", () => {
    expect(nextQuestion({})?.id).toBe("scope.ai-system");
    expect(nextQuestion({ "scope.ai-system": YES })?.id).toBe("scope.exclusion");
    expect(nextQuestion(answers())).toBeNull();
  });
});
