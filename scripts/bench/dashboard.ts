// Benchmark: the executive overview's data at 10,000 models.
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench \
//          npx tsx --conditions=react-server scripts/bench/dashboard.ts [models] [iterations]
// The database is THROWAWAY: it is migrated, emptied and filled with generated models by bulk SQL.
// Prints one JSON object: p50/p95 of getOverview() (everything the page reads) and of the counts alone.
import { generateBenchModels, prepareBenchDatabase, timeIt } from "./lib/generate-models";

const { models, iterations } = await prepareBenchDatabase();

const { prisma } = await import("../../lib/db");
const { getOverview, overviewCounts } = await import("../../lib/dashboard/overview");
const { upcomingReviews } = await import("../../lib/dashboard/reviews");

await generateBenchModels(prisma, models);

const now = new Date();
const overview = await getOverview({ now });
const result = {
  bench: "dashboard-overview",
  models,
  productionModels: overview.counts.productionModels,
  undocumented: overview.counts.undocumented,
  iterations,
  overviewPageData: await timeIt(() => Promise.all([getOverview({ now }), upcomingReviews({ now })]), iterations),
  headlineCounts: await timeIt(() => overviewCounts({ now }), iterations),
  rssMb: Math.round(process.memoryUsage().rss / 1e6),
};
console.log(JSON.stringify(result, null, 2));
await prisma.$disconnect();
