// How fast does the API answer when its database is stopped or frozen? Starts the built app
// (NEXT_DIST_DIR, default .next) against a PostgreSQL cluster it creates (initdb + pg_ctl in a temporary
// folder) and sends GET /api/v1/models/{key} over HTTP: database up, stopped, started again, frozen
// (SIGSTOP). Default timeouts unless DATABASE_*_TIMEOUT_MS are set. Prints JSON.
//   npx tsx --conditions=react-server scripts/bench/outage.ts [requests=40] [concurrency=8]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createTestCluster } from "../../tests/support/pg-cluster";
import { freePort } from "../lib/free-port";
import { bin, migrateDeploy } from "../lib/run";

const requests = Number(process.argv[2] ?? 40);
const concurrency = Number(process.argv[3] ?? 8);
const cluster = await createTestCluster();
try {
  if ((await migrateDeploy({ ...process.env, DATABASE_URL: cluster.url })) !== 0) throw new Error("migrate deploy failed");
  process.env.DATABASE_URL = cluster.url;
  const { prisma } = await import("../../lib/db");
  const { env } = await import("../../lib/env");
  const { createApiToken } = await import("../../lib/tokens/tokens");
  const admin = await prisma.user.create({ data: { email: `bench-${randomBytes(4).toString("hex")}@example.test`, name: "Bench", role: "ADMIN", passwordHash: "x" } });
  const { token } = await createApiToken({ actor: { id: admin.id, role: admin.role, email: admin.email }, input: { name: "outage bench", scopes: ["read", "write"] } });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: cluster.url, NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: base, DOSSIER_JOBS: "off", NEXT_TELEMETRY_DISABLED: "1" },
  });
  process.on("exit", () => server.kill("SIGTERM"));
  for (
    let i = 0;
    i < 120 &&
    !(await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 500));
  const get = () => fetch(`${base}/api/v1/models/bench-outage`, { headers }).then(async (r) => (await r.arrayBuffer(), r.status));
  await fetch(`${base}/api/v1/models/bench-outage`, { method: "PUT", headers, body: JSON.stringify({ name: "Bench", lifecycle: "DEVELOPMENT" }) });

  async function measure(): Promise<{ statuses: Record<string, number>; p50: number; p95: number; max: number }> {
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next++;
          const t = performance.now();
          const status = await get();
          times.push(performance.now() - t);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
    return { statuses, p50: at(0.5), p95: at(0.95), max: Math.round(times.at(-1)!) };
  }

  const up = await measure();
  cluster.stop();
  const stopped = await measure();
  cluster.start();
  const t = performance.now();
  const recovered = await get();
  const recoveryMs = Math.round(performance.now() - t);
  await measure(); // warm the pool again
  cluster.freeze();
  const frozen = await measure();
  cluster.thaw();
  console.log(JSON.stringify({ requests, concurrency, timeouts: env.databaseTimeouts(), up, stopped, afterStart: { status: recovered, ms: recoveryMs }, frozen }));
  await prisma.$disconnect();
  server.kill("SIGTERM");
} finally {
  cluster.destroy();
}
