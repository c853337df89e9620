// Batch monitoring pushes (POST /api/v1/monitoring-checks): many checks for many models in one
// transaction. What a batch stores must be exactly what the same checks pushed one by one store (checks,
// results, verdicts, one audit event each, a verifying chain), and a batch that cannot be stored whole
// stores nothing and names the check at fault.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { flushAuditLog } from "@/lib/audit-log/appender";
import { listAuditEvents, verifyStoredChain } from "@/lib/audit-log/queries";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { ingestMonitoringChecks, type IngestItem } from "@/lib/monitoring-checks/ingest";
import { monitoringPushSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { deleteTestModelsAfterAll } from "../support/models";

const PREFIX = `ingest-batch-${Date.now().toString(36)}-`;
const keys = [0, 1, 2, 3].map((n) => `${PREFIX}${n}`);
let admin: ModelActor;
deleteTestModelsAfterAll(PREFIX);

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email };
  for (const key of keys) await createModel({ actor: admin, input: { key, name: `Batch ${key}`, lifecycle: "DEVELOPMENT" } });
  await prisma.modelVersion.create({ data: { modelId: (await prisma.model.findUniqueOrThrow({ where: { key: keys[0]! } })).id, version: "1.0" } });
});

const item = (modelKey: string, psi: number, extra: Record<string, unknown> = {}): IngestItem => ({
  modelKey,
  push: monitoringPushSchema.parse({ metrics: [{ feature: "amount", metric: "psi", value: psi }], ...extra }),
});

/** What the database holds of the batch's models: checks, results, audit events (pending or chained). */
async function stored() {
  // the pushes' events are chained in the background: chain what is pending, then count (one place each)
  await flushAuditLog();
  const models = await prisma.model.findMany({ where: { key: { in: keys } }, select: { id: true } });
  const ids = models.map((m) => m.id);
  const [checks, results, events, pending] = await Promise.all([
    prisma.monitoringCheck.count({ where: { modelId: { in: ids } } }),
    prisma.monitoringFeatureResult.count({ where: { check: { modelId: { in: ids } } } }),
    prisma.auditEvent.count({ where: { modelId: { in: ids }, action: { startsWith: "monitoring." } } }),
    prisma.auditPending.count({ where: { modelId: { in: ids } } }),
  ]);
  return { checks, results, events: events + pending };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("ingestMonitoringChecks (a batch)", () => {
  it("stores every check of a many-model batch in order, with its results, verdicts and one audit event each", async () => {
    const before = await stored();
    const items = [item(keys[0]!, 0.05), item(keys[1]!, 0.4), item(keys[2]!, 0.15, { version: undefined }), item(keys[0]!, 0.3, { version: "1.0" }), item(keys[3]!, 0.01)];
    const out = await ingestMonitoringChecks({ actor: admin, items });
    expect(out.map((r) => [r.model, r.status])).toEqual([
      [keys[0], "HEALTHY"],
      [keys[1], "CRITICAL"],
      [keys[2], "WARNING"],
      [keys[0], "CRITICAL"],
      [keys[3], "HEALTHY"],
    ]);
    expect(out[3]!.version).toBe("1.0");
    // the verdict each answer carries is the model's stored one after the whole batch
    const models = await prisma.model.findMany({ where: { key: { in: keys } }, select: { key: true, monitoringStatus: true, monitoringConfig: { select: { features: true } } } });
    for (const r of out) expect(models.find((m) => m.key === r.model)!.monitoringStatus).toBe(r.monitoringStatus);
    // a first push configures monitoring, once per model
    expect(models.every((m) => m.monitoringConfig?.features.includes("amount"))).toBe(true);
    const after = await stored();
    expect(after.checks - before.checks).toBe(5);
    expect(after.results - before.results).toBe(5);
    // 5 checks + 4 implied monitoring configs (the first push of each model)
    expect(after.events - before.events).toBe(9);
    // the pushes' events are chained in the background; verification chains what is pending first
    const chain = await verifyStoredChain();
    expect(chain.ok).toBe(true);
    expect(chain.pending).toBe(0);
    for (const r of out) {
      const check = await prisma.monitoringCheck.findUniqueOrThrow({ where: { id: r.id }, include: { features: true, model: { select: { key: true } } } });
      expect(check.model.key).toBe(r.model);
      expect(check.features.map((f) => f.psi)).toEqual([r.features[0]!.psi]);
      expect(await prisma.auditEvent.count({ where: { entityId: r.id, action: "monitoring.check" } })).toBe(1);
    }
  });

  it("is all or nothing: a bad value, an unknown version or an unknown model in check 2 stores nothing and names check 2", async () => {
    const before = await stored();
    const bad: Array<[IngestItem, string]> = [
      [item(keys[1]!, -1), "checks.2.metrics.0.value"],
      [item(keys[1]!, 0.1, { version: "9.9" }), "checks.2.version"],
      [item("no-such-model-" + randomUUID().slice(0, 8), 0.1), "checks.2.model"],
      [item(keys[1]!, 0.1, { observedAt: new Date(Date.now() + 3_600_000).toISOString() }), "checks.2.observedAt"],
    ];
    for (const [wrong, path] of bad) {
      const e = await refusal(ingestMonitoringChecks({ actor: admin, items: [item(keys[0]!, 0.01), item(keys[1]!, 0.02), wrong, item(keys[3]!, 0.03)] }));
      expect(e.code).toBe("VALIDATION");
      expect(Object.keys(e.fieldErrors ?? {})).toEqual([path]);
      expect(e.message).toMatch(/^checks\.2: .*Nothing was stored\.$/);
    }
    expect(await stored()).toEqual(before);
  });

  it("refuses two checks of one batch for the same model, version and observedAt; a later batch replaces the stored one", async () => {
    const observedAt = new Date(Date.UTC(2026, 10, 1, 6)).toISOString();
    const e = await refusal(ingestMonitoringChecks({ actor: admin, items: [item(keys[2]!, 0.01, { observedAt }), item(keys[3]!, 0.01, { observedAt }), item(keys[2]!, 0.3, { observedAt })] }));
    expect(e.fieldErrors).toEqual({ "checks.2.observedAt": ["Repeats checks.0 (the same model, version and observedAt)."] });

    const [first] = await ingestMonitoringChecks({ actor: admin, items: [item(keys[2]!, 0.01, { observedAt }), item(keys[3]!, 0.01, { observedAt })] });
    const [again] = await ingestMonitoringChecks({ actor: admin, items: [item(keys[2]!, 0.3, { observedAt }), item(keys[3]!, 0.02)] });
    expect(await prisma.monitoringCheck.findUnique({ where: { id: first!.id } })).toBeNull();
    await flushAuditLog();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: again!.id } });
    expect(event.before).toEqual({ replaced: [{ id: first!.id, status: "HEALTHY" }] });
  });

  it("chains the pushes' events after the response, and the audit log shows them to the next reader", async () => {
    const [r] = await ingestMonitoringChecks({ actor: admin, items: [item(keys[1]!, 0.02)] });
    // no flush here: the reader itself makes sure every committed event is chained before it lists
    const page = await listAuditEvents({ actor: admin, query: { model: keys[1]!, limit: 5 } });
    expect(page.items.map((e) => e.entityId)).toContain(r!.id);
    expect(await prisma.auditPending.count({ where: { entityId: r!.id } })).toBe(0);
  });

  it("refuses a model the caller may not edit, naming the check, and stores nothing", async () => {
    const u = await prisma.user.findUniqueOrThrow({ where: { email: "auditor@northwind.example" } });
    const before = await stored();
    const e = await refusal(ingestMonitoringChecks({ actor: { id: u.id, role: u.role, email: u.email }, items: [item(keys[0]!, 0.01), item(keys[1]!, 0.01)] }));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toMatch(/^checks\.0 \(model "ingest-batch-/);
    expect(await stored()).toEqual(before);
  });

  it("batches over overlapping models in opposite orders, in parallel, all commit (one lock order: no deadlock)", async () => {
    const before = await stored();
    const orders = [keys, [...keys].reverse(), [keys[2]!, keys[0]!, keys[3]!, keys[1]!], [keys[1]!, keys[3]!, keys[0]!, keys[2]!]];
    const batches = Array.from({ length: 8 }, (_, b) => orders[b % orders.length]!.map((k, i) => item(k, ((b + i) % 5) / 100)));
    const results = await Promise.all(batches.map((items) => ingestMonitoringChecks({ actor: admin, items })));
    expect(results.flat()).toHaveLength(32);
    const after = await stored();
    expect(after.checks - before.checks).toBe(32);
    expect(after.events - before.events).toBe(32);
    expect((await verifyStoredChain()).ok).toBe(true);
  });
});

