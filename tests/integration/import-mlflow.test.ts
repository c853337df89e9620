import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runImport } from "@/lib/imports/run-import";
import type { ModelActor } from "@/lib/models/mutations";
import { fixtureKeyPrefix, mlflowExport } from "../fixtures/imports/mlflow-export";
import { actorOf } from "../support/actors";

const PREFIX = `ImpMl${Date.now().toString(36)}`;
const keyPrefix = fixtureKeyPrefix(PREFIX);
let admin: ModelActor;
let owner: ModelActor;
let exec: ModelActor;

beforeAll(async () => {
  admin = await actorOf("admin@northwind.example");
  owner = await actorOf("owner@northwind.example");
  exec = await actorOf("exec@northwind.example");
});
afterAll(async () => {
  // the demo's counts are asserted by other suites: remove every model this file created
  await prisma.model.deleteMany({ where: { key: { startsWith: keyPrefix } } });
  await prisma.$disconnect();
});

describe("MLflow registry import of 300 models", () => {
  const payload = mlflowExport({ count: 300, prefix: PREFIX });

  it("a dry run reports 300 creations and writes nothing", async () => {
    const report = await runImport({ actor: admin, format: "mlflow", payload, dryRun: true });
    expect(report.summary).toEqual({ created: 300, updated: 0, unchanged: 0, rejected: 0 });
    expect(await prisma.model.count({ where: { key: { startsWith: keyPrefix } } })).toBe(0);
  });

  it("creates 300 unclassified models with mapped lifecycles, versions and audit events", async () => {
    const auditBefore = await prisma.auditEvent.count();
    const report = await runImport({ actor: admin, format: "mlflow", payload, dryRun: false });
    expect(report.summary).toEqual({ created: 300, updated: 0, unchanged: 0, rejected: 0 });
    const models = await prisma.model.findMany({ where: { key: { startsWith: keyPrefix } }, include: { versions: true }, orderBy: { key: "asc" } });
    expect(models).toHaveLength(300);
    expect(new Set(models.map((m) => m.riskClass))).toEqual(new Set(["UNCLASSIFIED"]));
    const m0 = models.find((m) => m.key === `${keyPrefix}000`)!; // alias style, champion on v1
    expect(m0.lifecycle).toBe("PRODUCTION");
    const m1 = models.find((m) => m.key === `${keyPrefix}001`)!; // staging on v2
    expect(m1.lifecycle).toBe("VALIDATION");
    const m2 = models.find((m) => m.key === `${keyPrefix}002`)!; // all archived
    expect(m2.lifecycle).toBe("RETIRED");
    const m3 = models.find((m) => m.key === `${keyPrefix}003`)!; // no stage
    expect(m3.lifecycle).toBe("DEVELOPMENT");
    const m4 = models.find((m) => m.key === `${keyPrefix}004`)!; // production on v2 of 2
    expect(m4.lifecycle).toBe("PRODUCTION");
    expect(m4.versions.map((v) => [v.version, v.active, v.registryUri, v.stage]).sort()).toEqual([
      ["1", false, `models:/${PREFIX} Model 004/1`, "Archived"],
      ["2", true, `models:/${PREFIX} Model 004/2`, "Production"],
    ]);
    expect(m4.complianceEvaluatedAt).not.toBeNull();
    expect(await prisma.auditEvent.count()).toBe(auditBefore + 300);
  });

  it("a second import of the same export updates nothing and writes nothing", async () => {
    const before = await prisma.model.findMany({ where: { key: { startsWith: keyPrefix } }, select: { key: true, revision: true, updatedAt: true }, orderBy: { key: "asc" } });
    const auditBefore = await prisma.auditEvent.count();
    const report = await runImport({ actor: admin, format: "mlflow", payload, dryRun: false });
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: 300, rejected: 0 });
    const after = await prisma.model.findMany({ where: { key: { startsWith: keyPrefix } }, select: { key: true, revision: true, updatedAt: true }, orderBy: { key: "asc" } });
    expect(after).toEqual(before);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });

  it("a promotion in MLflow updates exactly that model's lifecycle and active version", async () => {
    const next = mlflowExport({ count: 300, prefix: PREFIX });
    const v = next.modelVersions.model_versions.find((x) => x.name === `${PREFIX} Model 001` && x.version === "2")!;
    v.current_stage = "Production";
    const report = await runImport({ actor: admin, format: "mlflow", payload: next, dryRun: false });
    expect(report.summary).toEqual({ created: 0, updated: 1, unchanged: 299, rejected: 0 });
    const row = report.rows.find((r) => r.outcome === "updated")!;
    expect(row.key).toBe(`${keyPrefix}001`);
    expect(row.changes).toEqual(expect.arrayContaining(["lifecycle", "version 2.stage", "version 2.active"]));
    const m = await prisma.model.findUniqueOrThrow({ where: { key: `${keyPrefix}001` }, include: { versions: { where: { active: true } } } });
    expect(m.lifecycle).toBe("PRODUCTION");
    expect(m.versions.map((x) => x.version)).toEqual(["2"]);
  });
});

describe("MLflow import edge cases", () => {
  it("rejects a name whose key collides with another in the same file, and keeps the first", async () => {
    const payload = { registeredModels: { registered_models: [{ name: `${PREFIX} Model 900` }, { name: `${PREFIX.toLowerCase()}_model_900` }] } };
    const report = await runImport({ actor: admin, format: "mlflow", payload, dryRun: true });
    expect(report.rows.map((r) => r.outcome)).toEqual(["created", "rejected"]);
    expect(report.rows[1]!.reasons[0]).toMatch(/collides/);
  });

  it("an owner's new models name them as technical owner; an executive may not import", async () => {
    const payload = { registeredModels: { registered_models: [{ name: `${PREFIX} Model 901` }] } };
    const report = await runImport({ actor: owner, format: "mlflow", payload, dryRun: false });
    expect(report.summary.created).toBe(1);
    const m = await prisma.model.findUniqueOrThrow({ where: { key: `${keyPrefix}901` } });
    expect(m.technicalOwnerId).toBe(owner.id);
    await expect(runImport({ actor: exec, format: "mlflow", payload, dryRun: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an owner cannot update a model someone else owns: that row is rejected", async () => {
    // the admin's imports have no owners at all
    const other = await prisma.model.findFirstOrThrow({ where: { businessOwnerId: null, technicalOwnerId: null, key: { startsWith: keyPrefix } } });
    const name = (await prisma.model.findUniqueOrThrow({ where: { id: other.id } })).name;
    const report = await runImport({ actor: owner, format: "mlflow", payload: { registeredModels: { registered_models: [{ name, description: "hijack" }] } }, dryRun: false });
    expect(report.rows[0]!.outcome).toBe("rejected");
    expect(report.rows[0]!.reasons.join(" ")).toMatch(/may not edit/);
  });

  it("an invalid shape is a validation error with field paths", async () => {
    const e = await runImport({ actor: admin, format: "mlflow", payload: { registeredModels: { registered_models: [{ nom: "x" }] } }, dryRun: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(Object.keys((e as AppError).fieldErrors ?? {})[0]).toMatch(/registeredModels/);
  });
});
