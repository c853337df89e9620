// Benchmark of the public API's monitoring ingestion, end to end over HTTP against the built app:
//  1. sustained metric-value pushes (POST /api/v1/models/{key}/monitoring-checks) from CONCURRENCY
//     clients for DURATION_S seconds → checks/s and latency p50/p95/p99, spread over MODELS models
//     (client c pushes to model c % MODELS: pipelines push for their own models; --models 1 measures
//     every client on one model, which serialises on that model's row lock by design);
//  2. the machine's ceiling beside it: pgbench (/usr/bin/pgbench) with the same number of clients, each
//     transaction one INSERT, on the same PostgreSQL → tps, and the ratio checks/s ÷ tps;
//  3. the audit chain verified afterwards (every event, every link);
//  4. one raw-sample push of 2 × N values (default 1,000,000 each; --samples 0 skips it).
// Usage: DATABASE_URL=… NEXT_DIST_DIR=.next-api npx tsx --conditions=react-server scripts/bench/api-ingest.ts
//   [--duration 15] [--concurrency 8] [--models 8] [--samples 1000000] [--base-url http://…  (else it starts the build)]
//   [--rate R]: the clients send at R checks/s in all (each on its own fixed schedule) instead of as fast as
//   they can. Without it the run is closed-loop: each client sends its next request when the last one
//   returns, so the server is saturated and the latency is that of a full queue (8 requests in flight on
//   2 cores). With it, a request's latency is counted from the time it was due, not from when it was
//   sent, so a server falling behind its schedule shows in the figure (no coordinated omission).
// Writes MODELS DEVELOPMENT models (deleted at the end) and one token (revoked at the end); prints one JSON object.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";
import { verifyStoredChain } from "@/lib/audit-log/queries";
import { freePort } from "../lib/free-port";
import { bin } from "../lib/run";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    concurrency: { type: "string", default: "8" },
    models: { type: "string", default: "8" },
    samples: { type: "string", default: "1000000" },
    // checks per request: 1 = the single push (POST /models/{key}/monitoring-checks), N > 1 = batch pushes
    // of N checks (POST /monitoring-checks), each client's batch spread over the models it owns
    batch: { type: "string", default: "1" },
    // checks per second, all clients together (0 = as fast as the server answers)
    rate: { type: "string", default: "0" },
    "base-url": { type: "string" },
    // with --base-url: the server's process id, for its CPU time per check
    "server-pid": { type: "string" },
  },
});
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const samples = Number(values.samples);
const modelCount = Math.max(1, Number(values.models));
const batchSize = Math.max(1, Number(values.batch));
const targetRate = Math.max(0, Number(values.rate));
// with --rate: each client sends one request every `interval` ms, the clients staggered across it
const interval = targetRate > 0 ? (1000 * batchSize * concurrency) / targetRate : 0;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function startServer(): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      // the bench measures throughput, not the per-token limit
      DOSSIER_API_RATE_LIMIT: "100000000",
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("the app did not start");
}

/** CPU seconds (user + system) a process has used so far; null when it cannot be read (not Linux, gone). */
function cpuSecondsOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: the fields after the ")" that ends the command name; utime and stime are 14th and 15th
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").at(-1)!.trim().split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving this database, and the WAL writer: the database's share of the work. */
async function postgresPids(): Promise<number[]> {
  const rows = await prisma.$queryRaw<Array<{ pid: number }>>`
    SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR backend_type IN ('walwriter', 'background writer', 'checkpointer')`;
  return rows.map((r) => r.pid);
}

/**
 * CPU time per check, by process: the machine-independent half of the figure. On a shared machine the
 * wall-clock rate swings with the load; the CPU each check costs does not, and 2 cores ÷ (server +
 * PostgreSQL + client CPU per check) is the rate this machine could reach with nothing else running.
 */
function cpuMeter(serverPid: number | null, pgPids: number[]) {
  const sum = (pids: number[]) => pids.reduce((t, p) => t + (cpuSecondsOf(p) ?? 0), 0);
  const start = { server: serverPid ? cpuSecondsOf(serverPid) : null, postgres: sum(pgPids), client: process.cpuUsage() };
  return (checks: number) => {
    const server = serverPid && start.server !== null ? (cpuSecondsOf(serverPid) ?? NaN) - start.server : null;
    const postgres = sum(pgPids) - start.postgres;
    const c = process.cpuUsage(start.client);
    const client = (c.user + c.system) / 1e6;
    const per = (s: number | null) => (s === null || !checks ? null : round((s * 1000) / checks, 2));
    const total = server === null ? null : server + postgres + client;
    const cpus = availableParallelism();
    return {
      checks,
      msPerCheck: { server: per(server), postgres: per(postgres), client: per(client), total: per(total) },
      // the rate the machine's cores could sustain at that cost, were the three processes alone on it
      cpuBoundChecksPerSecond: total ? round((cpus * checks) / total) : null,
      cpus,
    };
  };
}

