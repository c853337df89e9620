// Issue 14: every change that moves the engine's verdict reopens an approved review (and only those);
// same-day bias assessments are ordered by recording time. Real PostgreSQL, real domain functions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { type ModelActor } from "@/lib/models/mutations";
import { decideReview, submitReview } from "@/lib/reviews/reviews";
import { createVersion, recordRollbackDrill } from "@/lib/versions/versions";
import { saveMonitoringConfig } from "@/lib/models/monitoring-config";
import { createIncident } from "@/lib/incidents/incidents";
import { createBiasAssessment } from "@/lib/bias/assessments";
import { evaluateModel } from "@/lib/models/compliance";
import { actorOf } from "../support/actors";
import { approveModel, createTestModel, latestReview, retireTestModels } from "../support/models";

const run = Date.now().toString(36);
let owner: ModelActor, officer: ModelActor;
const approve = async (key: string) => (await approveModel(owner, officer, key)).id;

beforeAll(async () => {
  owner = await actorOf("owner@northwind.example");
  officer = await actorOf("compliance@northwind.example");
});
afterAll(async () => {
  await retireTestModels("test-ux-");
  await prisma.$disconnect();
});

describe("an approved review follows the engine's verdict", () => {
  it("a drill that leaves the verdict alone keeps the approval; one that moves it reopens it, audited with both verdicts", async () => {
    const key = `test-ux-drill-${run}`;
    const m = await createTestModel(owner, key, `Drill ${run}`);
    await createVersion({ actor: owner, modelKey: key, input: { version: "1.0.0", active: true } });
    const reviewId = await approve(key);

    // no drill before, a 45-minute drill now: the drill item is missing either way, the verdict does not move
    await recordRollbackDrill({ actor: owner, modelKey: key, version: "1.0.0", input: { performedAt: new Date(Date.now() - 86_400_000), minutes: 45 } });
    expect((await latestReview(m.id)).status).toBe("APPROVED");

    // a 5-minute drill completes the item: the verdict moved, so the approval no longer describes the model
    await recordRollbackDrill({ actor: owner, modelKey: key, version: "1.0.0", input: { performedAt: new Date(), minutes: 5 } });
    expect((await latestReview(m.id)).status).toBe("REOPENED");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "review.reopen", entityId: reviewId } });
    const before = event.before as { verdict: { open: string[] } };
    const after = event.after as { verdict: { open: string[] } };
    expect(before.verdict.open).toContain("MLOPS_ROLLBACK_DRILL:missing");
    expect(after.verdict.open).not.toContain("MLOPS_ROLLBACK_DRILL:missing");

    // approved again, then a 45-minute drill makes the drill fail again: reopened
    await approve(key);
    await recordRollbackDrill({ actor: owner, modelKey: key, version: "1.0.0", input: { performedAt: new Date(), minutes: 45 } });
    expect((await latestReview(m.id)).status).toBe("REOPENED");
  });

  it("monitoring settings that move the verdict reopen the approval; an incident that does not move it keeps it", async () => {
    const key = `test-ux-monitor-${run}`;
    const m = await createTestModel(owner, key, `Monitor ${run}`);
    await createVersion({ actor: owner, modelKey: key, input: { version: "1.0.0", active: true } });
    await approve(key);
    const now = new Date();
    await createIncident({ actor: owner, key, input: { title: "Minor outage", occurredAt: now, awareAt: now, severity: "LOW", deadlineRule: "STANDARD", description: "Ten minutes of timeouts." } });
    expect((await latestReview(m.id)).status).toBe("APPROVED");
    await saveMonitoringConfig({ actor: owner, key, input: { enabled: true, features: ["income"], warningThreshold: 0.1, criticalThreshold: 0.25, cadenceDays: 7 } });
    expect((await latestReview(m.id)).status).toBe("REOPENED");
  });
});

