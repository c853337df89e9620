// The audit chain on a real PostgreSQL: canonical hashing of the stored bytes, verification that reports
// every broken link, re-anchoring of legacy chains, refusal of what the log cannot store, and the
// group-commit path under concurrency (issue 10 items 1, 13 audit chain).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, recordAuditBatch } from "@/lib/audit-log/record";
import { BACKGROUND_CHAIN_DELAY_MS, appendPendingIn, chainBeforeRead, flushAuditLog, settleFlushes } from "@/lib/audit-log/appender";
import { reanchorIn, verifyStoredChain } from "@/lib/audit-log/queries";
import { eventHash } from "@/lib/audit-log/chain";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { upsertModel } from "@/lib/models/upsert";
import { ingestMonitoringCheck } from "@/lib/monitoring-checks/ingest";
import { monitoringPushSchema } from "@/lib/api/schemas";

const run = Date.now().toString(36);
const key = (s: string) => `audit-${s}-${run}`;
let admin: ModelActor & { email: string };

/** Roll back whatever the callback did (tampering tests must not damage the shared test database). */
class Rollback extends Error {}
async function inRolledBackTx(fn: (tx: Tx) => Promise<void>) {
  await expect(
    prisma.$transaction(
      async (tx) => {
        await fn(tx);
        throw new Rollback();
      },
      { timeout: 120_000 },
    ),
  ).rejects.toBeInstanceOf(Rollback);
}

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email };
});
afterAll(async () => {
  await prisma.model.deleteMany({ where: { key: { startsWith: "audit-", endsWith: run } } });
  await prisma.$disconnect();
});

const lastEventText = async (entityId: string) => {
  // monitoring pushes chain their events in the background: read the log as its readers do
  await chainBeforeRead();
  const [row] = await prisma.$queryRaw<Array<{ seq: bigint; after: string }>>`SELECT "seq", "after"::text AS after FROM "AuditEvent" WHERE "entityId" = ${entityId} ORDER BY "seq" DESC LIMIT 1`;
  return row;
};

