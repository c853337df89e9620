// A crash during group commit loses nothing: a child process writes monitoring checks (each with its
// audit event) while its appender chains batches, and is killed with SIGKILL at a random moment, three
// times. Afterwards: no event without its change, no change without its event, each event chained
// exactly once, the chain verifies (issue 13).
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { flushAuditLog } from "@/lib/audit-log/appender";
import { verifyStoredChain } from "@/lib/audit-log/queries";

const modelKey = `audit-crash-${Date.now().toString(36)}`;
let modelId: string;

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  const admin: ModelActor = { id: u.id, role: u.role, email: u.email };
  modelId = (await createModel({ actor: admin, input: { key: modelKey, name: "crash test", lifecycle: "DEVELOPMENT" } })).id;
});
afterAll(async () => {
  await prisma.model.deleteMany({ where: { key: modelKey } });
  await prisma.$disconnect();
});

/** Start the writer, let it write at least `minWrites` checks, then SIGKILL it after a random delay. */
function runAndKill(minWrites: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "tests/support/audit-crash-writer.ts", modelKey], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true, // its own process group: the kill reaches tsx's node child too
    });
    let writes = 0;
    let killing = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      writes += chunk
        .toString()
        .split("\n")
        .filter((l) => l.startsWith("wrote")).length;
      if (writes >= minWrites && !killing) {
        killing = true;
        setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20 + Math.floor(Math.random() * 200));
      }
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(writes) : reject(new Error(`writer exited without being killed (${signal ?? _code})`))));
  });
}

describe("a crash during group commit", () => {
  it("three SIGKILLs mid-write: every check has exactly one chained event and every event its check", { timeout: 180_000 }, async () => {
    let acknowledged = 0;
    for (let round = 0; round < 3; round++) acknowledged += await runAndKill(15 + round * 10);
    // what the dead processes left pending is chained by the next flush (any writer, verification, restart)
    await flushAuditLog();
    const checks = await prisma.monitoringCheck.findMany({ where: { modelId }, select: { id: true } });
    expect(checks.length).toBeGreaterThanOrEqual(acknowledged);
    const events = await prisma.auditEvent.findMany({ where: { modelId, action: "monitoring.check" }, select: { entityId: true } });
    const checkIds = new Set(checks.map((c) => c.id));
    const perCheck = new Map<string, number>();
    for (const e of events) perCheck.set(e.entityId, (perCheck.get(e.entityId) ?? 0) + 1);
    // no event without its change
    expect([...perCheck.keys()].filter((id) => !checkIds.has(id))).toEqual([]);
    // no change without its event, and each event exactly once
    expect(checks.filter((c) => perCheck.get(c.id) !== 1).map((c) => [c.id, perCheck.get(c.id) ?? 0])).toEqual([]);
    const verdict = await verifyStoredChain();
    expect(verdict).toMatchObject({ ok: true, pending: 0 });
  });
});
