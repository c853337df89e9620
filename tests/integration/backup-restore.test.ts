// Restore drill: back up, wipe, restore with the real `npm run backup` / `npm run restore` scripts, for
// both kinds of database, then check that every row of every table is back byte for byte (models,
// documentation, evidence files, dossier records, audit events, …) and that the audit chain verifies.
// - PostgreSQL server: a cluster owned by this test (initdb + pg_ctl), the demo organisation loaded,
//   plus evidence files, issued dossiers and audit events; pg_dump / pg_restore.
// - Embedded: a PGlite data folder in a temporary directory; its own tarball format.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit-log/record";
import type { Tx } from "@/lib/db";
import { bin, migrateDeploy, run } from "@/scripts/lib/run";
import { freePort } from "@/scripts/lib/free-port";
import { startEmbeddedPostgres } from "@/scripts/embedded-db";
import { createTestCluster, type TestCluster } from "../support/pg-cluster";

const work = mkdtempSync(join(tmpdir(), "dossier-drill-"));
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(work, { recursive: true, force: true });
});

const clientFor = (url: string) => new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });

/** Run an npm script of the project (the real command an operator types) and return its exit code and output. */
function npmScript(script: "backup" | "restore", args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin("tsx"), [`scripts/${script}.ts`, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `npm run audit:verify` on that database: chains pending events, recomputes every hash, exit 1 if broken. */
function auditVerify(databaseUrl: string): Promise<{ code: number; verdict: { ok: boolean; checked: number } }> {
  return new Promise((resolve) => {
    const child = spawn(bin("tsx"), ["--conditions=react-server", "scripts/audit-chain.ts", "verify"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => resolve({ code: code ?? 1, verdict: JSON.parse(output.slice(output.indexOf("{"))) as { ok: boolean; checked: number } }));
  });
}

/** One digest per table of the public schema over all its rows: equal digests = equal contents. */
async function fingerprint(db: PrismaClient): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<Array<{ rows: number; digest: string | null }>>(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${name}" t`,
    );
    out[name] = { rows: row!.rows, digest: row!.digest ?? "" };
  }
  return out;
}

/** Evidence files, issued dossiers and audit events (the demo has none of the first two). */
async function addRecords(db: PrismaClient) {
  const user = (await db.user.findFirst({ where: { role: "ADMIN" } })) ?? (await db.user.create({ data: { email: "drill@example.test", name: "Drill", role: "ADMIN", passwordHash: "x" } }));
  for (let i = 0; i < 5; i++) {
    await db.$transaction(async (tx) => {
      const model = await tx.model.create({ data: { key: `drill-model-${i}`, name: `Drill model ${i}`, environments: ["prod"], legalBasis: [], transparencyDuties: [], openItems: [] } });
      await recordAudit(tx as unknown as Tx, {
        actor: { id: user.id, label: user.email },
        action: "model.create",
        entityType: "Model",
        entityId: model.id,
        modelId: model.id,
        after: { key: model.key, name: model.name },
      });
      const section = await tx.documentationSection.create({
        data: { modelId: model.id, sectionKey: "annex4.1", content: `Section ${i} — ünïcödé, "quotes", ; and \\ backslash`, status: "COMPLETE", updatedById: user.id },
      });
      const bytes = randomBytes(64 * 1024 + i);
      await tx.evidenceFile.create({
        data: {
          sectionId: section.id,
          fileName: `evidence-${i}.bin`,
          size: bytes.length,
          mediaType: "application/octet-stream",
          sha256: createHash("sha256").update(bytes).digest("hex"),
          content: bytes,
          uploadedById: user.id,
        },
      });
      const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(4096)]);
      const record = await tx.dossierRecord.create({
        data: {
          kind: "MODEL_DOSSIER",
          modelId: model.id,
          parameters: { modelKey: model.key },
          generatedById: user.id,
          sha256: createHash("sha256").update(pdf).digest("hex"),
          fileName: `${model.key}.pdf`,
          mediaType: "application/pdf",
          byteSize: pdf.length,
          content: pdf,
        },
      });
      await recordAudit(tx as unknown as Tx, {
        actor: { id: user.id, label: user.email },
        action: "dossier.generate",
        entityType: "DossierRecord",
        entityId: record.id,
        modelId: model.id,
        after: { sha256: record.sha256 },
      });
    });
  }
}

/** What the drill promises: everything is back and provably the same. */
async function expectRestored(db: PrismaClient, url: string, before: Awaited<ReturnType<typeof fingerprint>>) {
  expect(await fingerprint(db)).toEqual(before);
  for (const t of ["Model", "DocumentationSection", "EvidenceFile", "DossierRecord", "AuditEvent"]) expect(before[t]?.rows, t).toBeGreaterThan(0);
  for (const f of await db.evidenceFile.findMany()) expect(createHash("sha256").update(f.content).digest("hex")).toBe(f.sha256);
  for (const d of await db.dossierRecord.findMany()) expect(createHash("sha256").update(d.content).digest("hex")).toBe(d.sha256);
  const verified = await auditVerify(url);
  expect(verified.code, JSON.stringify(verified.verdict)).toBe(0);
  expect(verified.verdict).toMatchObject({ ok: true, checked: before.AuditEvent!.rows });
}