describe("canonical hashing: the hash covers the bytes stored and read back", () => {
  it("a metric of 0.30000000000000004 is stored exactly and the chain verifies", async () => {
    const k = key("sig17");
    await createModel({ actor: admin, input: { key: k, name: "17 digits", lifecycle: "DEVELOPMENT" } });
    const out = await ingestMonitoringCheck({ actor: admin, modelKey: k, push: monitoringPushSchema.parse({ metrics: [{ feature: "f", metric: "psi", value: 0.30000000000000004 }] }) });
    expect(out.features[0]!.psi).toBe(0.30000000000000004);
    const event = await lastEventText(out.id);
    expect(event?.after).toContain("0.30000000000000004");
    const verdict = await verifyStoredChain();
    expect(verdict.breaks).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.pending).toBe(0);
  });

  it("1.7976931348623157e308 (the largest double) is stored exactly, not a 500 or a silent null", async () => {
    const k = key("maxdbl");
    await createModel({ actor: admin, input: { key: k, name: "max double", lifecycle: "DEVELOPMENT" } });
    const out = await ingestMonitoringCheck({
      actor: admin,
      modelKey: k,
      push: monitoringPushSchema.parse({
        metrics: [
          { feature: "f", metric: "auc", value: 1.7976931348623157e308 },
          { feature: "g", metric: "wasserstein", value: 5e-324 },
        ],
      }),
    });
    const event = await lastEventText(out.id);
    expect(event).toBeDefined();
    const stored = await prisma.monitoringFeatureResult.findMany({ where: { checkId: out.id }, orderBy: { feature: "asc" } });
    expect(stored.map((r) => r.metricValue ?? r.wasserstein)).toEqual([1.7976931348623157e308, 5e-324]);
    expect((await verifyStoredChain()).ok).toBe(true);
  });

  it("raw-sample statistics (17 significant digits) keep the chain intact", async () => {
    const k = key("raw");
    await createModel({ actor: admin, input: { key: k, name: "raw samples", lifecycle: "DEVELOPMENT" } });
    for (let i = 0; i < 5; i++) {
      const reference = Array.from({ length: 300 }, (_, j) => Math.sin(j * (i + 1)) * 10 + j / 7);
      const current = reference.map((x, j) => x * (1.1 + i / 10) + (j % 3));
      await ingestMonitoringCheck({ actor: admin, modelKey: k, push: monitoringPushSchema.parse({ features: [{ name: "x", type: "numeric", reference, current }] }) });
    }
    expect((await verifyStoredChain()).breaks).toEqual([]);
  });

  it("a value the log cannot store exactly is refused with a 422 naming its path, and nothing is written", async () => {
    const unit = `audit-unit-${run}`;
    const attempt = prisma.$transaction(async (tx) => {
      await tx.businessUnit.create({ data: { name: unit } });
      await recordAudit(tx, { actor: { id: admin.id, label: admin.email }, action: "test.unstorable", entityType: "BusinessUnit", entityId: unit, after: { values: [1, Number.NaN] } });
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("VALIDATION");
    expect(Object.keys((error as AppError).fieldErrors ?? {})).toEqual(["after.values.1"]);
    expect(await prisma.businessUnit.count({ where: { name: unit } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entityId: unit } })).toBe(0);
    const lone = await prisma
      .$transaction((tx) => recordAudit(tx, { actor: { id: null, label: "t" }, action: "test.unstorable", entityType: "X", entityId: unit, after: { s: "a\ud800b" } }))
      .catch((e: unknown) => e);
    expect((lone as AppError).code).toBe("VALIDATION");
    expect(await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "AuditPending" WHERE "entityId" = ${unit}`).toEqual([{ n: 0 }]);
  });
});

describe("verification reports every broken link", () => {
  it("two altered events and a removed one are all reported, in order", async () => {
    await inRolledBackTx(async (tx) => {
      // the log is append-only (a trigger refuses UPDATE/DELETE): tamper as an attacker with the
      // database's superuser would, inside a transaction this test rolls back
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      const seqs = (await tx.$queryRaw<Array<{ seq: bigint }>>`SELECT "seq" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 9`).map((r) => r.seq).reverse();
      expect(seqs.length).toBe(9);
      await tx.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE "seq" = ${seqs[1]}`;
      await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${seqs[4]}`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "after" = '{"forged": 0.30000000000000004}'::jsonb WHERE "seq" = ${seqs[7]}`;
      const v = await verifyStoredChain(tx);
      expect(v.ok).toBe(false);
      expect(v.breaks.map((b) => [b.seq, b.kind])).toEqual([
        [String(seqs[1]), "content"],
        [String(seqs[5]), "link"],
        [String(seqs[7]), "content"],
      ]);
      expect(v.breakCount).toBe(3);
    });
    expect((await verifyStoredChain()).ok).toBe(true);
  });

  it("a chain written by the earlier writer is re-anchored by an audited event, never rewritten", async () => {
    await inRolledBackTx(async (tx) => {
      // what the earlier writer did: hash 0.30000000000000004, store 0.3 (Prisma's Json serialiser)
      await appendPendingIn(tx);
      const [head] = await tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`;
      const seq = head!.seq + 1n;
      const at = new Date(Math.floor(Date.now() / 1000) * 1000);
      const fields = {
        seq,
        at,
        actorId: null,
        actorLabel: "legacy",
        action: "monitoring.check",
        entityType: "MonitoringCheck",
        entityId: "legacy",
        modelId: null,
        before: null,
        after: { psi: 0.30000000000000004 },
      };
      const hash = eventHash(head!.hash, fields);
      await tx.$executeRaw`
        INSERT INTO "AuditEvent" ("seq", "at", "actorLabel", "action", "entityType", "entityId", "after", "prevHash", "hash")
        VALUES (${seq}, ${at}, 'legacy', 'monitoring.check', 'MonitoringCheck', 'legacy', '{"psi": 0.3}'::jsonb, ${head!.hash}, ${hash})`;
      const before = await verifyStoredChain(tx);
      expect(before.breaks.map((b) => b.seq)).toEqual([String(seq)]);

      const anchor = await reanchorIn(tx, { actor: admin, reason: "upgrade to canonical hashing (issue 10)" });
      expect(anchor?.acknowledged).toEqual([String(seq)]);
      await appendPendingIn(tx);
      const after = await verifyStoredChain(tx);
      expect(after).toMatchObject({ ok: true, breaks: [], acknowledged: [String(seq)] });
      // the legacy row is untouched and the re-anchoring is itself an event of the chain
      const [legacy] = await tx.$queryRaw<Array<{ after: string; hash: string }>>`SELECT "after"::text AS after, "hash" FROM "AuditEvent" WHERE "seq" = ${seq}`;
      expect(legacy).toEqual({ after: '{"psi": 0.3}', hash });
      const [reanchor] = await tx.$queryRaw<Array<{ action: string; actorLabel: string }>>`SELECT "action", "actorLabel" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`;
      expect(reanchor).toEqual({ action: "audit.reanchor", actorLabel: admin.email });
      // a later alteration is still reported: re-anchoring acknowledges only what it listed
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'mallory' WHERE "seq" = ${seq - 1n}`;
      expect((await verifyStoredChain(tx)).breaks.map((b) => b.seq)).toEqual([String(seq - 1n)]);
    });
  });
});

