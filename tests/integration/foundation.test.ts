import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { inventorySummary, evaluateModels } from "@/lib/models/compliance";
import { DEMO_PASSWORD } from "@/prisma/seed/demo";

afterAll(() => prisma.$disconnect());

describe("migrations", () => {
  it("applied every migration in prisma/migrations to the test database, once", async () => {
    const dirs = readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const applied = await prisma.$queryRaw<Array<{ migration_name: string; finished: boolean }>>`
      SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`;
    expect(applied.map((m) => m.migration_name)).toEqual(dirs);
    expect(applied.every((m) => m.finished)).toBe(true);
  });

  it("created the tables of every core object", async () => {
    const tables = await prisma.$queryRaw<Array<{ name: string }>>`
      SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()`;
    const names = new Set(tables.map((t) => t.name));
    for (const t of [
      "User",
      "ApiToken",
      "Model",
      "ModelVersion",
      "Dataset",
      "ModelVersionDataset",
      "BiasAssessment",
      "BiasMetric",
      "MonitoringConfig",
      "MonitoringCheck",
      "MonitoringFeatureResult",
      "DocumentationSection",
      "EvidenceFile",
      "Review",
      "Incident",
      "AuditEvent",
      "DossierRecord",
    ]) {
      expect(names, t).toContain(t);
    }
  });

  it("keeps the audit log append-only in the database itself", async () => {
    await expect(prisma.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'rewritten'`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM "AuditEvent"`).rejects.toThrow(/append-only/);
  });
});

describe("the demo organisation", () => {
  it("has exactly 247 production models", async () => {
    // test files create models in development only, so this is the demo organisation's count
    expect(await prisma.model.count({ where: { lifecycle: "PRODUCTION" } })).toBe(247);
  });

  it("has 89 documented and 158 undocumented production models by the engine's own rules", async () => {
    const summary = await inventorySummary();
    expect(summary.productionModels).toBe(247);
    expect(summary.documented).toBe(89);
    expect(summary.undocumented).toBe(158);
  });

  it("stores the engine's verdict on each model, so SQL counts agree with the engine", async () => {
    expect(await prisma.model.count({ where: { lifecycle: "PRODUCTION", undocumented: true } })).toBe(158);
    expect(await prisma.model.count({ where: { lifecycle: "PRODUCTION", undocumented: false } })).toBe(89);
    const fraud = await prisma.model.findUniqueOrThrow({ where: { key: "card-fraud-detection-debit-cards" } });
    expect(fraud.monitoringStatus).toBe("CRITICAL");
    expect(fraud.complianceScore).toBe(100);
    const skew = await prisma.model.findUniqueOrThrow({ where: { key: "instant-payments-fraud-screening-sepa" } });
    expect(skew.openItems).toContain("MLOPS_TRAINING_SERVING_SKEW");
  });

  it("tells the background article's stories", async () => {
    const evaluated = await evaluateModels({ where: { lifecycle: "PRODUCTION" } });
    const byKey = new Map(evaluated.map((e) => [e.facts.key, e.result]));
    expect(byKey.get("card-fraud-detection-debit-cards")?.monitoringStatus).toBe("CRITICAL");
    expect(byKey.get("atm-cash-demand-forecasting-uk")?.monitoringStatus).toBe("STALE");
    const skew = byKey.get("instant-payments-fraud-screening-sepa");
    expect(skew?.items.find((i) => i.id === "MLOPS_TRAINING_SERVING_SKEW")?.status).toBe("missing");
    const drill = byKey.get("merchant-risk-scoring-online-retail");
    expect(drill?.items.find((i) => i.id === "MLOPS_ROLLBACK_DRILL")?.status).toBe("missing");
    const hr = evaluated.find((e) => e.facts.key === "contact-centre-agent-emotion-monitor");
    expect(hr?.facts.classification.riskClass).toBe("PROHIBITED");
    expect(hr?.result.findings.some((f) => f.severity === "CRITICAL")).toBe(true);
  });

  it("has one demo user per role", async () => {
    const users = await prisma.user.findMany({ where: { email: { in: ["admin", "compliance", "owner", "exec", "auditor"].map((l) => `${l}@northwind.example`) } } });
    expect(users.map((u) => u.role).sort()).toEqual(["ADMIN", "AUDITOR", "COMPLIANCE_OFFICER", "EXECUTIVE", "MODEL_OWNER"]);
  });
});

describe("sign-in (credentials provider)", () => {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>) => Promise<unknown> } };
  const authorize = (email: string, password: string) => provider.options.authorize({ email, password });

  it("accepts a demo user with the demo password", async () => {
    expect(await authorize("owner@northwind.example", DEMO_PASSWORD)).toMatchObject({ email: "owner@northwind.example", role: "MODEL_OWNER" });
  });
  it("accepts the email in any case", async () => {
    expect(await authorize("Owner@Northwind.Example", DEMO_PASSWORD)).toMatchObject({ email: "owner@northwind.example" });
  });
  it("refuses a wrong password", async () => {
    expect(await authorize("owner@northwind.example", "not-the-password")).toBeNull();
  });
  it("refuses an unknown user", async () => {
    expect(await authorize("nobody@northwind.example", DEMO_PASSWORD)).toBeNull();
  });
  it("refuses an account that has no password (SSO-only owners)", async () => {
    expect(await authorize("hannah.schmidt@northwind.example", "!")).toBeNull();
  });
  it("refuses malformed input", async () => {
    expect(await authorize("not-an-email", "")).toBeNull();
  });
});
