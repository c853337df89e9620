// Issue 14: versions and incidents are corrected in place (optimistic locking) or withdrawn (kept in the
// history), audited with before and after; the engine, the Art. 73 clocks and an approved review follow;
// the inventory export carries the withdrawal and older files without it still import. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { type ModelActor } from "@/lib/models/mutations";
import { correctVersion, createVersion, recordRollbackDrill, updateVersion, withdrawVersion } from "@/lib/versions/versions";
import { correctIncident, createIncident, withdrawIncident } from "@/lib/incidents/incidents";
import { evaluateModel } from "@/lib/models/compliance";
import { createBiasAssessment } from "@/lib/bias/assessments";
import { officerWorklist } from "@/lib/home/home";
import { loadModelDocs } from "@/lib/exports/inventory";
import { runImport } from "@/lib/imports/run-import";
import { INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION } from "@/lib/exports/format";
import { getModelDossierData } from "@/lib/dossier/get-model-dossier-data";
import { actorOf } from "../support/actors";
import { approveModel, createTestModel, latestReview, retireTestModels } from "../support/models";

const run = Date.now().toString(36);
let owner: ModelActor, officer: ModelActor, auditor: ModelActor;
const newModel = (name: string) => createTestModel(owner, `test-corr-${name}-${run}`, `Correct ${name} ${run}`);

beforeAll(async () => {
  owner = await actorOf("owner@northwind.example");
  officer = await actorOf("compliance@northwind.example");
  auditor = await actorOf("auditor@northwind.example");
});
afterAll(async () => {
  await retireTestModels("test-corr-");
  await prisma.$disconnect();
});

