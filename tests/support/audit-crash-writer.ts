// Child process of tests/integration/audit-crash.test.ts, killed with SIGKILL while it writes:
// CONCURRENCY monitoring pushes at a time to one model (each a transaction with its pending audit
// event, chained by the group-commit flush after its commit) and, beside them, the appender draining
// in a loop — so the kill lands in writer transactions, between commit and flush, and in append batches.
// Usage: DATABASE_URL=… npx tsx --conditions=react-server tests/support/audit-crash-writer.ts <model-key>
import { prisma } from "@/lib/db";
import { drainAuditLog } from "@/lib/audit-log/appender";
import { ingestMonitoringCheck } from "@/lib/monitoring/ingest";
import { monitoringPushSchema } from "@/lib/api/schemas";

const modelKey = process.argv[2]!;
const CONCURRENCY = 6;
const admin = await prisma.user.findFirstOrThrow({ where: { role: "ADMIN", active: true }, select: { id: true, role: true, email: true } });
let n = 0;
const base = Date.now() - 3_600_000 - Math.floor(Math.random() * 1e9);
const writer = async () => {
  for (;;) {
    const i = n++;
    // a distinct observedAt per push (the crash test counts checks against events)
    const push = monitoringPushSchema.parse({ observedAt: new Date(base + i * 1000).toISOString(), metrics: [{ feature: "f", metric: "psi", value: (i % 37) / 100 + 0.30000000000000004 }] });
    await ingestMonitoringCheck({ actor: admin, modelKey, push });
    process.stdout.write(`wrote ${i}\n`);
  }
};
const appender = async () => {
  for (;;) await drainAuditLog();
};
await Promise.all([...Array.from({ length: CONCURRENCY }, writer), appender()]);
