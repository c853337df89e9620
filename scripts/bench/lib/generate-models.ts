// Fills a THROWAWAY database with `models` generated models by bulk SQL (deterministic: hashes of
// the row number, not random()), for the benchmarks that measure pages at 10,000 models.
import { migrateDeploy } from "../../lib/run";

/**
 * The benchmarks' common start: BENCH_DATABASE_URL (a THROWAWAY database, it is emptied) migrated and
 * set as DATABASE_URL for lib/db, and the [models] [iterations] arguments.
 */
export async function prepareBenchDatabase(): Promise<{ url: string; models: number; iterations: number }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.error("BENCH_DATABASE_URL is required (a throwaway database, e.g. dossier_bench): it is emptied.");
    process.exit(2);
  }
  process.env.DATABASE_URL = url;
  if ((await migrateDeploy({ ...process.env, DATABASE_URL: url })) !== 0) throw new Error("migrate deploy failed");
  return { url, models: Number(process.argv[2] ?? 10_000), iterations: Number(process.argv[3] ?? 30) };
}

type Executor = { $executeRawUnsafe: (sql: string) => Promise<unknown> };

export async function generateBenchModels(prisma: Executor, models: number): Promise<void> {
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
}

/** p50/p95/max of `iterations` timed calls after 3 warm-up calls. */
export async function timeIt(fn: () => Promise<unknown>, iterations: number) {
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
