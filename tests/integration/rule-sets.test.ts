// Issue 12: versioned rule sets on a real PostgreSQL. Classifications made under the pre-Omnibus rules
// (stored exactly as the old engine stored them) are checked against the current rules: exactly the models
// whose verdict changes are flagged, with old and new side by side; the others only get their citations and
// version brought up to date; re-confirmation is one call per model and audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { CURRENT_RULE_SET, LEGACY_RULE_SET } from "@/lib/compliance";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { classifyModel } from "@/lib/models/classification";
import { checkRuleSets, flaggedModels, reconfirmUnderCurrentRules } from "@/lib/models/rule-sets";
import { officerWorklist, reclassificationsNeeded } from "@/lib/home/home";
import { actorOf } from "../support/actors";

const run = Date.now().toString(36);
const key = (n: string) => `test-rules-${n}-${run}`;
let owner: ModelActor, officer: ModelActor;

const COMMON = {
  "scope.ai-system": "YES",
  "scope.exclusion": ["NONE"],
  "art5.practices": ["NONE"],
  "gpai.model": "NO",
  "annex-i.product": ["NONE"],
  "annex-iii.areas": ["NONE"],
  "art50.cases": ["NONE"],
};

/** Each case: answers and verdict exactly as the pre-Omnibus engine stored them, and what must happen. */
const LEGACY = {
  // the old engine set LIMITED for any Art. 50 case, although 50(1) binds the provider: verdict changes
  "deployer-chatbot": {
    role: "DEPLOYER" as const,
    answers: { ...COMMON, role: "DEPLOYER", "deployer.public-service": "NO", "art50.cases": ["INTERACTS_WITH_PEOPLE"], "art25.triggers": ["NONE"] },
    verdict: { riskClass: "LIMITED" as const, legalBasis: ["ART_50_1"], transparencyDuties: ["ART_50_1"] },
    expect: "flagged",
  },
  // same class, same duty, only more citations (Art. 50(5)): not a different verdict
  "provider-chatbot": {
    role: "PROVIDER" as const,
    answers: { ...COMMON, role: "PROVIDER", "art50.cases": ["INTERACTS_WITH_PEOPLE"] },
    verdict: { riskClass: "LIMITED" as const, legalBasis: ["ART_50_1"], transparencyDuties: ["ART_50_1"] },
    expect: "upgraded",
  },
  // machinery moved from Annex I Section A point 1 to Section B point 21: the route changes (Art. 2(2))
  "machinery-vision": {
    role: "PROVIDER" as const,
    answers: { ...COMMON, role: "PROVIDER", "annex-i.product": ["A1"], "annex-i.third-party": "YES" },
    verdict: { riskClass: "HIGH" as const, legalBasis: ["ART_6_1", "ANNEX_I_A1"], transparencyDuties: [] },
    expect: "flagged",
  },
  // the single Omnibus option was split into (ba) and (bb): the officer must answer which
  "image-generator": {
    role: "PROVIDER" as const,
    answers: { "scope.ai-system": "YES", "scope.exclusion": ["NONE"], role: "PROVIDER", "art5.practices": ["NON_CONSENSUAL_INTIMATE_OR_CSAM"] },
    verdict: { riskClass: "PROHIBITED" as const, legalBasis: ["ART_5_1_NCII"], transparencyDuties: [] },
    expect: "flagged",
  },
  // plain minimal: unchanged verdict, Art. 95 now cited
  "plain-minimal": {
    role: "PROVIDER" as const,
    answers: { ...COMMON, role: "PROVIDER" },
    verdict: { riskClass: "MINIMAL" as const, legalBasis: [], transparencyDuties: [] },
    expect: "upgraded",
  },
  // imported from an export made before rule sets were versioned: no version stored at all (NULL), which is
  // the legacy rule set too; a deployer of a synthetic-content generator was LIMITED, owes nothing now
  "imported-unversioned": {
    role: "DEPLOYER" as const,
    answers: { ...COMMON, role: "DEPLOYER", "deployer.public-service": "NO", "art50.cases": ["SYNTHETIC_CONTENT"], "art25.triggers": ["NONE"] },
    verdict: { riskClass: "LIMITED" as const, legalBasis: ["ART_50_2"], transparencyDuties: ["ART_50_2"] },
    expect: "flagged",
    ruleSet: null,
  },
  // Annex III credit scoring with profiling: high-risk then and now (more citations only)
  "credit-scoring": {
    role: "PROVIDER" as const,
    answers: { ...COMMON, role: "PROVIDER", "annex-iii.areas": ["AREA_5"], "annex-iii.5": ["5B"], "art6-3.profiling": "YES" },
    verdict: { riskClass: "HIGH" as const, legalBasis: ["ANNEX_III_5B", "ART_6_3_PROFILING"], transparencyDuties: [] },
    expect: "upgraded",
  },
} as const;