describe("bias assessments of the same day", () => {
  it("the one recorded last speaks for the version", async () => {
    const key = `test-ux-bias-${run}`;
    await createTestModel(owner, key, `Bias ${run}`);
    await createVersion({ actor: owner, modelKey: key, input: { version: "1.0.0", active: true } });
    const day = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
    const base = { version: "1.0.0", assessedAt: day, methodology: "Four-fifths rule on approval rates.", protectedAttributes: ["sex"], status: "FINAL" };
    await createBiasAssessment({ actor: owner, key, input: { ...base, metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.95, threshold: 0.8 }] } });
    await createBiasAssessment({ actor: owner, key, input: { ...base, metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.6, threshold: 0.8 }] } });
    const evaluated = await evaluateModel(key);
    const assessments = evaluated!.facts.activeVersion!.biasAssessments;
    expect(assessments).toHaveLength(2);
    // both on the same day; the failing one was recorded later
    const failing = assessments.find((a) => !a.allPassed)!;
    const passing = assessments.find((a) => a.allPassed)!;
    expect(failing.recordedAt!.getTime()).toBeGreaterThan(passing.recordedAt!.getTime());
    const { isLaterAssessment } = await import("@/lib/compliance/completeness");
    expect(isLaterAssessment(failing, passing)).toBe(true);
  });
});

describe("a section is complete only when it addresses its guidance", () => {
  it('refuses "ok" marked complete, names what is thin, and saves nothing; accepts a text that addresses every point', async () => {
    const { saveSection } = await import("@/lib/documentation/sections");
    const { SECTION_TEXTS } = await import("../fixtures/section-texts");
    const key = `test-ux-ok-${run}`;
    const m = await createTestModel(owner, key, `Ok ${run}`, { lifecycle: "VALIDATION", intendedPurpose: "Answers questions." });
    const refused = await saveSection({ actor: owner, key, sectionKey: "ai-literacy", input: { content: "ok", status: "COMPLETE", expectedUpdatedAt: "" } }).then(
      () => null,
      (e: unknown) => e as { code: string; fieldErrors?: Record<string, string[]> },
    );
    expect(refused?.code).toBe("VALIDATION");
    expect(refused?.fieldErrors?.status?.[0]).toMatch(/Still thin: at least 40 words \(now 1\); “The measures we take to support a sufficient level of AI literacy/);
    expect(await prisma.documentationSection.count({ where: { modelId: m.id } })).toBe(0);
    // as a draft it is kept, and does not count
    await saveSection({ actor: owner, key, sectionKey: "ai-literacy", input: { content: "ok", status: "DRAFT", expectedUpdatedAt: "" } });
    const draft = await prisma.documentationSection.findFirstOrThrow({ where: { modelId: m.id } });
    const saved = await saveSection({
      actor: owner,
      key,
      sectionKey: "ai-literacy",
      input: { content: SECTION_TEXTS["ai-literacy"], status: "COMPLETE", expectedUpdatedAt: draft.updatedAt.toISOString() },
    });
    expect(saved.status).toBe("COMPLETE");
  });
});

describe("small frictions", () => {
  it("the owner filter matches part of a name or an address; a whole address still means that person", async () => {
    const { listModels } = await import("@/lib/models/queries");
    const exec = await actorOf("exec@northwind.example");
    const total = async (owner: string) => (await listModels({ actor: exec, query: { owner, lifecycle: "PRODUCTION" } })).total;
    const exact = await total("owner@northwind.example");
    expect(exact).toBeGreaterThan(0);
    expect(await total("Omar")).toBe(exact);
    expect(await total("haddad")).toBe(exact);
    expect(await total("owner@north")).toBe(exact);
    expect(await total("nobody-at-all")).toBe(0);
    // a whole address is not a substring search: "r@northwind.example" is nobody's address
    expect(await total("r@northwind.example")).toBe(0);
  });

  it("review notifications and the history name people, not addresses", async () => {
    const { listAuditEvents } = await import("@/lib/audit-log/queries");
    const key = `test-ux-names-${run}`;
    const m = await createTestModel(owner, key, `Names ${run}`, { lifecycle: "VALIDATION", intendedPurpose: "Answers questions." });
    const review = await submitReview({ actor: owner, key, input: {} });
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: officer.id, dedupeKey: `review:${review.id}:submitted:${officer.id}` } });
    expect(note.body).toMatch(/^Omar Haddad submitted /);
    expect(note.body).not.toContain("owner@northwind.example");
    await decideReview({ actor: officer, reviewId: review.id, input: { decision: "APPROVE" } });
    const decided = await prisma.notification.findFirstOrThrow({ where: { userId: owner.id, dedupeKey: `review:${review.id}:approved:${owner.id}` } });
    expect(decided.body).toMatch(/^Chloé Dubois approved /);
    const admin = await actorOf("admin@northwind.example");
    const events = await listAuditEvents({ actor: admin, query: { model: key } });
    expect(events.items.map((e) => e.actor?.name)).toEqual(expect.arrayContaining(["Omar Haddad", "Chloé Dubois"]));
    const byName = await listAuditEvents({ actor: admin, query: { model: key, user: "Dubois" } });
    expect(byName.items.length).toBeGreaterThan(0);
    expect(byName.items.every((e) => e.actorLabel === "compliance@northwind.example")).toBe(true);
    expect(m.id).toBeTruthy();
  });
});

