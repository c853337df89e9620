// export → import into an EMPTY database → export gives the same JSON (apart from exportedAt), and a
// second import of the same file changes nothing. The empty database is created and dropped here.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, prisma } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { exportInventory } from "@/lib/exports/inventory";
import { runImport } from "@/lib/imports/run-import";
import { migrateDeploy } from "../../scripts/lib/run";
import { emptyDatabaseBeside, type EmptyDatabase } from "../../scripts/lib/empty-database";

let empty: EmptyDatabase;
let target: PrismaClient;

beforeAll(async () => {
  // a database of its own (beside an embedded test database: a second embedded instance, since
  // PGlite has only one database)
  empty = await emptyDatabaseBeside(process.env.TEST_DATABASE_URL!, `rt_${Date.now().toString(36)}`);
  if ((await migrateDeploy({ ...process.env, DATABASE_URL: empty.url })) !== 0) throw new Error("migrate deploy failed");
  target = createPrismaClient(empty.url, 4);
  // an import never creates users: the people the export refers to exist in the target first
  const users = await prisma.user.findMany();
  await target.user.createMany({ data: users });
}, 180_000);

afterAll(async () => {
  await target?.$disconnect();
  await empty?.drop();
  await prisma.$disconnect();
});

describe("inventory JSON round trip", () => {
  it("export → import into an empty database → export is identical apart from exportedAt", async () => {
    const first = await exportInventory();
    expect(first.models.length).toBeGreaterThanOrEqual(285);
    // the demo's richer facts really are in the file (so the comparison below means something)
    expect(first.models.some((m) => m.classification.answers !== null)).toBe(true);
    expect(first.models.some((m) => m.versions.some((v) => v.biasAssessments.some((a) => a.metrics.length > 0)))).toBe(true);
    expect(first.models.some((m) => m.monitoring.checks.some((c) => c.features.length > 0))).toBe(true);
    expect(first.models.some((m) => m.incidents.length > 0)).toBe(true);
    expect(first.datasets.length).toBeGreaterThan(0);
    // the demo has no evidence files: give one section a file holding every byte value (bytea round trip)
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const section = first.models.flatMap((m) => m.sections).find((s) => s.evidence.length === 0)!;
    section.evidence.push({
      fileName: "every-byte.bin",
      size: bytes.length,
      mediaType: "application/octet-stream",
      sha256: createHash("sha256").update(bytes).digest("hex"),
      contentBase64: bytes.toString("base64"),
      uploadedByEmail: first.people[0]!.email,
      uploadedAt: "2026-03-04T05:06:07.089Z",
    });

    const actor = await target.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
    const payload = JSON.parse(JSON.stringify(first)) as unknown;
    const report = await runImport({ actor: { id: actor.id, role: actor.role, email: actor.email }, format: "inventory", payload, dryRun: false, db: target });
    expect(report.summary.rejected).toBe(0);
    expect(report.summary.created).toBe(first.models.length + first.datasets.length);

    const second = await exportInventory({ db: target });
    expect({ ...second, exportedAt: "x" }).toEqual({ ...first, exportedAt: "x" });
    // and the derived verdicts agree: same production and undocumented counts
    const count = (db: PrismaClient) => Promise.all([db.model.count({ where: { lifecycle: "PRODUCTION" } }), db.model.count({ where: { lifecycle: "PRODUCTION", undocumented: true } })]);
    expect(await count(target)).toEqual(await count(prisma as unknown as PrismaClient));
  }, 600_000);

  it("importing the same export again reports everything unchanged and writes nothing", async () => {
    const doc = await exportInventory({ db: target });
    const actor = await target.user.findUniqueOrThrow({ where: { email: "compliance@northwind.example" } });
    const audit = await target.auditEvent.count();
    const report = await runImport({ actor: { id: actor.id, role: actor.role, email: actor.email }, format: "inventory", payload: JSON.parse(JSON.stringify(doc)), dryRun: false, db: target });
    expect(report.summary).toEqual({ created: 0, updated: 0, unchanged: doc.models.length + doc.datasets.length, rejected: 0 });
    expect(await target.auditEvent.count()).toBe(audit);
  }, 300_000);

  it("a changed incident and a new section update only that model; nothing is deleted", async () => {
    const doc = await exportInventory({ db: target });
    const model = doc.models.find((m) => m.incidents.length > 0)!;
    model.incidents[0]!.correctiveActions = "Retrained with corrected labels";
    const sectionCount = model.sections.length;
    const actor = await target.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
    const report = await runImport({
      actor: { id: actor.id, role: actor.role, email: actor.email },
      format: "inventory",
      payload: { ...doc, datasets: [], models: [{ ...model, sections: [] }] },
      dryRun: false,
      db: target,
    });
    expect(report.rows).toEqual([expect.objectContaining({ key: model.key, outcome: "updated", changes: ["incidents"] })]);
    const after = (await exportInventory({ db: target })).models.find((m) => m.key === model.key)!;
    expect(after.incidents[0]!.correctiveActions).toBe("Retrained with corrected labels");
    expect(after.sections).toHaveLength(sectionCount);
  }, 120_000);
});
