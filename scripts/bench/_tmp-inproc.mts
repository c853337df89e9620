import { prisma } from "@/lib/db";
import { ingestMonitoringChecks } from "@/lib/monitoring-checks/ingest";
import { monitoringPushSchema } from "@/lib/api/schemas";
import { verifyApiToken } from "@/lib/tokens/tokens";
import { consumeRateLimit } from "@/lib/api/rate-limit";
import { createModel } from "@/lib/models/mutations";
const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
const actor = { id: u.id, role: u.role, email: u.email, name: u.name };
const keys = Array.from({ length: 10 }, (_, i) => `inproc-${Date.now().toString(36)}-${i}`);
for (const key of keys) await createModel({ actor, input: { key, name: key, lifecycle: "DEVELOPMENT" } });
const push = monitoringPushSchema.parse({ metrics: [{ feature: "amount", metric: "psi", value: 0.05 }, { feature: "channel", metric: "psi", value: 0.02 }, { feature: "model", metric: "auc", value: 0.9 }] });
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
for (const b of [1, 10, 1, 10]) {
  const n = 60; const c0 = cpu(); const t0 = performance.now();
  for (let i = 0; i < n; i++) await ingestMonitoringChecks({ actor, items: Array.from({ length: b }, (_, j) => ({ modelKey: keys[(i + j) % keys.length]!, push })) });
  console.log(`batch ${b}: ${((cpu() - c0) / n).toFixed(2)} ms CPU/request, ${((performance.now() - t0) / n).toFixed(1)} ms wall/request`);
}
const c0 = cpu();
for (let i = 0; i < 100; i++) { await verifyApiToken("dsr_nonexistent_token_value_xxxxxxxxxxxxxxxx"); await consumeRateLimit("bench-inproc"); }
console.log(`token+rate: ${((cpu() - c0) / 100).toFixed(2)} ms CPU`);
const c1 = cpu();
for (let i = 0; i < 100; i++) await prisma.$queryRaw`SELECT 1`;
console.log(`SELECT 1: ${((cpu() - c1) / 100).toFixed(2)} ms CPU`);
await prisma.model.deleteMany({ where: { key: { in: keys } } });
await prisma.$disconnect();