let currentKey: string;
let result: Awaited<ReturnType<typeof checkRuleSets>>;

beforeAll(async () => {
  owner = await actorOf("owner@northwind.example");
  officer = await actorOf("compliance@northwind.example");
  for (const [name, c] of Object.entries(LEGACY)) {
    const m = await createModel({
      actor: officer,
      input: { key: key(name), name: `Rules ${name}`, lifecycle: "VALIDATION", actorRole: c.role, intendedPurpose: "Rule-set test.", businessOwnerEmail: "hannah.schmidt@northwind.example" },
    });
    // what the old engine wrote, under the old version
    await prisma.model.update({
      where: { id: m.id },
      data: {
        riskClass: c.verdict.riskClass,
        legalBasis: [...c.verdict.legalBasis],
        transparencyDuties: [...c.verdict.transparencyDuties],
        actorRole: c.role,
        classificationAnswers: JSON.parse(JSON.stringify(c.answers)),
        classificationRuleSet: "ruleSet" in c ? c.ruleSet : LEGACY_RULE_SET,
        classificationStatus: "CONFIRMED",
        classifiedAt: new Date(),
        classifiedById: officer.id,
      },
    });
  }
  // a model classified under the current rules is never touched
  const current = await createModel({
    actor: officer,
    input: { key: key("current"), name: "Rules current", lifecycle: "VALIDATION", actorRole: "DEPLOYER", intendedPurpose: "Rule-set test.", businessOwnerEmail: "hannah.schmidt@northwind.example" },
  });
  await classifyModel({ actor: officer, key: current.key, input: { revision: current.revision, answers: { ...LEGACY["deployer-chatbot"].answers, "art50.exemption-1": "NONE" } } });
  currentKey = current.key;
  result = await checkRuleSets();
}, 60_000);
afterAll(() => prisma.$disconnect());

const ours = (keys: string[]) => keys.filter((k) => k.startsWith("test-rules-") && k.endsWith(run)).sort();
const expected = (what: "flagged" | "upgraded") =>
  Object.entries(LEGACY)
    .filter(([, c]) => c.expect === what)
    .map(([n]) => key(n))
    .sort();

