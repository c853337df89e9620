// Benchmark: a year of history. Generates models × days daily monitoring checks (2 per-feature results
// each), one audit event per check and a year of overview snapshots, by set-based SQL (INSERT … SELECT
// generate_series), then times what the pages read: the model page, the overview (90-day trend), the
// inventory (with facets) and the audit-log page (first page, a page deep in the log, one model's
// history). Target p95 < 300 ms each.
// Generation is a bulk load: the three big tables' indexes, primary keys and foreign keys are dropped
// for the INSERTs and built afterwards (one sort per index instead of millions of random B-tree inserts
// and per-row foreign-key checks), on one session with synchronous_commit off and a large
// maintenance_work_mem. The rows are those the per-row inserts would write; the indexes end the same.
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench_history \
//          npx tsx --conditions=react-server scripts/bench/history.ts [models=10000] [iterations=30] [days=365]
// BENCH_REUSE=1 skips generation and times the data already in the database (e.g. after a change to a
// read path; the sizes printed are those counted in the database).
// The database is THROWAWAY (emptied). The generated audit events are NOT hash-chained (the chain is
// not what is measured here; audit-chain.ts measures it): do not run the verifier on this database.
import { loadavg } from "node:os";
import pg from "pg";
import { generateBenchModels, prepareBenchDatabase, timeIt } from "./lib/generate-models";

const { url, models, iterations } = await prepareBenchDatabase();
const days = Number(process.argv[4] ?? 365);
const reuse = process.env.BENCH_REUSE === "1";

const { prisma } = await import("../../lib/db");
const { getModelDetail } = await import("../../lib/models/detail");
const { getOverview } = await import("../../lib/dashboard/overview");
const { listModels, inventoryQuerySchema } = await import("../../lib/models/queries");
const { listAuditEvents, auditQuerySchema } = await import("../../lib/audit-log/queries");

const generation: Record<string, number> = {};
if (!reuse) {
  // one session of its own: its settings (no statement timeout, bulk-load memory) hold for every statement
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`SET statement_timeout = 0`);
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(`SET work_mem = '256MB'`);
  const step = async (name: string, sql: string) => {
    const t0 = performance.now();
    await db.query(sql);
    generation[name] = (generation[name] ?? 0) + Math.round(performance.now() - t0);
  };
  const t0 = performance.now();
  await generateBenchModels({ $executeRawUnsafe: (sql: string) => db.query(sql) }, models);
  generation.models = Math.round(performance.now() - t0);
  await db.query(`TRUNCATE "MonitoringCheck", "MonitoringFeatureResult", "AuditPending" CASCADE`);
  // AuditEvent is append-only (a trigger refuses TRUNCATE): the bench database starts empty or is dropped between runs
  const [{ n: existingEvents } = { n: 0 }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows;

  // the bulk-loaded tables' keys and indexes, as the migrations made them, to drop now and rebuild after
  const tables = `'"MonitoringCheck"'::regclass, '"MonitoringFeatureResult"'::regclass, '"AuditEvent"'::regclass`;
  type Def = { tbl: string; name: string; def: string };
  const foreignKeys = (
    await db.query<Def>(
      `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE contype = 'f' AND (conrelid IN (${tables}) OR confrelid IN (${tables})) ORDER BY 1, 2`,
    )
  ).rows;
  const primaryKeys = (
    await db.query<Def>(
      `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'p' AND conrelid IN (${tables}) ORDER BY 1, 2`,
    )
  ).rows;
  const indexes = (
    await db.query<Def>(
      `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
       WHERE i.indrelid IN (${tables}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')) ORDER BY 1, 2`,
    )
  ).rows;
  for (const fk of foreignKeys) await db.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
  for (const pk of primaryKeys) await db.query(`ALTER TABLE ${pk.tbl} DROP CONSTRAINT ${pk.name}`);
  for (const ix of indexes) await db.query(`DROP INDEX ${ix.name}`);
  try {
    await step(
      "checks",
      `INSERT INTO "MonitoringCheck" (id, "modelId", "observedAt", status, "createdAt")
       SELECT gen_random_uuid(), m.id, date_trunc('day', now()) - d * interval '1 day' + interval '6 hours',
         (CASE WHEN (hashint4(d) # hashint4(substr(m.key, 7)::int)) & 31 = 0 THEN 'CRITICAL' WHEN (hashint4(d + 7) # hashint4(substr(m.key, 7)::int)) & 15 = 0 THEN 'WARNING' ELSE 'HEALTHY' END)::"CheckStatus",
         date_trunc('day', now()) - d * interval '1 day' + interval '6 hours'
       FROM "Model" m CROSS JOIN generate_series(0, ${days - 1}) AS d`,
    );
    await step(
      "featureResults",
      `INSERT INTO "MonitoringFeatureResult" (id, "checkId", feature, psi, "ksStatistic", wasserstein, status)
       SELECT gen_random_uuid(), c.id, f, 0.01 + ((hashtext(f || c.id::text) & 1023) / 4096.0), 0.05, 0.1, c.status
       FROM "MonitoringCheck" c CROSS JOIN unnest(ARRAY['income', 'age']) AS f`,
    );
    if (existingEvents === 0) {
      await step(
        "auditEvents",
        `INSERT INTO "AuditEvent" (seq, at, "actorLabel", action, "entityType", "entityId", "modelId", after, "prevHash", hash)
         SELECT row_number() OVER (ORDER BY c."observedAt", c.id), c."observedAt", 'pipeline@bench', 'monitoring.push', 'MonitoringCheck', c.id::text, c."modelId",
           jsonb_build_object('status', c.status), 'bench', md5(c.id::text) || md5(c."modelId"::text)
         FROM "MonitoringCheck" c`,
      );
    }
  } finally {
    // rebuilt even if an INSERT failed: the database keeps the migrations' shape
    for (const pk of primaryKeys) await step("indexes", `ALTER TABLE ${pk.tbl} ADD CONSTRAINT ${pk.name} ${pk.def}`);
    for (const ix of indexes) await step("indexes", ix.def);
    for (const fk of foreignKeys) await step("foreignKeys", `ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def}`);
  }
  await step(
    "snapshots",
    `INSERT INTO "InventorySnapshot" (day, "productionModels", documented, undocumented, monitoring, "byRiskClass")
     SELECT (date_trunc('day', now()) - d * interval '1 day')::date, ${models}, ${models} / 3 + d, ${models} - ${models} / 3 - d,
       jsonb_build_object('HEALTHY', ${models} / 2, 'CRITICAL', 10 + d % 7), '{}'::jsonb
     FROM generate_series(1, ${days - 1}) AS d ON CONFLICT (day) DO NOTHING`,
  );
  await step("analyze", `ANALYZE`);
  // the timed reads do not share the disk with the load's write-back (CHECKPOINT needs pg_checkpoint: best effort)
  await step("checkpoint", `CHECKPOINT`).catch((e: unknown) => console.error("no CHECKPOINT:", e instanceof Error ? e.message : e));
  generation.total = Math.round(performance.now() - t0);
  await db.end();
}

