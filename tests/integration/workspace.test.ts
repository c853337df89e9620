// The workspace's domain functions on a real PostgreSQL: permissions, optimistic locking,
// four-eyes reviews, derived verdicts and audit events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createModel, updateModel, type ModelActor } from "@/lib/models/mutations";
import { classifyModel, confirmClassification } from "@/lib/models/classification";
import { addEvidence, saveSection } from "@/lib/documentation/sections";
import { decideReview, submitReview } from "@/lib/reviews/reviews";
import { createDataset, linkDataset, updateDataset } from "@/lib/datasets/datasets";
import { createBiasAssessment, metricPasses } from "@/lib/bias/assessments";
import { createIncident } from "@/lib/incidents/incidents";
import { saveMonitoringConfig } from "@/lib/models/monitoring-config";
import { listModels } from "@/lib/models/queries";
import { createVersion } from "@/lib/versions/versions";
import { SECTION_TEXTS } from "../fixtures/section-texts";
import { actorOf, rejection } from "../support/actors";

const run = Date.now().toString(36);
const key = (n: string) => `test-ws-${n}-${run}`;
let owner: ModelActor, officer: ModelActor, admin: ModelActor, exec: ModelActor, auditor: ModelActor;

// a provider's customer chatbot: LIMITED with the Art. 50(1) duty
const CHATBOT = {
  "scope.ai-system": "YES",
  "scope.exclusion": ["NONE"],
  role: "PROVIDER",
  "art5.practices": ["NONE"],
  "gpai.model": "NO",
  "annex-i.product": ["NONE"],
  "annex-iii.areas": ["NONE"],
  "art50.cases": ["INTERACTS_WITH_PEOPLE"],
  "art50.exemption-1": "NONE",
};

async function newChatbot(name: string) {
  const m = await createModel({
    actor: owner,
    input: { key: key(name), name: `Chatbot ${name}`, lifecycle: "VALIDATION", intendedPurpose: "Answers questions.", businessOwnerEmail: "hannah.schmidt@northwind.example" },
  });
  return m;
}

beforeAll(async () => {
  owner = await actorOf("owner@northwind.example");
  officer = await actorOf("compliance@northwind.example");
  admin = await actorOf("admin@northwind.example");
  exec = await actorOf("exec@northwind.example");
  auditor = await actorOf("auditor@northwind.example");
});
afterAll(() => prisma.$disconnect());

describe("classification", () => {
  it("an owner proposes, an officer confirms; the verdict follows", async () => {
    const m = await newChatbot("classify");
    const proposal = await classifyModel({ actor: owner, key: m.key, input: { revision: m.revision, answers: CHATBOT } });
    expect(proposal.status).toBe("PROPOSED");
    let row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.riskClass).toBe("LIMITED");
    expect(row.openItems).toContain("RISK_CLASSIFICATION");
    await expect(confirmClassification({ actor: owner, key: m.key, revision: row.revision })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await confirmClassification({ actor: officer, key: m.key, revision: row.revision });
    row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.classificationStatus).toBe("CONFIRMED");
    expect(row.openItems).not.toContain("RISK_CLASSIFICATION");
  });

  it("refuses an incomplete questionnaire with the unanswered questions, and changes nothing", async () => {
    const m = await newChatbot("incomplete");
    const e = await rejection(classifyModel({ actor: owner, key: m.key, input: { revision: m.revision, answers: { "scope.ai-system": "YES" } } }));
    expect(e.code).toBe("VALIDATION");
    // follow-up questions become relevant only once the question before is answered
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(["scope.exclusion"]);
    expect((await prisma.model.findUniqueOrThrow({ where: { key: m.key } })).riskClass).toBe("UNCLASSIFIED");
  });

  it("refuses executives, auditors and owners of other models", async () => {
    const m = await newChatbot("classify-forbidden");
    const other = await prisma.model.findUniqueOrThrow({ where: { key: "card-fraud-detection-debit-cards" } });
    for (const [actor, k, rev] of [
      [exec, m.key, m.revision],
      [auditor, m.key, m.revision],
      [owner, other.key, other.revision],
    ] as const) {
      expect((await rejection(classifyModel({ actor, key: k, input: { revision: rev, answers: CHATBOT } }))).code).toBe("FORBIDDEN");
    }
  });
});

