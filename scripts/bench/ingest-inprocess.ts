// Benchmark: the monitoring push's own cost, without the HTTP server. Each request does what the route
// does after Next.js hands it over — token check, rate-limit count, schema parse, ingest (one transaction,
// audit events chained in the background) — from CONCURRENCY in-process clients. Prints one JSON object
// with the CPU per request of this process and of every PostgreSQL process on the machine (read from
// /proc, so run it on a quiet machine), beside the wall time per request.
// Over HTTP the server adds Next.js's request handling on top: compare with scripts/bench/api-ingest.ts.
//
//   DATABASE_URL=postgresql://…/dossier npx tsx --conditions=react-server scripts/bench/ingest-inprocess.ts
//     [--requests 400] [--batch 10] [--concurrency 8] [--models 16]
//
// Needs the demo organisation (its admin pushes); writes MODELS models `bench-inproc-*` (deleted at the
// end) and one token (revoked at the end).
import { readFileSync, readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import { monitoringBatchSchema } from "@/lib/api/schemas";
import { settleFlushes } from "@/lib/audit-log/appender";
import { ingestMonitoringChecks } from "@/lib/monitoring-checks/ingest";
import { createApiToken, revokeApiToken, verifyApiToken } from "@/lib/tokens/tokens";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "400" },
    batch: { type: "string", default: "10" },
    concurrency: { type: "string", default: "8" },
    models: { type: "string", default: "16" },
  },
});
const requests = Number(values.requests);
const batch = Math.max(1, Number(values.batch));
const concurrency = Math.max(1, Number(values.concurrency));
const modelCount = Math.max(1, Number(values.models));

/** CPU time (ms) of every PostgreSQL process (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10;
}

const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
const actor = { id: admin.id, role: admin.role, email: admin.email };
const created = await createApiToken({ actor, input: { name: "in-process ingest bench", scopes: ["monitoring"] } });
const keys = Array.from({ length: modelCount }, (_, m) => `bench-inproc-${m}`);
for (const key of keys) await prisma.model.upsert({ where: { key }, create: { key, name: "in-process ingest bench", lifecycle: "DEVELOPMENT" }, update: {} });

const push = async (i: number) => {
  const body = JSON.stringify({
    checks: Array.from({ length: batch }, (_, j) => ({
      model: keys[(i * batch + j) % keys.length],
      metrics: [
        { feature: "amount", metric: "psi", value: ((i + j) % 40) / 100 },
        { feature: "channel", metric: "psi", value: 0.02 },
        { feature: "model", metric: "auc", value: 0.9 },
      ],
    })),
  });
  const token = await verifyApiToken(created.token);
  if (!token) throw new Error("the bench token did not verify");
  await consumeRateLimit(`token:${token.id}`);
  const parsed = monitoringBatchSchema.parse(JSON.parse(body));
  const results = await ingestMonitoringChecks({ actor: token.user, items: parsed.checks.map(({ model, ...check }) => ({ modelKey: model, push: check })) });
  JSON.stringify({ checks: results });
};

try {
  for (let i = 0; i < 50; i++) await push(i); // warm-up: plans, pool, JIT
  await settleFlushes();
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) await push(i);
    }),
  );
  const wallMs = performance.now() - t0;
  await settleFlushes(); // the background chaining belongs to the cost
  const cpu = process.cpuUsage(cpu0);
  const perRequest = (x: number) => Math.round((x / requests) * 100) / 100;
  console.log(
    JSON.stringify(
      {
        bench: "ingest-in-process",
        sizes: { requests, checksPerRequest: batch, concurrency, models: modelCount },
        cpuMsPerRequest: { node: perRequest((cpu.user + cpu.system) / 1000), postgres: perRequest(postgresCpuMs() - pg0) },
        wallMsPerRequest: perRequest(wallMs),
        checksPerSecond: Math.round((requests * batch) / (wallMs / 1000)),
      },
      null,
      2,
    ),
  );
} finally {
  await prisma.model.deleteMany({ where: { key: { in: keys } } });
  await revokeApiToken({ actor, id: created.view.id });
  await prisma.$disconnect();
}