describe("correcting and withdrawing a version", () => {
  it("a corrected drill counts with its new values, reopens the approval it moves, and the history keeps both", async () => {
    const m = await newModel("drill");
    await createVersion({ actor: owner, modelKey: m.key, input: { version: "1.0.0", active: true } });
    const v = await recordRollbackDrill({ actor: owner, modelKey: m.key, version: "1.0.0", input: { performedAt: new Date(), minutes: 5 } });
    const drillItem = async () => (await evaluateModel(m.key))!.result.items.find((i) => i.id === "MLOPS_ROLLBACK_DRILL")!.status;
    expect(await drillItem()).toBe("complete");
    await approveModel(owner, officer, m.key);

    // the drill really took 45 minutes: the engine follows, and the approval no longer describes the model
    const corrected = await correctVersion({
      actor: officer,
      modelKey: m.key,
      version: "1.0.0",
      input: { revision: v.revision, reason: "The drill took 45 minutes, not 5.", lastRollbackDrillAt: v.lastRollbackDrillAt, lastRollbackDrillMinutes: 45, stage: "production" },
    });
    expect(corrected).toMatchObject({ revision: v.revision + 1, lastRollbackDrillMinutes: 45, stage: "production" });
    expect(await drillItem()).not.toBe("complete");
    expect((await latestReview(m.id)).status).toBe("REOPENED");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "version.correct", entityId: v.id } });
    expect(event.actorId).toBe(officer.id);
    expect(event.before).toMatchObject({ lastRollbackDrillMinutes: 5, revision: v.revision });
    expect(event.after).toMatchObject({ lastRollbackDrillMinutes: 45, reason: "The drill took 45 minutes, not 5." });
  });

  it("a stale revision is refused with a clear message and changes nothing; a forbidden role is refused", async () => {
    const m = await newModel("stale");
    const v = await createVersion({ actor: owner, modelKey: m.key, input: { version: "2.0.0", stage: "staging" } });
    await correctVersion({ actor: owner, modelKey: m.key, version: "2.0.0", input: { revision: v.revision, reason: "Wrong stage.", stage: "production" } });
    const stale = await correctVersion({ actor: officer, modelKey: m.key, version: "2.0.0", input: { revision: v.revision, reason: "Mine.", stage: "canary" } }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect((stale as Error).message).toMatch(/Someone else changed version "2.0.0".*Nothing was overwritten/);
    expect((await prisma.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).stage).toBe("production");
    await expect(correctVersion({ actor: auditor, modelKey: m.key, version: "2.0.0", input: { revision: v.revision + 1, reason: "x", stage: "y" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // a correction without a reason, or with half a drill, is a field error
    await expect(correctVersion({ actor: owner, modelKey: m.key, version: "2.0.0", input: { revision: v.revision + 1, reason: " " } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { reason: expect.any(Array) },
    });
    await expect(correctVersion({ actor: owner, modelKey: m.key, version: "2.0.0", input: { revision: v.revision + 1, reason: "x", lastRollbackDrillAt: "2026-01-02" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { lastRollbackDrillMinutes: expect.any(Array) },
    });
  });

  it("a withdrawn active version stops serving: the engine sees no version, it cannot be re-activated or corrected, and it stays in the history", async () => {
    const m = await newModel("withdraw");
    const v = await createVersion({ actor: owner, modelKey: m.key, input: { version: "3.0.0", active: true } });
    expect((await evaluateModel(m.key))!.facts.activeVersion?.version).toBe("3.0.0");
    const w = await withdrawVersion({ actor: officer, modelKey: m.key, version: "3.0.0", input: { revision: v.revision, reason: "Registered against the wrong model." } });
    expect(w).toMatchObject({ active: false, withdrawalReason: "Registered against the wrong model.", revision: v.revision + 1 });
    expect(w.withdrawnAt).toBeInstanceOf(Date);
    expect((await evaluateModel(m.key))!.facts.activeVersion).toBeNull();
    await expect(updateVersion({ actor: owner, modelKey: m.key, version: "3.0.0", input: { active: true } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateVersion({ actor: owner, modelKey: m.key, version: "3.0.0", input: { stage: "prod" } })).rejects.toMatchObject({ code: "CONFLICT" });
    // nothing new hangs off it either
    await expect(
      createBiasAssessment({
        actor: owner,
        key: m.key,
        input: {
          version: "3.0.0",
          assessedAt: "2026-11-01",
          methodology: "m",
          protectedAttributes: ["age"],
          status: "FINAL",
          metrics: [{ metric: "disparate_impact_ratio", group: "a/b", value: 0.9, threshold: 0.8 }],
        },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { version: ["This version was withdrawn."] } });
    await expect(correctVersion({ actor: owner, modelKey: m.key, version: "3.0.0", input: { revision: w.revision, reason: "x", stage: "y" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(recordRollbackDrill({ actor: owner, modelKey: m.key, version: "3.0.0", input: { performedAt: new Date(), minutes: 3 } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.modelVersion.count({ where: { modelId: m.id } })).toBe(1);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "version.withdraw", entityId: v.id } });
    expect(event.before).toMatchObject({ active: true, withdrawnAt: null });
    expect(event.after).toMatchObject({ active: false, withdrawalReason: "Registered against the wrong model." });
  });
});

describe("correcting and withdrawing an incident", () => {
  const input = {
    title: "Wrong declines",
    occurredAt: new Date(Date.now() - 3 * 86_400_000),
    awareAt: new Date(Date.now() - 2 * 86_400_000),
    severity: "SERIOUS",
    deadlineRule: "STANDARD",
    description: "Declined eligible applicants.",
  };

  it("a corrected incident counts with its new values; a withdrawn one leaves the officer's clocks; both audited", async () => {
    const m = await newModel("incident");
    const created = await createIncident({ actor: owner, key: m.key, input });
    const clockOf = async () => (await officerWorklist({ actor: officer })).clocks.find((c) => c.id === created.id);
    expect((await clockOf())?.rule).toBe("STANDARD");

    const corrected = await correctIncident({
      actor: owner,
      id: created.id,
      input: { ...input, deadlineRule: "DEATH", revision: created.revision, reason: "A person died; the 10-day rule applies." },
    });
    expect(corrected).toMatchObject({ deadlineRule: "DEATH", revision: created.revision + 1 });
    expect(await clockOf()).toMatchObject({ rule: "DEATH", days: 10 });
    const correction = await prisma.auditEvent.findFirstOrThrow({ where: { action: "incident.correct", entityId: created.id } });
    expect(correction.before).toMatchObject({ deadlineRule: "STANDARD" });
    expect(correction.after).toMatchObject({ deadlineRule: "DEATH", reason: "A person died; the 10-day rule applies." });

    // the form still holds the old revision: refused, nothing changed
    await expect(withdrawIncident({ actor: officer, id: created.id, input: { revision: created.revision, reason: "Duplicate." } })).rejects.toMatchObject({ code: "CONFLICT" });
    await withdrawIncident({ actor: officer, id: created.id, input: { revision: corrected.revision, reason: "Duplicate of an earlier report." } });
    expect(await clockOf()).toBeUndefined();
    const row = await prisma.incident.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ withdrawalReason: "Duplicate of an earlier report.", withdrawnById: officer.id, deadlineRule: "DEATH" });
    await expect(correctIncident({ actor: owner, id: created.id, input: { ...input, revision: row.revision, reason: "x" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(withdrawIncident({ actor: auditor, id: created.id, input: { revision: row.revision, reason: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // the dates keep their order in a correction too
    await expect(correctIncident({ actor: owner, id: created.id, input: { ...input, awareAt: new Date(Date.now() - 9 * 86_400_000), revision: row.revision, reason: "x" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { awareAt: expect.any(Array) },
    });
  });
});

describe("the inventory export carries withdrawals", () => {
  it("export → import under a new key keeps the version and the incident withdrawn; an older file without the fields still imports", async () => {
    const m = await newModel("export");
    const v = await createVersion({ actor: owner, modelKey: m.key, input: { version: "1.0.0", active: true } });
    await withdrawVersion({ actor: owner, modelKey: m.key, version: "1.0.0", input: { revision: v.revision, reason: "Wrong registry entry." } });
    const i = await createIncident({
      actor: owner,
      key: m.key,
      input: { title: "Outage", occurredAt: "2026-11-01", awareAt: "2026-11-02", severity: "LOW", deadlineRule: "STANDARD", description: "Down." },
    });
    await withdrawIncident({ actor: owner, id: i.id, input: { revision: i.revision, reason: "Not an incident." } });
    // the dossier states what holds: neither withdrawn record is in it
    const dossier = await getModelDossierData({ actor: { ...officer, name: "Officer" }, modelKey: m.key, recordId: "test" });
    expect(dossier.versions).toEqual([]);
    expect(dossier.incidents).toEqual([]);
    const [doc] = await loadModelDocs(prisma, { key: m.key });
    expect(doc!.versions[0]).toMatchObject({ withdrawnAt: expect.any(String), withdrawalReason: "Wrong registry entry.", active: false });
    expect(doc!.incidents[0]).toMatchObject({ withdrawnAt: expect.any(String), withdrawalReason: "Not an incident." });

    const copyKey = `${m.key}-copy`;
    const payload = JSON.parse(
      JSON.stringify({ format: INVENTORY_FORMAT, formatVersion: INVENTORY_FORMAT_VERSION, exportedAt: new Date().toISOString(), datasets: [], models: [{ ...doc, key: copyKey }] }),
    );
    const admin = await actorOf("admin@northwind.example");
    const report = await runImport({ actor: admin, format: "inventory", payload, dryRun: false });
    expect(report.summary.rejected).toBe(0);
    const [copy] = await loadModelDocs(prisma, { key: copyKey });
    expect({ ...copy, key: m.key }).toEqual(doc);

    // a file written before withdrawals existed: no withdrawnAt / withdrawalReason anywhere
    const oldKey = `${m.key}-old`;
    const strip = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== "withdrawnAt" && k !== "withdrawalReason"));
    const old = { ...doc!, key: oldKey, versions: doc!.versions.map((x) => ({ ...strip(x), biasAssessments: [] })), incidents: doc!.incidents.map(strip) };
    const oldReport = await runImport({ actor: admin, format: "inventory", payload: { ...payload, models: [old] }, dryRun: false });
    expect(oldReport.summary).toMatchObject({ rejected: 0, created: 1 });
    const imported = await prisma.model.findUniqueOrThrow({ where: { key: oldKey }, include: { versions: true, incidents: true } });
    expect(imported.versions[0]!.withdrawnAt).toBeNull();
    expect(imported.incidents[0]!.withdrawnAt).toBeNull();
  });
});
