// The audit chain after many mixed audited writes: WRITES writes (model creates, model updates without
// a revision, version registrations, monitoring pushes — a third of them with 17-significant-digit
// values — and imports' batches of 25 events) from CONCURRENCY concurrent writers through the domain
// functions, then the whole chain verified from the stored bytes. Prints one JSON object.
// Usage: BENCH_DATABASE_URL=… npx tsx --conditions=react-server scripts/bench/audit-chain.ts [writes=10000] [concurrency=8]
// The database is migrated and, when empty, given the demo organisation; the bench's models stay (keys bench-chain-*).
import { prepareTestDatabase } from "../lib/prepare-db";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error("BENCH_DATABASE_URL is required (a throwaway database: the bench writes into it).");
  process.exit(2);
}
process.env.DATABASE_URL = url;
const writes = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.argv[3] ?? 8);
await prepareTestDatabase(url);

const { prisma } = await import("@/lib/db");
const { upsertModel } = await import("@/lib/models/upsert");
const { createVersion } = await import("@/lib/versions/versions");
const { ingestMonitoringCheck } = await import("@/lib/monitoring-checks/ingest");
const { monitoringPushSchema } = await import("@/lib/api/schemas");
const { recordAuditBatch } = await import("@/lib/audit-log/record");
const { verifyStoredChain } = await import("@/lib/audit-log/queries");

const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN", active: true }, select: { id: true, role: true, email: true } });
const stamp = Date.now().toString(36);
const MODELS = 50;
const keyOf = (i: number) => `bench-chain-${stamp}-${i % MODELS}`;
const eventsBefore = await prisma.auditEvent.count();
for (let m = 0; m < MODELS; m++) await upsertModel({ actor: admin, key: keyOf(m), input: { name: `chain bench ${m}`, lifecycle: "DEVELOPMENT" } });

const kinds = { update: 0, version: 0, push: 0, batch: 0 };
const errors: string[] = [];
let next = 0;
const t0 = performance.now();
async function writer() {
  for (;;) {
    const i = next++;
    if (i >= writes) return;
    const key = keyOf(i);
    try {
      switch (i % 10) {
        case 0:
        case 1:
          kinds.update++;
          await upsertModel({ actor: admin, key, input: { name: `chain bench ${i % MODELS}`, lifecycle: "DEVELOPMENT", description: `write ${i}` } });
          break;
        case 2:
          kinds.version++;
          await createVersion({ actor: admin, modelKey: key, input: { version: `v${i}` } });
          break;
        case 3:
          kinds.batch++;
          await prisma.$transaction((tx) =>
            recordAuditBatch(
              tx,
              Array.from({ length: 25 }, (_, j) => ({ actor: { id: admin.id, label: admin.email }, action: "bench.batch", entityType: "Bench", entityId: `${i}-${j}`, after: { i, j, x: 0.1 + 0.2 } })),
            ),
          );
          break;
        default: {
          kinds.push++;
          const value = i % 3 === 0 ? 0.1 + 0.2 : (i % 50) / 100; // 0.30000000000000004 needs 17 digits
          await ingestMonitoringCheck({
            actor: admin,
            modelKey: key,
            push: monitoringPushSchema.parse({
              metrics: [
                { feature: "f", metric: "psi", value },
                { feature: "m", metric: "auc", value: 1 / 3 },
              ],
            }),
          });
        }
      }
    } catch (e) {
      errors.push(String(e).slice(0, 200));
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, writer));
const writeSeconds = (performance.now() - t0) / 1000;
const eventsAfter = await prisma.auditEvent.count();
const v0 = performance.now();
const verdict = await verifyStoredChain();
const verifyMs = performance.now() - v0;
console.log(
  JSON.stringify(
    {
      bench: "audit-chain-after-mixed-writes",
      writes,
      concurrency,
      models: MODELS,
      kinds,
      errors: errors.length,
      firstErrors: errors.slice(0, 3),
      writeSeconds: Math.round(writeSeconds * 10) / 10,
      writesPerSecond: Math.round(writes / writeSeconds),
      eventsAdded: eventsAfter - eventsBefore,
      chain: { ok: verdict.ok, eventsVerified: verdict.checked, breaks: verdict.breakCount, acknowledged: verdict.acknowledged.length, pending: verdict.pending, verifyMs: Math.round(verifyMs) },
    },
    null,
    2,
  ),
);
await prisma.$disconnect();
