// Backup and restore of a server database at scale: BENCH_DATABASE_URL (a THROWAWAY database) is
// migrated and filled with [models] generated models (the demo's organisation is not needed), plus
// [mb] MB of evidence files; then `backup` (pg_dump) and `restore` (pg_restore, into <db>_restored,
// created and dropped here) are timed. Prints one JSON object.
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench npx tsx scripts/bench/backup-restore.ts 10000 100
import { randomBytes, createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { prepareBenchDatabase, generateBenchModels } from "./lib/generate-models";
import { backup, restore } from "../lib/backup";

const { url, models } = await prepareBenchDatabase();
const evidenceMb = Number(process.argv[3] ?? 100);
const client = new pg.Client({ connectionString: url });
await client.connect();
const exec = (sql: string) => client.query(sql);
await generateBenchModels({ $executeRawUnsafe: exec }, models);
await exec(`INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES (gen_random_uuid(), 'bench@example.test', 'Bench', 'ADMIN', 'x', now()) ON CONFLICT DO NOTHING`);
// one documentation section with a 1 MB evidence file on each of the first `evidenceMb` models
for (let i = 1; i <= evidenceMb; i++) {
  const bytes = randomBytes(1024 * 1024);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "DocumentationSection" (id, "modelId", "sectionKey", content, status) SELECT gen_random_uuid(), id, 'annex4.2', 'bench', 'COMPLETE' FROM "Model" WHERE key = $1
     ON CONFLICT ("modelId", "sectionKey") DO UPDATE SET content = 'bench' RETURNING id`,
    [`bench-${i}`],
  );
  await client.query(`DELETE FROM "EvidenceFile" WHERE "sectionId" = $1`, [rows[0]!.id]);
  await client.query(
    `INSERT INTO "EvidenceFile" (id, "sectionId", "fileName", size, "mediaType", sha256, content) VALUES (gen_random_uuid(), $1, 'bench.bin', $2, 'application/octet-stream', $3, $4)`,
    [rows[0]!.id, bytes.length, createHash("sha256").update(bytes).digest("hex"), bytes],
  );
}
const { rows: size } = await client.query<{ bytes: string }>(`SELECT pg_database_size(current_database())::text AS bytes`);
const target = new URL(url);
const restoredName = `${target.pathname.slice(1)}_restored`;
await exec(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
await exec(`CREATE DATABASE "${restoredName}"`);
target.pathname = `/${restoredName}`;

const dir = mkdtempSync(join(tmpdir(), "dossier-bench-backup-"));
try {
  let t = performance.now();
  const made = await backup({ out: join(dir, "bench.dump"), env: { ...process.env, DATABASE_URL: url } });
  const backupMs = performance.now() - t;
  t = performance.now();
  await restore({ file: made.file, env: { ...process.env, DATABASE_URL: target.href } });
  const restoreMs = performance.now() - t;
  const check = new pg.Client({ connectionString: target.href });
  await check.connect();
  const { rows: counts } = await check.query<{ models: number; evidence: number }>(`SELECT (SELECT count(*)::int FROM "Model") AS models, (SELECT count(*)::int FROM "EvidenceFile") AS evidence`);
  await check.end();
  console.log(
    JSON.stringify({
      models,
      evidenceFiles: evidenceMb,
      databaseBytes: Number(size[0]!.bytes),
      backupBytes: made.bytes,
      backupMs: Math.round(backupMs),
      restoreMs: Math.round(restoreMs),
      restored: counts[0],
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await exec(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
  await client.end();
}