/** Audit events are chained by an appender after their writer commits: chain them (and check) before backing up. */
async function chainAndVerify(url: string) {
  const verified = await auditVerify(url);
  expect(verified.code, JSON.stringify(verified.verdict)).toBe(0);
  expect(verified.verdict.checked).toBeGreaterThan(0);
}

describe("restore drill", () => {
  it("PostgreSQL server: backup (pg_dump), wipe, restore (pg_restore) — every row back, audit chain verifies", async () => {
    const cluster: TestCluster = await createTestCluster();
    cleanups.push(() => cluster.destroy());
    const admin = clientFor(cluster.url);
    cleanups.push(() => admin.$disconnect());
    await admin.$executeRawUnsafe("CREATE DATABASE dossier");
    const url = cluster.url.replace(/\/postgres$/, "/dossier");
    const env = { ...process.env, DATABASE_URL: url };
    expect(await migrateDeploy(env)).toBe(0);
    expect(await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts", "--if-empty"], env)).toBe(0);
    let db = clientFor(url);
    await addRecords(db);
    await chainAndVerify(url);
    const before = await fingerprint(db);
    await db.$disconnect();

    const file = join(work, "server.dump");
    const backedUp = await npmScript("backup", ["--out", file], env);
    expect(backedUp.code, backedUp.output).toBe(0);
    expect(JSON.parse(backedUp.output.trim().split("\n").at(-1)!)).toMatchObject({ kind: "pg_dump", file });

    // wipe: the database is gone
    await admin.$executeRawUnsafe("DROP DATABASE dossier WITH (FORCE)");
    await admin.$executeRawUnsafe("CREATE DATABASE dossier");
    const restored = await npmScript("restore", [file], env);
    expect(restored.code, restored.output).toBe(0);
    db = clientFor(url);
    try {
      await expectRestored(db, url, before);
      // a database holding data is not overwritten by accident …
      const refused = await npmScript("restore", [file], env);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/not empty: pass --replace/);
      // … and with --replace, what it held is saved first, then replaced
      await db.model.update({ where: { key: "drill-model-0" }, data: { name: "changed after the backup" } });
      await db.$disconnect();
      const replaced = await npmScript("restore", [file, "--replace"], env);
      expect(replaced.code, replaced.output).toBe(0);
      const savedPrevious = (
        JSON.parse(
          replaced.output
            .trim()
            .split("\n")
            .find((l) => l.startsWith("{"))!,
        ) as { savedPrevious: string }
      ).savedPrevious;
      expect(existsSync(savedPrevious)).toBe(true);
      db = clientFor(url);
      await expectRestored(db, url, before);
    } finally {
      await db.$disconnect();
    }
    // the migrations still apply cleanly on the restored database (nothing pending, nothing broken)
    expect(await migrateDeploy(env)).toBe(0);
  }, 240_000);

  it("embedded database: backup (data folder tarball), wipe, restore — every row back, audit chain verifies", async () => {
    const dataRoot = join(work, "embedded");
    const port = await freePort();
    let server = await startEmbeddedPostgres({ dataDir: join(dataRoot, "pglite"), port });
    cleanups.push(() => server.stop().catch(() => undefined));
    const env: NodeJS.ProcessEnv = { ...process.env, DOSSIER_DATA_DIR: dataRoot, PGLITE_PORT: String(port) };
    delete env.DATABASE_URL;
    expect(await migrateDeploy({ ...env, DATABASE_URL: server.url })).toBe(0);
    let db = clientFor(server.url);
    await addRecords(db);
    await chainAndVerify(server.url);
    const before = await fingerprint(db);
    await db.$disconnect();

    // while the embedded database is served, a backup is refused with a clear message
    const busy = await npmScript("backup", ["--out", join(work, "busy.tar.gz")], env);
    expect(busy.code).toBe(1);
    expect(busy.output).toMatch(/in use .* stop it first/);

    await server.stop();
    const file = join(work, "embedded.tar.gz");
    const backedUp = await npmScript("backup", ["--out", file], env);
    expect(backedUp.code, backedUp.output).toBe(0);
    rmSync(join(dataRoot, "pglite"), { recursive: true, force: true });
    const restored = await npmScript("restore", [file], env);
    expect(restored.code, restored.output).toBe(0);

    server = await startEmbeddedPostgres({ dataDir: join(dataRoot, "pglite"), port });
    db = clientFor(server.url);
    try {
      await expectRestored(db, server.url, before);
    } finally {
      await db.$disconnect();
      await server.stop();
    }
  }, 240_000);
});