/** Deterministic normal-ish samples (sum of uniforms), fast and dependency-free. */
function samplesOf(n: number, seed: number, shift: number): number[] {
  let a = seed >>> 0;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < 3; k++) {
      a = (a * 1664525 + 1013904223) >>> 0;
      s += a / 4294967296;
    }
    out[i] = Math.round((s - 1.5 + shift) * 1e6) / 1e6;
  }
  return out;
}

async function main() {
  const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN", active: true }, select: { id: true, role: true, email: true } });
  const { token, view } = await createApiToken({ actor: admin, input: { name: "bench", scopes: ["read", "write", "monitoring"], expiresInDays: 1 } });
  const server = values["base-url"] ? { baseUrl: values["base-url"], child: null } : await startServer();
  const stamp = Date.now().toString(36);
  const keys = Array.from({ length: modelCount }, (_, m) => `bench-api-${stamp}-${m}`);
  const key = keys[0]!;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  try {
    for (const k of keys) {
      const created = await fetch(`${server.baseUrl}/api/v1/models/${k}`, { method: "PUT", headers, body: JSON.stringify({ name: "API bench model", lifecycle: "DEVELOPMENT" }) });
      if (created.status !== 201) throw new Error(`upsert failed: ${created.status} ${await created.text()}`);
    }

    // 1. sustained metric pushes
    const latencies: number[] = [];
    let errors = 0;
    let checks = 0;
    const urlOf = (k: string) => `${server.baseUrl}/api/v1/models/${k}/monitoring-checks`;
    const url = urlOf(key);
    const warmupEnd = performance.now() + 2000;
    // the load generator shares the 2 cores with the server and PostgreSQL: node:http on kept-alive
    // connections costs it about a third of fetch's CPU per request, which is left to the server
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const post = (url: string, body: string) =>
      new Promise<number>((resolve) => {
        const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", () => resolve(0));
        });
        // a reset connection is an error of the run (counted), not the end of the bench
        req.on("error", () => resolve(0));
        req.end(body);
      });
    const metricsOf = (i: number) => [
      { feature: "amount", metric: "psi", value: (i % 40) / 100 },
      { feature: "channel", metric: "psi", value: 0.02 },
      { feature: "model", metric: "auc", value: 0.9 },
    ];
    // the models a client pushes for: client c owns the models m with m % concurrency === c (pipelines push
    // for their own models), or shares model c % models when there are fewer models than clients
    const ownedBy = (c: number) => {
      const owned = keys.filter((_, m) => m % concurrency === c);
      return owned.length ? owned : [keys[c % modelCount]!];
    };
    const push = async (i: number): Promise<{ ok: boolean; ms: number; checks: number }> => {
      const c = i % concurrency;
      const owned = ownedBy(c);
      const single = batchSize === 1;
      const body = single
        ? JSON.stringify({ metrics: metricsOf(i) })
        : JSON.stringify({ checks: Array.from({ length: batchSize }, (_, j) => ({ model: owned[(Math.floor(i / concurrency) * batchSize + j) % owned.length], metrics: metricsOf(i + j) })) });
      const t0 = performance.now();
      const status = await post(single ? urlOf(owned[Math.floor(i / concurrency) % owned.length]!) : `${server.baseUrl}/api/v1/monitoring-checks`, body);
      return { ok: status === 201, ms: performance.now() - t0, checks: batchSize };
    };
    // warm-up (JIT, connection pool), not measured
    await Promise.all(
      Array.from({ length: concurrency }, async (_, c) => {
        for (let i = c; performance.now() < warmupEnd; i += concurrency) await push(i);
      }),
    );
    const meter = cpuMeter(server.child?.pid ?? (values["server-pid"] ? Number(values["server-pid"]) : null), await postgresPids());
    const start = performance.now();
    const end = start + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, c) => {
        for (let i = c, k = 0; performance.now() < end; i += concurrency, k++) {
          // paced: wait for this request's slot; when behind schedule, send at once and count the delay
          const due = interval ? start + (c * interval) / concurrency + k * interval : performance.now();
          if (due >= end) break;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const r = await push(i);
          if (r.ok) {
            latencies.push(r.ms + Math.max(0, -wait));
            checks += r.checks;
          } else errors++;
        }
      }),
    );
    const elapsedS = (performance.now() - start) / 1000;
    const cpu = meter(checks + errors * batchSize);
    latencies.sort((a, b) => a - b);
    const checksPerSecond = checks / elapsedS;

    // 2. the ceiling: pgbench, one INSERT per transaction, as many clients, same server
    const ceiling = pgbenchCeiling(concurrency, Math.max(5, Math.round(durationMs / 1000)));

    // 3. the chain after the run
    const t0 = performance.now();
    const chain = await verifyStoredChain();
    const chainVerify = { ok: chain.ok, events: chain.checked, breaks: chain.breakCount, pending: chain.pending, ms: Math.round(performance.now() - t0) };

    // 4. one raw push of 2 × samples values
    const reference = samplesOf(samples, 1, 0);
    const current = samplesOf(samples, 2, 0.15);
    const rawBody = JSON.stringify({ observedAt: new Date().toISOString(), features: [{ name: "amount", type: "numeric", reference, current }] });
    const rawTimes: number[] = [];
    let rawResult: unknown = null;
    for (let r = 0; r < (samples > 0 ? 3 : 0); r++) {
      const t0 = performance.now();
      const res = await fetch(url, { method: "POST", headers, body: rawBody });
      const json = (await res.json()) as { status?: string; features?: unknown[] };
      if (res.status !== 201) throw new Error(`raw push failed: ${res.status} ${JSON.stringify(json)}`);
      rawTimes.push(performance.now() - t0);
      rawResult = json.features?.[0];
    }
    rawTimes.sort((a, b) => a - b);

    console.log(
      JSON.stringify(
        {
          bench: "api-monitoring-ingest",
          // the machine is shared: a load average well above its cores inflates every figure (the ratio to pgbench, measured in the same run, is the fair one)
          machine: { cpus: (await import("node:os")).cpus().length, node: process.version, loadAverage1m: round((await import("node:os")).loadavg()[0]!) },
          metricPushes: {
            concurrency,
            models: modelCount,
            durationS: round(elapsedS, 2),
            checksPerRequest: batchSize,
            // the offered load (null: closed loop, as fast as the server answers)
            targetChecksPerSecond: targetRate || null,
            endpoint: batchSize === 1 ? "POST /api/v1/models/{key}/monitoring-checks" : "POST /api/v1/monitoring-checks",
            requests: latencies.length,
            checks,
            errors,
            checksPerSecond: round(checksPerSecond),
            latencyMs: { p50: round(quantile(latencies, 0.5)), p95: round(quantile(latencies, 0.95)), p99: round(quantile(latencies, 0.99)), max: round(latencies.at(-1) ?? NaN) },
            cpu,
          },
          pgbenchCeiling: ceiling,
          ratioToCeiling: ceiling.tps ? round(checksPerSecond / ceiling.tps, 3) : null,
          chainVerify,
          rawPush: {
            valuesPerSide: samples,
            bodyMB: round(Buffer.byteLength(rawBody) / 1024 / 1024, 1),
            runs: rawTimes.length,
            endToEndMs: { min: round(rawTimes[0] ?? NaN), median: round(quantile(rawTimes, 0.5)), max: round(rawTimes.at(-1) ?? NaN) },
            result: rawResult,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await prisma.model.deleteMany({ where: { key: { in: keys } } });
    await revokeApiToken({ actor: admin, id: view.id });
    server.child?.kill("SIGTERM");
    await prisma.$disconnect();
  }
}

/**
 * pgbench on the same server: `clients` clients, each transaction one INSERT of a row like a check's
 * (uuid, timestamp, status), into a scratch table that is dropped afterwards.
 */
function pgbenchCeiling(clients: number, seconds: number): { clients: number; seconds: number; tps: number | null; script: string; error?: string } {
  const script = "INSERT INTO bench_pgbench_ceiling (id, model, at, status) VALUES (gen_random_uuid(), :client_id, now(), 'HEALTHY');";
  const url = process.env.DATABASE_URL!;
  const dir = mkdtempSync(join(tmpdir(), "pgbench-"));
  const file = join(dir, "insert.sql");
  writeFileSync(file, `${script}\n`);
  const psql = (sql: string) => execFileSync("psql", [url, "-q", "-c", sql], { stdio: ["ignore", "ignore", "inherit"] });
  try {
    psql("CREATE TABLE IF NOT EXISTS bench_pgbench_ceiling (id uuid PRIMARY KEY, model int, at timestamptz, status text)");
    const out = execFileSync("/usr/bin/pgbench", ["-n", "-c", String(clients), "-j", String(Math.min(clients, 2)), "-T", String(seconds), "-f", file, url], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    return { clients, seconds, tps: tps ? round(Number(tps)) : null, script };
  } catch (e) {
    return { clients, seconds, tps: null, script, error: String(e).slice(0, 300) };
  } finally {
    psql("DROP TABLE IF EXISTS bench_pgbench_ceiling");
  }
}

await main();