describe("documentation sections", () => {
  it("completing the required section closes its item; a stale editor is refused and nothing is overwritten", async () => {
    const m = await newChatbot("sections");
    await classifyModel({ actor: officer, key: m.key, input: { revision: m.revision, answers: CHATBOT } });
    const first = await saveSection({
      actor: owner,
      key: m.key,
      sectionKey: "transparency-disclosure",
      input: { content: SECTION_TEXTS["transparency-disclosure"], status: "COMPLETE", expectedUpdatedAt: "" },
    });
    let row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.openItems.some((id) => id.includes("TRANSPARENCY"))).toBe(false);
    // a second editor that started from an empty section
    const stale = await rejection(
      saveSection({
        actor: officer,
        key: m.key,
        sectionKey: "transparency-disclosure",
        input: { content: `${SECTION_TEXTS["transparency-disclosure"]} Other text.`, status: "COMPLETE", expectedUpdatedAt: "" },
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    const section = await prisma.documentationSection.findFirstOrThrow({ where: { modelId: m.id, sectionKey: "transparency-disclosure" } });
    expect(section.content).toBe(SECTION_TEXTS["transparency-disclosure"]);
    await saveSection({ actor: officer, key: m.key, sectionKey: "transparency-disclosure", input: { content: "Notice v2", status: "DRAFT", expectedUpdatedAt: first.updatedAt } });
    row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.openItems.some((id) => id.includes("TRANSPARENCY"))).toBe(true);
  });

  it("validates content, status and section keys", async () => {
    const m = await newChatbot("sections-bad");
    const tooLong = await rejection(saveSection({ actor: owner, key: m.key, sectionKey: "ai-literacy", input: { content: "x".repeat(20_001), status: "DRAFT", expectedUpdatedAt: "" } }));
    expect(tooLong.fieldErrors?.content).toBeDefined();
    const empty = await rejection(saveSection({ actor: owner, key: m.key, sectionKey: "ai-literacy", input: { content: " ", status: "COMPLETE", expectedUpdatedAt: "" } }));
    expect(empty.fieldErrors?.content?.[0]).toMatch(/needs content/);
    const badStatus = await rejection(saveSection({ actor: owner, key: m.key, sectionKey: "ai-literacy", input: { content: "x", status: "DONE", expectedUpdatedAt: "" } }));
    expect(badStatus.fieldErrors?.status).toBeDefined();
    expect((await rejection(saveSection({ actor: owner, key: m.key, sectionKey: "no-such-section", input: { content: "x", status: "DRAFT", expectedUpdatedAt: "" } }))).code).toBe("NOT_FOUND");
    expect((await rejection(saveSection({ actor: exec, key: m.key, sectionKey: "ai-literacy", input: { content: "x", status: "DRAFT", expectedUpdatedAt: "" } }))).code).toBe("FORBIDDEN");
  });

  it("stores evidence with its sha256 and refuses wrong types and oversized files", async () => {
    const m = await newChatbot("evidence");
    const bytes = new TextEncoder().encode("hello evidence");
    const ok = await addEvidence({ actor: owner, key: m.key, sectionKey: "ai-literacy", file: { name: "a.txt", type: "text/plain", bytes } });
    const { createHash } = await import("node:crypto");
    expect(ok.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await rejection(addEvidence({ actor: owner, key: m.key, sectionKey: "ai-literacy", file: { name: "x.exe", type: "application/x-msdownload", bytes } }))).code).toBe(
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect(
      (await rejection(addEvidence({ actor: owner, key: m.key, sectionKey: "ai-literacy", file: { name: "big.pdf", type: "application/pdf", bytes: new Uint8Array(10 * 1024 * 1024 + 1) } }))).code,
    ).toBe("PAYLOAD_TOO_LARGE");
    expect((await rejection(addEvidence({ actor: auditor, key: m.key, sectionKey: "ai-literacy", file: { name: "a.txt", type: "text/plain", bytes } }))).code).toBe("FORBIDDEN");
  });
});

describe("reviews", () => {
  it("four eyes: the submitter never approves; approval freezes a snapshot; a later edit reopens it", async () => {
    const m = await createModel({
      actor: officer,
      input: { key: key("review"), name: "Reviewed", lifecycle: "VALIDATION", businessOwnerEmail: "owner@northwind.example", technicalOwnerEmail: "owner@northwind.example" },
    });
    const review = await submitReview({ actor: officer, key: m.key, input: { note: "please" } });
    expect((await rejection(submitReview({ actor: owner, key: m.key, input: {} }))).code).toBe("CONFLICT");
    expect((await rejection(decideReview({ actor: officer, reviewId: review.id, input: { decision: "APPROVE" } }))).code).toBe("FORBIDDEN");
    expect((await rejection(decideReview({ actor: owner, reviewId: review.id, input: { decision: "APPROVE" } }))).code).toBe("FORBIDDEN");
    expect((await rejection(decideReview({ actor: admin, reviewId: review.id, input: { decision: "REQUEST_CHANGES" } }))).fieldErrors?.comment).toBeDefined();
    const approved = await decideReview({ actor: admin, reviewId: review.id, input: { decision: "APPROVE", comment: "ok" } });
    expect(approved.status).toBe("APPROVED");
    expect(approved.snapshot).toMatchObject({ model: { key: m.key } });
    expect((await rejection(decideReview({ actor: admin, reviewId: review.id, input: { decision: "APPROVE" } }))).code).toBe("CONFLICT");
    await updateModel({ actor: owner, key: m.key, input: { revision: m.revision, name: "Reviewed v2", lifecycle: "VALIDATION" } });
    expect((await prisma.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("REOPENED");
    // the deciders were asked (not the submitter); the submitter and the owners hear the decision
    const requested = await prisma.notification.findMany({ where: { kind: "REVIEW_REQUESTED", dedupeKey: { startsWith: `review:${review.id}:submitted` } } });
    expect(requested.map((n) => n.userId)).toContain(admin.id);
    expect(requested.map((n) => n.userId)).not.toContain(officer.id);
    const decided = await prisma.notification.findMany({ where: { kind: "REVIEW_APPROVED", dedupeKey: { startsWith: `review:${review.id}:approved` } } });
    expect(decided.map((n) => n.userId).sort()).toEqual([officer.id, owner.id].sort()); // the submitter and the owner
    const actions = (await prisma.auditEvent.findMany({ where: { modelId: m.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["model.create", "review.submit", "review.approve", "model.update", "review.reopen"]);
  });

  it("answers a malformed review id with not found", async () => {
    expect((await rejection(decideReview({ actor: officer, reviewId: "nope", input: { decision: "APPROVE" } }))).code).toBe("NOT_FOUND");
  });
});

describe("datasets, links, bias assessments, monitoring, incidents", () => {
  it("a dataset's provenance feeds the Art. 10 items of the models that use it", async () => {
    const m = await createModel({
      actor: officer,
      input: { key: key("credit"), name: "Test credit model", lifecycle: "VALIDATION", businessOwnerEmail: "owner@northwind.example", technicalOwnerEmail: "owner@northwind.example" },
    });
    await classifyModel({
      actor: officer,
      key: m.key,
      input: { revision: m.revision, answers: { ...CHATBOT, "art50.cases": ["NONE"], "annex-iii.areas": ["AREA_5"], "annex-iii.5": ["5B"], "art6-3.profiling": "YES" } },
    });
    expect((await prisma.model.findUniqueOrThrow({ where: { key: m.key } })).riskClass).toBe("HIGH");
    await createVersion({ actor: officer, modelKey: m.key, input: { version: "1", active: true } });
    const ds = await createDataset({ actor: owner, input: { key: key("ds"), name: "Applications", version: "1" } });
    await linkDataset({ actor: owner, key: m.key, input: { version: "1", datasetId: ds.id, purpose: "TRAINING" } });
    expect((await rejection(linkDataset({ actor: owner, key: m.key, input: { version: "1", datasetId: ds.id, purpose: "TRAINING" } }))).code).toBe("CONFLICT");
    expect((await rejection(linkDataset({ actor: owner, key: m.key, input: { version: "9", datasetId: ds.id, purpose: "TEST" } }))).fieldErrors?.version).toBeDefined();
    let row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.openItems).toContain("HR_P_DATA_PROVENANCE");
    await updateDataset({
      actor: owner,
      id: ds.id,
      input: {
        revision: ds.revision,
        name: "Applications",
        version: "1",
        source: "LOS",
        provenance: "Nightly extract",
        collectionMethod: "System records",
        knownBiases: "Thin files",
        biasMitigations: "Re-weighting",
      },
    });
    row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.openItems).not.toContain("HR_P_DATA_PROVENANCE");
    expect(row.openItems).not.toContain("HR_P_DATA_BIAS_EXAMINATION");
    // a stale dataset editor
    expect((await rejection(updateDataset({ actor: owner, id: ds.id, input: { revision: ds.revision, name: "x", version: "1" } }))).code).toBe("CONFLICT");
    // another owner may not edit it
    const other = await actorOf("hannah.schmidt@northwind.example");
    expect((await rejection(updateDataset({ actor: other, id: ds.id, input: { revision: ds.revision + 1, name: "x", version: "1" } }))).code).toBe("FORBIDDEN");

    const bias = await createBiasAssessment({
      actor: owner,
      key: m.key,
      input: {
        version: "1",
        assessedAt: new Date(),
        methodology: "MetricFrame",
        protectedAttributes: ["sex"],
        status: "FINAL",
        metrics: [
          { metric: "disparate_impact_ratio", group: "f vs m", value: 0.75, threshold: 0.8 },
          { metric: "demographic_parity_difference", group: "f vs m", value: -0.05, threshold: 0.1 },
        ],
      },
    });
    expect(bias.metrics.map((x) => x.passed)).toEqual([false, true]);
    row = await prisma.model.findUniqueOrThrow({ where: { key: m.key } });
    expect(row.openItems).not.toContain("HR_P_BIAS_ASSESSMENT");
    expect(
      (await rejection(createBiasAssessment({ actor: owner, key: m.key, input: { version: "1", assessedAt: "not a date", methodology: "", protectedAttributes: [], status: "FINAL", metrics: [] } })))
        .fieldErrors,
    ).toMatchObject({
      assessedAt: expect.any(Array),
      methodology: expect.any(Array),
      protectedAttributes: expect.any(Array),
      metrics: expect.any(Array),
    });
  });

  it("computes pass/fail from the metric's direction", () => {
    expect(metricPasses("disparate_impact_ratio", 0.8, 0.8)).toBe(true);
    expect(metricPasses("disparate_impact_ratio", 0.79, 0.8)).toBe(false);
    expect(metricPasses("equal_opportunity_difference", -0.11, 0.1)).toBe(false);
    expect(metricPasses("equal_opportunity_difference", 0.1, 0.1)).toBe(true);
  });

  it("validates monitoring thresholds and incident dates", async () => {
    const m = await newChatbot("monitoring");
    expect(
      (await rejection(saveMonitoringConfig({ actor: owner, key: m.key, input: { enabled: true, features: ["a"], warningThreshold: 0.3, criticalThreshold: 0.2, cadenceDays: 7 } }))).fieldErrors
        ?.criticalThreshold,
    ).toBeDefined();
    await saveMonitoringConfig({ actor: owner, key: m.key, input: { enabled: true, features: ["a"], warningThreshold: 0.1, criticalThreshold: 0.2, cadenceDays: 7 } });
    const e = await rejection(
      createIncident({ actor: owner, key: m.key, input: { title: "x", occurredAt: "2026-11-10", awareAt: "2026-11-01", severity: "HIGH", deadlineRule: "STANDARD", description: "y" } }),
    );
    expect(e.fieldErrors?.awareAt).toBeDefined();
    const incident = await createIncident({
      actor: owner,
      key: m.key,
      input: { title: "x", occurredAt: "2026-11-01", awareAt: "2026-11-02", severity: "HIGH", deadlineRule: "DEATH", description: "y" },
    });
    expect(incident.deadlineRule).toBe("DEATH");
    expect(
      (await rejection(createIncident({ actor: exec, key: m.key, input: { title: "x", occurredAt: "2026-11-01", awareAt: "2026-11-02", severity: "HIGH", deadlineRule: "DEATH", description: "y" } })))
        .code,
    ).toBe("FORBIDDEN");
  });
});

describe("inventory", () => {
  it("filters by documentation and monitoring status, with counts per filter, and pages with a cursor", async () => {
    const undocumented = await listModels({ actor: exec, query: { lifecycle: "PRODUCTION", documented: "no", limit: 100 }, withFacets: true });
    expect(undocumented.total).toBe(158);
    expect(undocumented.facets?.undocumented).toBe(158);
    const second = await listModels({ actor: exec, query: { lifecycle: "PRODUCTION", documented: "no", limit: 100, cursor: undocumented.nextCursor ?? undefined } });
    const keys = [...undocumented.items, ...second.items].map((m) => m.key);
    expect(new Set(keys).size).toBe(158);
    expect(second.nextCursor).toBeNull();
    const critical = await listModels({ actor: exec, query: { monitoringStatus: "CRITICAL" } });
    expect(critical.items.map((m) => m.key)).toContain("card-fraud-detection-debit-cards");
    const byScore = await listModels({ actor: exec, query: { lifecycle: "PRODUCTION", sort: "score", limit: 300 } });
    const scores = byScore.items.map((m) => m.complianceScore ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const search = await listModels({ actor: exec, query: { q: "emotion" } });
    expect(search.items.map((m) => m.key)).toContain("contact-centre-agent-emotion-monitor");
  });
});