const counts = (
  await prisma.$queryRawUnsafe<Array<Record<string, number>>>(
    `SELECT (SELECT count(*) FROM "Model")::int AS models, (SELECT count(*) FROM "MonitoringCheck")::int AS checks,
     (SELECT count(*) FROM "MonitoringFeatureResult")::int AS "featureResults", (SELECT count(*) FROM "AuditEvent")::int AS "auditEvents"`,
  )
)[0];

const admin = { id: "00000000-0000-4000-8000-000000000000", role: "ADMIN" as const };
let i = 0;
const someKey = () => `bench-${1 + ((i++ * 7919) % models)}`;
const [{ mid } = { mid: "0" }] = await prisma.$queryRawUnsafe<Array<{ mid: string }>>(`SELECT (max(seq) / 2)::text AS mid FROM "AuditEvent"`);
const timings = {
  modelPage: await timeIt(() => getModelDetail({ actor: admin, key: someKey() }), iterations),
  overview90DayTrend: await timeIt(() => getOverview({ trendDays: 90 }), iterations),
  inventoryWithFacets: await timeIt(() => listModels({ actor: admin, query: inventoryQuerySchema.parse({ monitoringStatus: "CRITICAL" }), withFacets: true }), iterations),
  auditLogFirstPage: await timeIt(() => listAuditEvents({ actor: admin, query: auditQuerySchema.parse({}) }), iterations),
  auditLogDeepPage: await timeIt(() => listAuditEvents({ actor: admin, query: auditQuerySchema.parse({ before: mid }) }), iterations),
  auditLogOneModel: await timeIt(() => listAuditEvents({ actor: admin, query: auditQuerySchema.parse({ model: someKey() }) }), iterations),
};
// the machine's ceiling in the same minute: raw SQL of what each page needs at least, on the same pool
const rawModelPage = async () => {
  const key = someKey();
  const [m] = await prisma.$queryRawUnsafe<Array<{ id: string }>>(`SELECT id::text AS id FROM "Model" WHERE key = $1`, key);
  await Promise.all([
    prisma.$queryRawUnsafe(
      `SELECT c.*, (SELECT json_agg(f) FROM "MonitoringFeatureResult" f WHERE f."checkId" = c.id) AS features FROM "MonitoringCheck" c WHERE c."modelId" = $1::uuid ORDER BY c."observedAt" DESC, c."createdAt" DESC LIMIT 12`,
      m!.id,
    ),
    prisma.$queryRawUnsafe(`SELECT e.seq::text, e.action, e.at FROM "AuditEvent" e WHERE e."modelId" = $1::uuid ORDER BY e.seq DESC LIMIT 25`, m!.id),
    prisma.$queryRawUnsafe(`SELECT v.* FROM "ModelVersion" v WHERE v."modelId" = $1::uuid`, m!.id),
  ]);
};
const rawOverview = () =>
  Promise.all([
    prisma.$queryRawUnsafe(`SELECT lifecycle, "riskClass", "monitoringStatus", undocumented, count(*)::int AS n FROM "Model" GROUP BY 1, 2, 3, 4`),
    prisma.$queryRawUnsafe(`SELECT * FROM "InventorySnapshot" WHERE day >= (now() - interval '89 days')::date ORDER BY day`),
  ]);
const ceiling = {
  select1: await timeIt(() => prisma.$queryRawUnsafe(`SELECT 1`), iterations),
  rawModelPage: await timeIt(rawModelPage, iterations),
  rawOverview: await timeIt(rawOverview, iterations),
};
const ratio = (a: { p50Ms: number; p95Ms: number }, b: { p50Ms: number; p95Ms: number }) => ({ p50: Math.round((a.p50Ms / b.p50Ms) * 10) / 10, p95: Math.round((a.p95Ms / b.p95Ms) * 10) / 10 });
const ratios = { modelPage: ratio(timings.modelPage, ceiling.rawModelPage), overview: ratio(timings.overview90DayTrend, ceiling.rawOverview) };
console.log(
  JSON.stringify(
    {
      bench: "history",
      days,
      reused: reuse,
      sizes: counts,
      generationMs: reuse ? null : generation,
      iterations,
      targetP95Ms: 300,
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      timings,
      ceiling,
      ratios,
    },
    null,
    2,
  ),
);
await prisma.$disconnect();