describe("group commit: the batched path loses nothing under concurrency", () => {
  it("36 parallel writers of three kinds: every event present exactly once, nothing pending, chain verifies", async () => {
    const keys = [key("gc-a"), key("gc-b"), key("gc-c")];
    for (const k of keys) await createModel({ actor: admin, input: { key: k, name: `group commit ${k}`, lifecycle: "DEVELOPMENT" } });
    const pushes = Array.from({ length: 24 }, (_, i) =>
      ingestMonitoringCheck({
        actor: admin,
        modelKey: keys[i % 3]!,
        push: monitoringPushSchema.parse({ observedAt: new Date(Date.now() - i * 60_000).toISOString(), metrics: [{ feature: "f", metric: "psi", value: i / 100 }] }),
      }),
    );
    const puts = Array.from({ length: 6 }, (_, i) => upsertModel({ actor: admin, key: keys[i % 3]!, input: { name: `renamed ${i}`, lifecycle: "DEVELOPMENT" } }));
    const batches = Array.from({ length: 6 }, (_, i) =>
      prisma.$transaction(
        async (tx) =>
          recordAuditBatch(
            tx,
            Array.from({ length: 25 }, (_, j) => ({ actor: { id: admin.id, label: admin.email }, action: "test.batch", entityType: "Test", entityId: `gc-${run}-${i}-${j}`, after: { i, j } })),
          ),
        { maxWait: 30_000 },
      ),
    );
    const [checks] = await Promise.all([Promise.all(pushes), Promise.all(puts), Promise.all(batches)]);
    // the pushes chain in the background: read the log as its readers do
    await chainBeforeRead();
    const ids = checks.map((c) => c.id);
    const counts = await prisma.auditEvent.groupBy({ by: ["entityId"], where: { entityId: { in: ids } }, _count: true });
    expect(counts.length).toBe(24);
    expect(counts.every((c) => c._count === 1)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: "test.batch", entityId: { startsWith: `gc-${run}-` } } })).toBe(150);
    const modelIds = (await prisma.model.findMany({ where: { key: { in: keys } }, select: { id: true } })).map((m) => m.id);
    const updates = await prisma.auditEvent.count({ where: { action: "model.update", modelId: { in: modelIds } } });
    expect(updates).toBeGreaterThanOrEqual(3);
    expect(updates).toBeLessThanOrEqual(6);
    const verdict = await verifyStoredChain();
    expect(verdict).toMatchObject({ ok: true, pending: 0 });
    // seq is dense: no gap, no duplicate
    const [gaps] = await prisma.$queryRaw<Array<{ n: number; span: number }>>`SELECT count(*)::int AS n, (max("seq") - min("seq") + 1)::int AS span FROM "AuditEvent"`;
    expect(gaps!.n).toBe(gaps!.span);
  });

  it("pushes one after another share one background pass: nothing runs before the window ends, then one pass chains them all", async () => {
    const k = key("soon");
    await createModel({ actor: admin, input: { key: k, name: "background window", lifecycle: "DEVELOPMENT" } });
    await settleFlushes();
    // only the appender's timer is faked: the database, the pool and Prisma run as they do
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const transactions = vi.spyOn(prisma, "$transaction");
    try {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const out = await ingestMonitoringCheck({ actor: admin, modelKey: k, push: monitoringPushSchema.parse({ metrics: [{ feature: "f", metric: "psi", value: i / 10 }] }) });
        ids.push(out.id);
      }
      expect(transactions).toHaveBeenCalledTimes(10); // the pushes' own transactions, no appender pass yet
      vi.advanceTimersByTime(BACKGROUND_CHAIN_DELAY_MS);
      vi.useRealTimers();
      await settleFlushes();
      expect(transactions).toHaveBeenCalledTimes(11); // one pass for the ten
      const chained = await prisma.auditEvent.groupBy({ by: ["entityId"], where: { entityId: { in: ids } }, _count: true });
      expect(chained.map((c) => c._count)).toEqual(Array(10).fill(1));
      expect((await verifyStoredChain()).ok).toBe(true);
    } finally {
      vi.useRealTimers();
      transactions.mockRestore();
    }
  });

  it("flushAuditLog shares passes between concurrent callers and chains what was pending", async () => {
    await prisma.$executeRaw`INSERT INTO "AuditPending" ("at", "actorLabel", "action", "entityType", "entityId", "after") VALUES (now(), 'crashed writer', 'test.orphan', 'Test', ${`orphan-${run}`}, '{"n": 0.30000000000000004}'::jsonb)`;
    await Promise.all(Array.from({ length: 8 }, () => flushAuditLog()));
    expect(await prisma.auditEvent.count({ where: { entityId: `orphan-${run}` } })).toBe(1);
    expect((await verifyStoredChain()).ok).toBe(true);
  });
});