describe("POST /api/v1/monitoring-checks", () => {
  type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const post = async (token: string, body: unknown) => {
    const { POST } = (await import("@/app/api/v1/monitoring-checks/route")) as unknown as { POST: Handler };
    return POST(
      new Request("http://localhost/api/v1/monitoring-checks", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
      {
        params: Promise.resolve({}),
      },
    );
  };
  const token = async (modelKeys: string[] = []) => {
    const { createApiToken } = await import("@/lib/tokens/tokens");
    return (await createApiToken({ actor: admin, input: { name: `batch ${randomUUID()}`, scopes: ["monitoring"], modelKeys } })).token;
  };

  it("answers 201 with one result per check, in order", async () => {
    const res = await post(await token(), { checks: keys.map((model, i) => ({ model, metrics: [{ feature: "amount", metric: "psi", value: i / 10 }] })) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { checks: Array<{ model: string; status: string }> };
    expect(body.checks.map((c) => [c.model, c.status])).toEqual([
      [keys[0], "HEALTHY"],
      [keys[1], "WARNING"],
      [keys[2], "WARNING"],
      [keys[3], "CRITICAL"],
    ]);
  });

  it("a token limited to some models cannot slip another model into a batch: 403 naming the check, nothing stored", async () => {
    const before = await stored();
    const res = await post(await token([keys[0]!]), {
      checks: [
        { model: keys[0], metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] },
        { model: keys[1], metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] },
      ],
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^checks\.1: /);
    expect(await stored()).toEqual(before);
  });

  it("refuses an empty batch, too many checks, and a bad key as problem+json field errors", async () => {
    const t = await token();
    const cases: Array<[unknown, string]> = [
      [{ checks: [] }, "checks"],
      [{ checks: Array.from({ length: 501 }, () => ({ model: keys[0], metrics: [{ feature: "a", metric: "psi", value: 0 }] })) }, "checks"],
      [{ checks: [{ model: "Not A Key", metrics: [{ feature: "a", metric: "psi", value: 0 }] }] }, "checks.0.model"],
      [{ checks: [{ model: keys[0] }] }, "checks.0.features"],
    ];
    for (const [body, field] of cases) {
      const res = await post(t, body);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(Object.keys(((await res.json()) as { errors: Record<string, string[]> }).errors)).toContain(field);
    }
  });
});
