// Benchmark: the executive overview's data at 10,000 models.
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench \
//          npx tsx --conditions=react-server scripts/bench/dashboard.ts [models] [iterations]
// The database is THROWAWAY: it is migrated, emptied and filled with generated models by bulk SQL.
// Prints one JSON object: p50/p95 of getOverview() (everything the page reads) and of the counts alone.
import { performance } from "node:perf_hooks";
import { migrateDeploy } from "../lib/run";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error("BENCH_DATABASE_URL is required (a throwaway database, e.g. dossier_bench): it is emptied.");
  process.exit(2);
}
const models = Number(process.argv[2] ?? 10_000);
const iterations = Number(process.argv[3] ?? 30);
process.env.DATABASE_URL = url;
if ((await migrateDeploy({ ...process.env, DATABASE_URL: url })) !== 0) throw new Error("migrate deploy failed");

const { prisma } = await import("../../lib/db");
const { getOverview, overviewCounts } = await import("../../lib/dashboard/overview");
const { upcomingReviews } = await import("../../lib/dashboard/reviews");

await prisma.$executeRawUnsafe(`TRUNCATE "Incident", "InventorySnapshot", "Model", "BusinessUnit" CASCADE`);
await prisma.$executeRawUnsafe(`INSERT INTO "BusinessUnit" (id, name) SELECT gen_random_uuid(), unnest(ARRAY['Retail Banking','Payments','Insurance','People/HR','Marketing','Operations'])`);
// deterministic spread (hash of the row number), not random(): every run measures the same data
await prisma.$executeRawUnsafe(`
  INSERT INTO "Model" (id, key, name, "businessUnitId", lifecycle, "riskClass", "complianceScore", undocumented, "monitoringStatus", "openItems", "complianceEvaluatedAt", "nextReviewAt", "updatedAt")
  SELECT gen_random_uuid(), 'bench-' || g, 'Bench model ' || g,
    (SELECT id FROM "BusinessUnit" ORDER BY name OFFSET (g % 6) LIMIT 1),
    (ARRAY['PRODUCTION','PRODUCTION','PRODUCTION','DEVELOPMENT','VALIDATION','RETIRED'])[1 + (hashint4(g) & 2147483647) % 6]::"Lifecycle",
    (ARRAY['PROHIBITED','HIGH','HIGH','LIMITED','MINIMAL','MINIMAL','OUT_OF_SCOPE','UNCLASSIFIED'])[1 + (hashint4(g + 1) & 2147483647) % 8]::"RiskClass",
    ((hashint4(g + 2) & 2147483647) % 1000) / 10.0,
    (hashint4(g + 3) & 2147483647) % 100 < 64,
    (ARRAY['NOT_MONITORED','STALE','CRITICAL','WARNING','HEALTHY','HEALTHY','HEALTHY'])[1 + (hashint4(g + 4) & 2147483647) % 7]::"MonitoringStatus",
    ARRAY['risk-management'], now(), now() + (((hashint4(g + 5) & 2147483647) % 400) - 100) * interval '1 day', now()
  FROM generate_series(1, ${models}) AS g`);
await prisma.$executeRawUnsafe(`
  INSERT INTO "Incident" (id, "modelId", title, "occurredAt", "awareAt", severity, "deadlineRule", description, "updatedAt")
  SELECT gen_random_uuid(), id, 'Bench incident', now() - interval '3 days', now() - interval '2 days', 'SERIOUS', 'STANDARD', 'generated', now()
  FROM "Model" WHERE key IN ('bench-1', 'bench-2', 'bench-3')`);
await prisma.$executeRawUnsafe(`ANALYZE "Model"`);

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: connections, plans
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 10) / 10;
  return { p50Ms: q(0.5), p95Ms: q(0.95), maxMs: q(1) };
}

const now = new Date();
const overview = await getOverview({ now });
const result = {
  bench: "dashboard-overview",
  models,
  productionModels: overview.counts.productionModels,
  undocumented: overview.counts.undocumented,
  iterations,
  overviewPageData: await time(() => Promise.all([getOverview({ now }), upcomingReviews({ now })])),
  headlineCounts: await time(() => overviewCounts({ now })),
  rssMb: Math.round(process.memoryUsage().rss / 1e6),
};
console.log(JSON.stringify(result, null, 2));
await prisma.$disconnect();
