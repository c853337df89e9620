import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { ingestMonitoringCheck } from "@/lib/monitoring-checks/ingest";
import { computeDrift } from "@/lib/monitoring/drift";
import { monitoringPushSchema } from "@/lib/api/schemas";

const key = `api-ingest-${Date.now().toString(36)}`;
let admin: ModelActor;

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email };
  await createModel({ actor: admin, input: { key, name: "Ingest integration", lifecycle: "DEVELOPMENT" } });
});
afterAll(async () => {
  await prisma.model.deleteMany({ where: { key } });
  await prisma.$disconnect();
});

describe("ingestMonitoringCheck", () => {
  it("concurrent first pushes all succeed and create exactly one monitoring config", async () => {
    const push = monitoringPushSchema.parse({ metrics: [{ feature: "amount", metric: "psi", value: 0.05 }] });
    const results = await Promise.all(Array.from({ length: 4 }, () => ingestMonitoringCheck({ actor: admin, modelKey: key, push })));
    expect(results.map((r) => r.status)).toEqual(["HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY"]);
    const model = await prisma.model.findUniqueOrThrow({ where: { key }, include: { monitoringConfig: true, _count: { select: { monitoringChecks: true } } } });
    expect(model.monitoringConfig?.features).toEqual(["amount"]);
    expect(model._count.monitoringChecks).toBe(4);
    expect(model.monitoringStatus).toBe("HEALTHY");
  });

  it("stores the engine's statistics for raw samples and moves the cached status to CRITICAL and back", async () => {
    const reference = Array.from({ length: 2000 }, (_, i) => (i % 97) + Math.sin(i));
    const current = reference.map((x) => x * 1.5 + 10);
    const expected = computeDrift(reference, current, "numeric");
    // observed now: later than the first test's checks, so it is the latest whatever the machine's speed
    const push = monitoringPushSchema.parse({ observedAt: new Date().toISOString(), features: [{ name: "amount", type: "numeric", reference, current }] });
    const out = await ingestMonitoringCheck({ actor: admin, modelKey: key, push });
    expect(out.status).toBe("CRITICAL");
    expect(out.monitoringStatus).toBe("CRITICAL");
    const stored = await prisma.monitoringFeatureResult.findFirstOrThrow({ where: { checkId: out.id } });
    expect(stored).toMatchObject({ psi: expected.psi, ksStatistic: expected.ks.statistic, wasserstein: expected.wasserstein, status: "CRITICAL" });
    // a tiny p-value may lose its last binary digit in PostgreSQL's float8 text round trip
    expect(Math.abs((stored.ksPValue ?? 0) - expected.ks.pValue) / expected.ks.pValue).toBeLessThan(1e-12);
    const clear = await ingestMonitoringCheck({ actor: admin, modelKey: key, push: monitoringPushSchema.parse({ metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] }) });
    expect(clear.monitoringStatus).toBe("HEALTHY");
    expect((await prisma.model.findUniqueOrThrow({ where: { key } })).monitoringStatus).toBe("HEALTHY");
  });
});
