// Benchmark: a year of history. Generates models × days daily monitoring checks (2 per-feature results
// each), one audit event per check and a year of overview snapshots, by set-based SQL (INSERT … SELECT
// generate_series: minutes, not hours), then times what the pages read: the model page, the overview
// (90-day trend), the inventory (with facets) and the audit-log page (first page, a page deep in the
// log, one model's history). Target p95 < 300 ms each.
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench_history \
//          npx tsx --conditions=react-server scripts/bench/history.ts [models=10000] [iterations=30] [days=365]
// The database is THROWAWAY (emptied). The generated audit events are NOT hash-chained (the chain is
// not what is measured here; audit-chain.ts measures it): do not run the verifier on this database.
import { loadavg } from "node:os";
import { generateBenchModels, prepareBenchDatabase, timeIt } from "./lib/generate-models";

const { models, iterations } = await prepareBenchDatabase();
// generating a year of checks takes minutes per statement: the app's statement timeout (30 s) would cancel it
process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= "1800000";
const days = Number(process.argv[4] ?? 365);

const { prisma } = await import("../../lib/db");
const { getModelDetail } = await import("../../lib/models/detail");
const { getOverview } = await import("../../lib/dashboard/overview");
const { listModels, inventoryQuerySchema } = await import("../../lib/models/queries");
const { listAuditEvents, auditQuerySchema } = await import("../../lib/audit-log/queries");

const step = async (name: string, sql: string, timings: Record<string, number>) => {
  const t0 = performance.now();
  await prisma.$executeRawUnsafe(sql);
  timings[name] = Math.round(performance.now() - t0);
};

const generation: Record<string, number> = {};
await generateBenchModels(prisma, models);
await prisma.$executeRawUnsafe(`TRUNCATE "MonitoringCheck", "MonitoringFeatureResult", "AuditPending" CASCADE`);
// AuditEvent is append-only (a trigger refuses TRUNCATE): the bench database starts empty or is dropped between runs
const [{ n: existingEvents } = { n: 0 }] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "AuditEvent"`);
await step(
  "checks",
  `INSERT INTO "MonitoringCheck" (id, "modelId", "observedAt", status, "createdAt")
   SELECT gen_random_uuid(), m.id, date_trunc('day', now()) - d * interval '1 day' + interval '6 hours',
     (CASE WHEN (hashint4(d) # hashint4(substr(m.key, 7)::int)) & 31 = 0 THEN 'CRITICAL' WHEN (hashint4(d + 7) # hashint4(substr(m.key, 7)::int)) & 15 = 0 THEN 'WARNING' ELSE 'HEALTHY' END)::"CheckStatus",
     date_trunc('day', now()) - d * interval '1 day' + interval '6 hours'
   FROM "Model" m CROSS JOIN generate_series(0, ${days - 1}) AS d`,
  generation,
);
await step(
  "featureResults",
  `INSERT INTO "MonitoringFeatureResult" (id, "checkId", feature, psi, "ksStatistic", wasserstein, status)
   SELECT gen_random_uuid(), c.id, f, 0.01 + ((hashtext(f || c.id::text) & 1023) / 4096.0), 0.05, 0.1, c.status
   FROM "MonitoringCheck" c CROSS JOIN unnest(ARRAY['income', 'age']) AS f`,
  generation,
);
if (existingEvents === 0) {
  await step(
    "auditEvents",
    `INSERT INTO "AuditEvent" (seq, at, "actorLabel", action, "entityType", "entityId", "modelId", after, "prevHash", hash)
     SELECT row_number() OVER (ORDER BY c."observedAt", c.id), c."observedAt", 'pipeline@bench', 'monitoring.push', 'MonitoringCheck', c.id::text, c."modelId",
       jsonb_build_object('status', c.status), 'bench', md5(c.id::text) || md5(c."modelId"::text)
     FROM "MonitoringCheck" c`,
    generation,
  );
}
await step(
  "snapshots",
  `INSERT INTO "InventorySnapshot" (day, "productionModels", documented, undocumented, monitoring, "byRiskClass")
   SELECT (date_trunc('day', now()) - d * interval '1 day')::date, ${models}, ${models} / 3 + d, ${models} - ${models} / 3 - d,
     jsonb_build_object('HEALTHY', ${models} / 2, 'CRITICAL', 10 + d % 7), '{}'::jsonb
   FROM generate_series(1, ${days - 1}) AS d ON CONFLICT (day) DO NOTHING`,
  generation,
);
await step("analyze", `ANALYZE`, generation);

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
    { bench: "history", days, sizes: counts, generationMs: generation, iterations, targetP95Ms: 300, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10, timings, ceiling, ratios },
    null,
    2,
  ),
);
await prisma.$disconnect();