describe("correcting and withdrawing a bias assessment", () => {
  it("corrects in place with optimistic locking, keeps both versions in the audit log, and the engine follows; a withdrawal is kept but not counted", async () => {
    const { correctBiasAssessment, withdrawBiasAssessment } = await import("@/lib/bias/assessments");
    const key = `test-ux-correct-${run}`;
    await createTestModel(owner, key, `Correct ${run}`, { lifecycle: "VALIDATION" });
    await createVersion({ actor: owner, modelKey: key, input: { version: "1.0.0", active: true } });
    const base = { assessedAt: new Date(Date.now() - 86_400_000), methodology: "Four-fifths rule.", protectedAttributes: ["sex"], status: "FINAL" };
    const wrong = await createBiasAssessment({ actor: owner, key, input: { ...base, version: "1.0.0", metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.06, threshold: 0.8 }] } });
    expect((await evaluateModel(key))!.facts.activeVersion!.biasAssessments[0]!.allPassed).toBe(false);

    // a stale form (revision 0 does not exist; revision 2 is in the future) is refused, nothing changes
    const stale = await correctBiasAssessment({
      actor: officer,
      id: wrong.id,
      input: { ...base, revision: 2, reason: "typo", metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.96, threshold: 0.8 }] },
    }).catch((e: { code: string }) => e);
    expect((stale as { code: string }).code).toBe("CONFLICT");
    const noReason = await correctBiasAssessment({
      actor: officer,
      id: wrong.id,
      input: { ...base, revision: 1, reason: " ", metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.96, threshold: 0.8 }] },
    }).catch((e: { fieldErrors?: Record<string, string[]> }) => e);
    expect((noReason as { fieldErrors?: Record<string, string[]> }).fieldErrors?.reason?.[0]).toBe("Say what was wrong.");

    const corrected = await correctBiasAssessment({
      actor: officer,
      id: wrong.id,
      input: { ...base, revision: 1, reason: "The ratio was typed as 0.06 instead of 0.96.", metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.96, threshold: 0.8 }] },
    });
    expect(corrected.revision).toBe(2);
    expect((await evaluateModel(key))!.facts.activeVersion!.biasAssessments[0]!.allPassed).toBe(true);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "bias_assessment.correct", entityId: wrong.id } });
    expect((event.before as { metrics: string[] }).metrics[0]).toContain("0.06");
    expect((event.after as { metrics: string[]; reason: string }).metrics[0]).toContain("0.96");
    expect((event.after as { reason: string }).reason).toContain("typed as 0.06");

    // the same form submitted twice: the second is refused, the first stands
    const twice = await correctBiasAssessment({
      actor: officer,
      id: wrong.id,
      input: { ...base, revision: 1, reason: "again", metrics: [{ metric: "disparate_impact_ratio", group: "f/m", value: 0.5, threshold: 0.8 }] },
    }).catch((e: { code: string }) => e);
    expect((twice as { code: string }).code).toBe("CONFLICT");

    await withdrawBiasAssessment({ actor: officer, id: wrong.id, input: { revision: 2, reason: "Assessed the wrong dataset." } });
    const row = await prisma.biasAssessment.findUniqueOrThrow({ where: { id: wrong.id } });
    expect(row.withdrawnAt).not.toBeNull();
    expect((await evaluateModel(key))!.facts.activeVersion!.biasAssessments).toHaveLength(0);
    const exec = await actorOf("exec@northwind.example");
    const forbidden = await withdrawBiasAssessment({ actor: exec, id: wrong.id, input: { revision: 3, reason: "x" } }).catch((e: { code: string }) => e);
    expect((forbidden as { code: string }).code).toBe("FORBIDDEN");
  });
});
