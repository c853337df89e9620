// Benchmark: does a large report block other users? Starts the built app (next start) against a
// database with N production models, measures a cheap page's latency idle, then again while the
// N-model inventory report renders. Prints one JSON object.
//
//   npm run build   # or NEXT_DIST_DIR=… next build
//   DATABASE_URL=postgresql://…/dossier npx tsx --conditions=react-server scripts/bench/dossier-concurrency.ts [--scale 1000] [--port 3290]
//
// The scratch database is the one scripts/bench/dossier.ts --scale creates (`<db>_bench_<N>`).
// Requests go to 127.0.0.1 only, bounded in count and time.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { ensureScaleDatabase } from "./dossier-scale-db";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const scale = arg("--scale", 1000);
const port = arg("--port", 3290);
const base = `http://127.0.0.1:${port}`;
const IDLE_REQUESTS = 200;
const MAX_LOADED_SECONDS = 120;

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("DATABASE_URL (a server holding the demo database) is required");
const url = await ensureScaleDatabase(baseUrl, scale);

const server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
  env: { ...process.env, DATABASE_URL: url, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not start");
}

/**
 * An API token of the compliance officer, made in the scratch database (the portal's session would need the
 * officer's two-factor set-up first; the API with a token is what pipelines and the audit tooling call).
 */
async function officerToken(): Promise<{ header: string; revoke: () => Promise<void> }> {
  process.env.DATABASE_URL = url;
  const { prisma } = await import("@/lib/db");
  const { createApiToken, revokeApiToken } = await import("@/lib/tokens/tokens");
  const officer = await prisma.user.findUniqueOrThrow({ where: { email: "compliance@northwind.example" }, select: { id: true, role: true, email: true } });
  const { token, view } = await createApiToken({ actor: officer, input: { name: "dossier-concurrency bench", scopes: ["read"], expiresInDays: 1 } });
  return {
    header: `Bearer ${token}`,
    revoke: async () => {
      await revokeApiToken({ actor: officer, id: view.id });
      await prisma.$disconnect();
    },
  };
}

const percentile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 10) / 10;
};
const summary = (xs: number[]) => ({ requests: xs.length, p50: percentile(xs, 0.5), p95: percentile(xs, 0.95), max: percentile(xs, 1) });

async function timed(path: string, authorization: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(`${base}${path}`, { headers: { authorization } });
  const body = await r.arrayBuffer();
  if (!r.ok) throw new Error(`${path} answered ${r.status}: ${Buffer.from(body).toString("utf8").slice(0, 300)}`);
  return performance.now() - t;
}

const CHEAP = ["/api/health", "/api/v1/dossiers?limit=5"] as const;
let revokeToken: (() => Promise<void>) | null = null;

try {
  await waitForServer();
  const token = await officerToken();
  revokeToken = token.revoke;
  const auth = token.header; // the Authorization header every request sends
  // warm up: routes compiled/loaded, worker started and fonts loaded by a small report
  for (const p of CHEAP) for (let i = 0; i < 20; i++) await timed(p, auth);
  await timed("/api/v1/reports/inventory?riskClass=PROHIBITED", auth);

  const idle: Record<string, number[]> = { [CHEAP[0]]: [], [CHEAP[1]]: [] };
  for (let i = 0; i < IDLE_REQUESTS; i++) for (const p of CHEAP) idle[p]!.push(await timed(p, auth));

  const loaded: Record<string, number[]> = { [CHEAP[0]]: [], [CHEAP[1]]: [] };
  const reportStart = performance.now();
  let reportMs = 0;
  let reportBytes = 0;
  const report = fetch(`${base}/api/v1/reports/inventory`, { headers: { authorization: auth } }).then(async (r) => {
    reportBytes = (await r.arrayBuffer()).byteLength;
    reportMs = performance.now() - reportStart;
    if (!r.ok) throw new Error(`the report answered ${r.status}`);
  });
  let finished = false;
  void report.finally(() => (finished = true));
  while (!finished && performance.now() - reportStart < MAX_LOADED_SECONDS * 1000) {
    for (const p of CHEAP) loaded[p]!.push(await timed(p, auth));
  }
  await report;

  // the same report with nothing else running, for comparison
  const aloneStart = performance.now();
  const alone = await fetch(`${base}/api/v1/reports/inventory`, { headers: { authorization: auth } });
  await alone.arrayBuffer();
  const reportAloneMs = performance.now() - aloneStart;

  console.log(
    JSON.stringify(
      {
        productionModels: scale,
        report: { bytes: reportBytes, wallMsWhileCheapPagesAreHammered: Math.round(reportMs), wallMsAlone: Math.round(reportAloneMs), targetMs: 5000 },
        cheapPages: Object.fromEntries(CHEAP.map((p) => [p, { idleMs: summary(idle[p]!), whileReportRendersMs: summary(loaded[p]!) }])),
      },
      null,
      2,
    ),
  );
} finally {
  stop();
  await revokeToken?.();
}