describe("changing the rule-set version", () => {
  it("flags exactly the models whose verdict changes, and nothing else", async () => {
    expect(ours(result.flagged)).toEqual(expected("flagged"));
    expect(ours(result.upgraded)).toEqual(expected("upgraded"));
    expect([...result.flagged, ...result.upgraded]).not.toContain(currentKey);
    // every model flagged in the whole database was classified under an older version
    const flaggedRows = await prisma.model.findMany({ where: { reclassificationNeeded: true }, select: { key: true, classificationRuleSet: true } });
    for (const r of flaggedRows) expect(r.classificationRuleSet).not.toBe(CURRENT_RULE_SET);
    // the demo (classified under the current rules) is untouched
    expect(await prisma.model.count({ where: { key: { startsWith: "test-rules-" }, reclassificationNeeded: true, classificationRuleSet: CURRENT_RULE_SET } })).toBe(0);
  });

  it("an unchanged verdict keeps its class and gains the current version and citations, audited", async () => {
    const row = await prisma.model.findUniqueOrThrow({ where: { key: key("plain-minimal") } });
    expect(row).toMatchObject({ riskClass: "MINIMAL", classificationRuleSet: CURRENT_RULE_SET, reclassificationNeeded: false, legalBasis: ["ART_95"] });
    const chatbot = await prisma.model.findUniqueOrThrow({ where: { key: key("provider-chatbot") } });
    expect(chatbot.legalBasis).toEqual(["ART_50_1", "ART_50_5"]);
    const audit = await prisma.auditEvent.findFirst({ where: { modelId: row.id, action: "model.classify.ruleset-upgrade" } });
    expect(audit?.after).toMatchObject({ ruleSet: CURRENT_RULE_SET, verdictUnchanged: true });
  });

  it("a flagged model shows old and new verdict side by side, with the provisions that changed", async () => {
    const flagged = (await flaggedModels()).filter((f) => ours([f.key]).length === 1);
    const chatbot = flagged.find((f) => f.key === key("deployer-chatbot"))!.reclassification;
    expect(chatbot.old.riskClass).toBe("LIMITED");
    expect(chatbot.new.riskClass).toBe("MINIMAL");
    expect(chatbot.fromVersion).toBe(LEGACY_RULE_SET);
    expect(chatbot.toVersion).toBe(CURRENT_RULE_SET);
    expect(chatbot.removedBasis.map((b) => b.id)).toEqual(["ART_50_1"]);
    expect(chatbot.addedBasis.map((b) => b.id)).toEqual(["ART_95"]);
    expect(chatbot.differences.join(" ")).toMatch(/LIMITED → MINIMAL/);

    const machinery = flagged.find((f) => f.key === key("machinery-vision"))!.reclassification;
    expect(machinery.new.riskClass).toBe("HIGH");
    expect(machinery.addedBasis.map((b) => b.id)).toEqual(expect.arrayContaining(["ANNEX_I_B21", "ART_2_2"]));
    expect(machinery.removedBasis.map((b) => b.id)).toEqual(["ANNEX_I_A1"]);
    expect(machinery.differences.join(" ")).toMatch(/Route/);

    const generator = flagged.find((f) => f.key === key("image-generator"))!.reclassification;
    expect(generator.unanswered).toEqual(["art5.practices"]);
  });

  it("the officer's worklist lists exactly the flagged models, each with the change in words", async () => {
    const list = await reclassificationsNeeded();
    expect(ours(list.map((r) => r.key))).toEqual(expected("flagged"));
    const chatbot = list.find((r) => r.key === key("deployer-chatbot"))!;
    expect(chatbot.name).toBe("Rules deployer-chatbot");
    expect(chatbot.reason).toContain(`Rules ${LEGACY_RULE_SET} → ${CURRENT_RULE_SET}`);
    expect(chatbot.reason).toMatch(/Limited[^→]*→ Minimal/);
    // the same verdict class with a changed route still says what changed
    expect(list.find((r) => r.key === key("machinery-vision"))!.reason).toMatch(/High risk, obligations or citations changed/);
    const worklist = await officerWorklist({ actor: officer });
    expect(ours(worklist.reclassifications.map((r) => r.key))).toEqual(expected("flagged"));
    await expect(officerWorklist({ actor: owner })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("checking again changes nothing (idempotent)", async () => {
    const again = await checkRuleSets();
    expect(ours(again.flagged)).toEqual([]);
    expect(ours(again.upgraded)).toEqual([]);
  });
});

describe("one-click re-confirmation", () => {
  it("an owner cannot; an officer can, and it is audited with before and after", async () => {
    const before = await prisma.model.findUniqueOrThrow({ where: { key: key("deployer-chatbot") } });
    await expect(reconfirmUnderCurrentRules({ actor: owner, key: before.key, revision: before.revision })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reconfirmUnderCurrentRules({ actor: officer, key: before.key, revision: before.revision - 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    await reconfirmUnderCurrentRules({ actor: officer, key: before.key, revision: before.revision });
    const after = await prisma.model.findUniqueOrThrow({ where: { key: before.key } });
    expect(after).toMatchObject({
      riskClass: "MINIMAL",
      transparencyDuties: [],
      classificationRuleSet: CURRENT_RULE_SET,
      reclassificationNeeded: false,
      reclassification: null,
      classificationStatus: "CONFIRMED",
      classifiedById: officer.id,
      revision: before.revision + 1,
    });
    const audit = await prisma.auditEvent.findFirst({ where: { modelId: before.id, action: "model.classify.reconfirm" } });
    expect(audit?.actorId).toBe(officer.id);
    expect(audit?.before).toMatchObject({ ruleSet: LEGACY_RULE_SET, riskClass: "LIMITED" });
    expect(audit?.after).toMatchObject({ ruleSet: CURRENT_RULE_SET, riskClass: "MINIMAL" });
    // off the officer's worklist
    expect((await reclassificationsNeeded()).map((r) => r.key)).not.toContain(before.key);
    // not flagged any more: a second click is refused
    await expect(reconfirmUnderCurrentRules({ actor: officer, key: before.key, revision: after.revision })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a verdict that needs new answers cannot be accepted blind", async () => {
    const m = await prisma.model.findUniqueOrThrow({ where: { key: key("image-generator") } });
    const e = await reconfirmUnderCurrentRules({ actor: officer, key: m.key, revision: m.revision }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("VALIDATION");
    expect((await prisma.model.findUniqueOrThrow({ where: { key: m.key } })).riskClass).toBe("PROHIBITED");
  });

  it("answering the questionnaire under the current rules clears the flag", async () => {
    const m = await prisma.model.findUniqueOrThrow({ where: { key: key("image-generator") } });
    await classifyModel({ actor: officer, key: m.key, input: { revision: m.revision, answers: { ...LEGACY["image-generator"].answers, "art5.practices": ["NON_CONSENSUAL_INTIMATE_CONTENT"] } } });
    const after = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(after).toMatchObject({ riskClass: "PROHIBITED", legalBasis: ["ART_5_1_BA"], classificationRuleSet: CURRENT_RULE_SET, reclassificationNeeded: false });
  });
});
