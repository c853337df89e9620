// Benchmark: the monitoring-detail retention job (lib/jobs/tasks.ts runRetention, as the scheduler runs it)
// on a database that holds a year of history (scripts/bench/history.ts). Each window in turn: one run with
// DOSSIER_MONITORING_DETAIL_RETENTION_DAYS set to it, timed. Windows in decreasing order simulate a first
// run that catches up (e.g. 300 on a year: ~64 days of detail) and then the daily runs (299: one day).
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench_history \
//          npx tsx --conditions=react-server scripts/bench/retention.ts [days=400,300,299]
// The database is THROWAWAY: the detail older than the window is deleted (the page timings of history.ts
// do not read it: the model page shows the latest 12 checks).
import { loadavg } from "node:os";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error("BENCH_DATABASE_URL is required (a throwaway database holding history.ts's year).");
  process.exit(2);
}
process.env.DATABASE_URL = url;
process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= "1800000";
const windows = (process.argv[2] ?? "400,300,299").split(",").map(Number);

const { prisma } = await import("../../lib/db");
const { runRetention } = await import("../../lib/jobs/tasks");

const count = async () => (await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "MonitoringFeatureResult"`))[0]!.n;
const sizes = { featureResultsBefore: await count(), checks: (await prisma.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "MonitoringCheck"`))[0]!.n };
const runs = [];
for (const days of windows) {
  process.env.DOSSIER_MONITORING_DETAIL_RETENTION_DAYS = String(days);
  const load = Math.round(loadavg()[0]! * 10) / 10;
  const t0 = performance.now();
  const result = await runRetention();
  runs.push({
    days,
    ms: Math.round(performance.now() - t0),
    deletedFeatureResults: result.deletedFeatureResults,
    prunedChecks: result.prunedChecks,
    // checks the run read: what it pruned plus each model's kept latest check (a pruned check is never read again)
    readChecks: result.readChecks,
    loadAverage1m: load,
  });
}
console.log(JSON.stringify({ bench: "retention", sizes: { ...sizes, featureResultsAfter: await count() }, runs }, null, 2));
await prisma.$disconnect();
