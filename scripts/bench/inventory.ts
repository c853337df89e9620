// Benchmark: the inventory page and its filters at 10,000 models, beside the equivalent raw SQL.
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench \
//          npx tsx --conditions=react-server scripts/bench/inventory.ts [models] [iterations]
// The database is THROWAWAY (emptied and filled by bulk SQL). When a production build exists
// (NEXT_DIST_DIR or .next), the script also starts it on a free port, signs in, and times the
// whole HTTP response of /models?… (server render included). Prints one JSON object.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import pg from "pg";
import { bin } from "../lib/run";
import { freePort } from "../lib/free-port";
import { generateBenchModels, prepareBenchDatabase, timeIt } from "./lib/generate-models";

const { url, models, iterations } = await prepareBenchDatabase();

const { prisma } = await import("../../lib/db");
const { listModels, inventoryQuerySchema } = await import("../../lib/models/queries");
const { hashPassword } = await import("../../lib/auth/password");
await generateBenchModels(prisma, models);
const password = "bench-password-123";
await prisma.user.deleteMany({ where: { email: "bench@bench.example" } });
const admin = await prisma.user.create({ data: { email: "bench@bench.example", name: "Bench", role: "ADMIN", passwordHash: await hashPassword(password) } });
await prisma.$executeRawUnsafe(`UPDATE "Model" SET "businessOwnerId" = '${admin.id}' WHERE key LIKE 'bench-%' AND substr(key, 7)::int % 3 = 0`);
await prisma.$executeRawUnsafe(`ANALYZE`);

// each case: the page's query string, and the raw SQL a hand-written page would run (page + count)
const SELECT = `SELECT m.id, m.key, m.name, m.lifecycle, m."riskClass", m."complianceScore", m.undocumented, m."monitoringStatus", m."openItems",
  bu.name AS unit, bo.name AS business_owner, tn.name AS technical_owner
  FROM "Model" m LEFT JOIN "BusinessUnit" bu ON bu.id = m."businessUnitId"
  LEFT JOIN "User" bo ON bo.id = m."businessOwnerId" LEFT JOIN "User" tn ON tn.id = m."technicalOwnerId"`;
const CASES: Array<{ name: string; query: Record<string, string>; where: string; order?: string }> = [
  { name: "all, first page", query: {}, where: "TRUE" },
  { name: "production undocumented", query: { lifecycle: "PRODUCTION", documented: "no" }, where: `m.lifecycle = 'PRODUCTION' AND m.undocumented` },
  { name: "monitoring critical", query: { monitoringStatus: "CRITICAL" }, where: `m."monitoringStatus" = 'CRITICAL'` },
  { name: "high risk in Payments", query: { riskClass: "HIGH", businessUnit: "Payments" }, where: `m."riskClass" = 'HIGH' AND bu.name = 'Payments'` },
  { name: "search 'model 77'", query: { q: "model 77" }, where: `(m.name ILIKE '%model 77%' OR m.key ILIKE '%model 77%' OR m."intendedPurpose" ILIKE '%model 77%')` },
  { name: "sort by completeness", query: { sort: "score", lifecycle: "PRODUCTION" }, where: `m.lifecycle = 'PRODUCTION'`, order: `m."complianceScore" ASC, m.key ASC` },
  { name: "review overdue", query: { reviewOverdue: "1" }, where: `m."nextReviewAt" < now()` },
];

const raw = new pg.Client({ connectionString: url });
await raw.connect();
const actor = { id: admin.id, role: admin.role };
const results: Record<string, unknown> = {};
for (const c of CASES) {
  const query = inventoryQuerySchema.parse(c.query);
  const lib = await timeIt(() => listModels({ actor, query, withFacets: true }), iterations);
  const page = () => raw.query(`${SELECT} WHERE ${c.where} ORDER BY ${c.order ?? "m.name ASC, m.key ASC"} LIMIT 51`);
  const sql = await timeIt(() => Promise.all([page(), raw.query(`SELECT count(*) FROM "Model" m LEFT JOIN "BusinessUnit" bu ON bu.id = m."businessUnitId" WHERE ${c.where}`)]), iterations);
  // what a hand-written page with the same facets would run: the page and one grouped count
  const sqlFacets = await timeIt(
    () =>
      Promise.all([
        page(),
        raw.query(
          `SELECT m."riskClass", m.lifecycle, m."monitoringStatus", m.undocumented, count(*) FROM "Model" m LEFT JOIN "BusinessUnit" bu ON bu.id = m."businessUnitId" WHERE ${c.where} GROUP BY 1, 2, 3, 4`,
        ),
      ]),
    iterations,
  );
  const ratio = (a: { p50Ms: number; p95Ms: number }, b: { p50Ms: number; p95Ms: number }) => ({ p50: Math.round((10 * a.p50Ms) / b.p50Ms) / 10, p95: Math.round((10 * a.p95Ms) / b.p95Ms) / 10 });
  results[c.name] = {
    matches: (await listModels({ actor, query })).total,
    listModelsWithFacets: lib,
    rawSqlPageAndCount: sql,
    rawSqlPageAndFacets: sqlFacets,
    ratioToPageAndCount: ratio(lib, sql),
    ratioToPageAndFacets: ratio(lib, sqlFacets),
  };
}

// the whole HTTP response of the page, when a build is there to serve it
let http: Record<string, unknown> | string = "skipped: no production build (run `npm run build` first)";
const distDir = process.env.NEXT_DIST_DIR || ".next";
if (existsSync(join(distDir, "BUILD_ID"))) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret", NEXTAUTH_URL: base, DOSSIER_JOBS: "off" },
    stdio: "ignore",
  });
  try {
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const cookie = await signIn(base, admin.email, password);
    http = {};
    for (const c of CASES) {
      const path = `/models?${new URLSearchParams(c.query)}`;
      http[c.name] = await timeIt(async () => {
        const res = await fetch(base + path, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        await res.text();
      }, iterations);
    }
  } finally {
    server.kill("SIGTERM");
  }
}

console.log(
  JSON.stringify({ bench: "inventory", models, iterations, targetP95Ms: 300, targetRatio: 3, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10, functionVsRawSql: results, httpPage: http }, null, 2),
);
await raw.end();
await prisma.$disconnect();

async function signIn(base: string, email: string, pw: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      jar.set(k!, v.join("="));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password: pw, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("bench sign-in failed");
  return cookieHeader();
}
