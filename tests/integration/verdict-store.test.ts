// The stored verdict is rewritten only when it changes or was stored before today (lib/models/compliance.ts
// storeVerdicts): a monitoring push that leaves it as it was writes no new version of the Model row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { refreshOutdatedCompliance } from "@/lib/models/compliance";
import { ingestMonitoringCheck } from "@/lib/monitoring-checks/ingest";
import { monitoringPushSchema } from "@/lib/api/schemas";

const key = `verdict-store-${Date.now().toString(36)}`;
let admin: ModelActor & { email: string };
beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email };
  await createModel({ actor: admin, input: { key, name: "verdict store", lifecycle: "DEVELOPMENT" } });
});
afterAll(async () => {
  await prisma.model.deleteMany({ where: { key } });
  await prisma.$disconnect();
});

/** The row version (xmin changes with every write of the row) and the stored verdict. */
const stored = async () => {
  const [row] = await prisma.$queryRaw<Array<{ version: string; status: string; evaluatedAt: Date }>>`
    SELECT xmin::text AS version, "monitoringStatus"::text AS status, "complianceEvaluatedAt" AS "evaluatedAt" FROM "Model" WHERE "key" = ${key}`;
  return row!;
};
const push = (psi: number) => ingestMonitoringCheck({ actor: admin, modelKey: key, push: monitoringPushSchema.parse({ metrics: [{ feature: "amount", metric: "psi", value: psi }] }) });

describe("storing verdicts", () => {
  it("a push that changes the verdict rewrites it; one that does not leaves the row alone; a verdict from yesterday is stored again", async () => {
    expect((await push(0.5)).monitoringStatus).toBe("CRITICAL");
    const critical = await stored();
    expect(critical.status).toBe("CRITICAL");

    // the same verdict again: not one write of the Model row
    expect((await push(0.6)).monitoringStatus).toBe("CRITICAL");
    expect(await stored()).toEqual(critical);

    // a change is stored at once
    expect((await push(0.01)).monitoringStatus).toBe("HEALTHY");
    const healthy = await stored();
    expect(healthy.status).toBe("HEALTHY");
    expect(healthy.version).not.toBe(critical.version);
    expect(healthy.evaluatedAt.getTime()).toBeGreaterThanOrEqual(critical.evaluatedAt.getTime());

    // stored yesterday: the next evaluation writes it again (the daily refresh finds it, and so does a push)
    await prisma.$executeRaw`UPDATE "Model" SET "complianceEvaluatedAt" = "complianceEvaluatedAt" - interval '1 day' WHERE "key" = ${key}`;
    expect((await push(0.02)).monitoringStatus).toBe("HEALTHY");
    const refreshed = await stored();
    expect(refreshed.evaluatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await prisma.$executeRaw`UPDATE "Model" SET "complianceEvaluatedAt" = "complianceEvaluatedAt" - interval '1 day' WHERE "key" = ${key}`;
    await refreshOutdatedCompliance();
    expect((await stored()).evaluatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
