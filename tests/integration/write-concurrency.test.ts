// Concurrency of the audited write paths (issue 10 items 2, 3 and 14): one lock order (no 40P01
// deadlock), PUT without a revision serialises instead of failing, concurrent creates of one key give
// one "created" and the rest "unchanged", a re-push of the same observation replaces it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { upsertModel } from "@/lib/models/upsert";
import { ingestMonitoringCheck } from "@/lib/monitoring-checks/ingest";
import { monitoringPushSchema } from "@/lib/api/schemas";
import { flushAuditLog } from "@/lib/audit-log/appender";
import { verifyStoredChain } from "@/lib/audit-log/queries";

const run = Date.now().toString(36);
const key = (s: string) => `conc-${s}-${run}`;
let admin: ModelActor & { email: string };

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email };
});
afterAll(async () => {
  await prisma.model.deleteMany({ where: { key: { startsWith: "conc-", endsWith: run } } });
  await prisma.$disconnect();
});

const push = (value: number, observedAt?: Date) =>
  monitoringPushSchema.parse({ ...(observedAt ? { observedAt: observedAt.toISOString() } : {}), metrics: [{ feature: "amount", metric: "psi", value }] });

describe("one lock order", () => {
  it("a model's first monitoring push racing a PUT of the same model: both succeed, 30 rounds", async () => {
    const failures: string[] = [];
    for (let round = 0; round < 30; round++) {
      const k = key(`race${round}`);
      await createModel({ actor: admin, input: { key: k, name: "race", lifecycle: "DEVELOPMENT" } });
      const outcomes = await Promise.allSettled([
        ingestMonitoringCheck({ actor: admin, modelKey: k, push: push(0.3) }),
        upsertModel({ actor: admin, key: k, input: { name: `race ${round}`, lifecycle: "DEVELOPMENT", description: "edited" } }),
      ]);
      for (const o of outcomes) if (o.status === "rejected") failures.push(String(o.reason));
      const model = await prisma.model.findUniqueOrThrow({ where: { key: k }, include: { monitoringConfig: true } });
      expect(model.name).toBe(`race ${round}`);
      expect(model.monitoringStatus).toBe("CRITICAL");
      expect(model.monitoringConfig).not.toBeNull();
    }
    expect(failures).toEqual([]);
  });
});

describe("PUT /api/v1/models/{key} under concurrency", () => {
  it("20 parallel PUTs without a revision all apply, in some order, each audited", async () => {
    const k = key("put20");
    await createModel({ actor: admin, input: { key: k, name: "put20", lifecycle: "DEVELOPMENT" } });
    const before = await prisma.model.findUniqueOrThrow({ where: { key: k } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => upsertModel({ actor: admin, key: k, input: { name: "put20", lifecycle: "DEVELOPMENT", description: `writer ${i}` } })),
    );
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const applied = outcomes.map((o) => (o as PromiseFulfilledResult<{ outcome: string }>).value.outcome);
    expect(applied.every((o) => o === "updated")).toBe(true);
    const after = await prisma.model.findUniqueOrThrow({ where: { key: k } });
    expect(after.revision).toBe(before.revision + 20);
    expect(await prisma.auditEvent.count({ where: { action: "model.update", modelId: after.id } })).toBe(20);
  });

  it("a stale pinned revision is still a 409 and changes nothing", async () => {
    const k = key("stale");
    await createModel({ actor: admin, input: { key: k, name: "stale", lifecycle: "DEVELOPMENT" } });
    const { revision } = await prisma.model.findUniqueOrThrow({ where: { key: k } });
    await upsertModel({ actor: admin, key: k, input: { name: "stale", lifecycle: "DEVELOPMENT", description: "first" } });
    await expect(upsertModel({ actor: admin, key: k, input: { name: "stale", lifecycle: "DEVELOPMENT", description: "second", revision } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await prisma.model.findUniqueOrThrow({ where: { key: k } })).description).toBe("first");
  });

  it("20 concurrent creates of one new key: one created, the other 19 applied as updates, nothing refused", async () => {
    const k = key("create20");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => upsertModel({ actor: admin, key: k, input: { name: "created once", lifecycle: "DEVELOPMENT", description: `creator ${i}` } })),
    );
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const values = outcomes.map((o) => (o as PromiseFulfilledResult<{ outcome: string }>).value.outcome);
    expect(values.filter((v) => v === "created")).toHaveLength(1);
    expect(values.filter((v) => v === "updated")).toHaveLength(19);
    const model = await prisma.model.findUniqueOrThrow({ where: { key: k } });
    expect(await prisma.auditEvent.count({ where: { action: "model.create", modelId: model.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "model.update", modelId: model.id } })).toBe(19);
  });

  it("20 concurrent identical creates: one created, the rest unchanged", async () => {
    const k = key("same20");
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => upsertModel({ actor: admin, key: k, input: { name: "created once", lifecycle: "DEVELOPMENT" } })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["created", ...Array<string>(19).fill("unchanged")]);
  });
});

describe("a re-push of the same observation (item 14)", () => {
  it("the later-received check decides; the earlier one is replaced and the replacement audited", async () => {
    const k = key("repush");
    await createModel({ actor: admin, input: { key: k, name: "repush", lifecycle: "DEVELOPMENT" } });
    const at = new Date(Date.now() - 60_000);
    const first = await ingestMonitoringCheck({ actor: admin, modelKey: k, push: push(0.01, at) });
    expect(first.monitoringStatus).toBe("HEALTHY");
    const second = await ingestMonitoringCheck({ actor: admin, modelKey: k, push: push(0.4, at) });
    expect(second).toMatchObject({ status: "CRITICAL", monitoringStatus: "CRITICAL" });
    const model = await prisma.model.findUniqueOrThrow({ where: { key: k }, include: { monitoringChecks: true } });
    expect(model.monitoringStatus).toBe("CRITICAL");
    expect(model.monitoringChecks.map((c) => c.id)).toEqual([second.id]);
    // a push's event is chained after the response: chain what is pending, as the log's readers do
    await flushAuditLog();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: second.id } });
    expect(event.before).toEqual({ replaced: [{ id: first.id, status: "HEALTHY" }] });
  });

  it("10 concurrent re-pushes of one observation: one check stays and the model agrees with it and with each answer", async () => {
    const k = key("repush10");
    await createModel({ actor: admin, input: { key: k, name: "repush10", lifecycle: "DEVELOPMENT" } });
    const at = new Date(Date.now() - 60_000);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ingestMonitoringCheck({ actor: admin, modelKey: k, push: push(i % 2 ? 0.4 : 0.01, at) })));
    for (const a of answers) expect(a.monitoringStatus).toBe(a.status);
    const model = await prisma.model.findUniqueOrThrow({ where: { key: k }, include: { monitoringChecks: true } });
    expect(model.monitoringChecks).toHaveLength(1);
    expect(model.monitoringStatus).toBe(model.monitoringChecks[0]!.status);
    expect((await verifyStoredChain()).ok).toBe(true);
  });
});
