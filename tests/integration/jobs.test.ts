// Two app instances' schedulers (the same startJobs() that instrumentation.ts runs, here as two
// separate processes) on one database, with a local SMTP server: each scheduled scan runs once per
// slot on exactly one instance, and each scheduled notification is emailed once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import type { SMTPServer } from "smtp-server";
import { prisma } from "@/lib/db";
import { QUEUES, JOB_SCHEMA } from "@/lib/jobs/scheduler";
import { startSmtpCapture } from "../support/smtp-capture";

type Mail = { to: string[]; raw: string };
const mails: Mail[] = [];
let server: SMTPServer;
let smtpUrl = "";
const started = new Date();
const children: ChildProcess[] = [];
const logs: Record<string, string> = { a: "", b: "" };

beforeAll(async () => {
  ({ server, url: smtpUrl } = await startSmtpCapture((mail) => mails.push(mail)));
  // only what this test raises is sent: older pending emails and this week's reminders are cleared
  await prisma.notification.updateMany({ where: { emailStatus: { in: ["PENDING", "DIGEST"] } }, data: { emailStatus: "SKIPPED" } });
  await prisma.notification.deleteMany({ where: { OR: ["doc-stale:", "monitoring:", "incident:"].map((p) => ({ dedupeKey: { startsWith: p } })) } });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await prisma.notification.deleteMany({ where: { createdAt: { gte: started } } });
  await prisma.emailDelivery.deleteMany({ where: { sentAt: { gte: started } } });
  // the next app start writes its own (default) schedules again
  await prisma.$executeRawUnsafe(`DELETE FROM ${JOB_SCHEMA}.schedule WHERE name IN ('${QUEUES.scan}', '${QUEUES.deliver}')`).catch(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await prisma.$disconnect();
});

function startInstance(id: "a" | "b"): Promise<ChildProcess> {
  // node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild that a
  // SIGKILL of the CLI would leave running): killing `child` really stops the instance
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/jobs/standalone.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      SMTP_URL: smtpUrl,
      DOSSIER_INSTANCE_ID: id,
      // every minute, checked every second, so the test needs no long wait; digest hour 0 = digests go out at once
      DOSSIER_SCAN_CRON: "* * * * *",
      DOSSIER_DELIVER_CRON: "* * * * *",
      DOSSIER_CRON_MONITOR_SECONDS: "1",
      DOSSIER_JOB_POLLING_SECONDS: "1",
      DOSSIER_DIGEST_HOUR: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      logs[id] += chunk.toString();
      if (logs[id]!.includes("standalone worker ready")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (logs[id] += c.toString()));
    child.on("exit", (code) => reject(new Error(`instance ${id} exited with ${code}:\n${logs[id]}`)));
  });
}

type JobRow = { id: string; name: string; state: string; output: { instance?: string; scan?: { created: number } } | null; created_on: Date; singleton_on: Date | null };
const jobs = () =>
  prisma.$queryRawUnsafe<JobRow[]>(
    `SELECT id::text, name, state::text, output, created_on, singleton_on FROM ${JOB_SCHEMA}.job WHERE name IN ('${QUEUES.scan}', '${QUEUES.deliver}') AND created_on >= $1 ORDER BY created_on`,
    started,
  );

async function waitFor(check: () => Promise<boolean>, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("timed out");
}

describe("the scheduler with two app instances on one database", () => {
  it("runs each scheduled scan once and sends each notification once", async () => {
    await Promise.all([startInstance("a"), startInstance("b")]);
    await waitFor(async () => (await jobs()).some((j) => j.name === QUEUES.scan && j.state === "completed"), 240_000);
    // let both instances keep polling and checking the schedule for a while
    await new Promise((r) => setTimeout(r, 6_000));
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on("exit", r)))));
    const ended = new Date();

    const all = await jobs();
    const scans = all.filter((j) => j.name === QUEUES.scan);
    // pg-boss creates a cron job once per minute slot for the cluster, whichever instance checks first
    const slots = Math.floor(ended.getTime() / 60_000) - Math.floor(started.getTime() / 60_000) + 1;
    expect(scans.length).toBeGreaterThanOrEqual(1);
    expect(scans.length).toBeLessThanOrEqual(slots);
    // ...through pg-boss's internal send-it queue, whose singleton (key, minute) admits one per slot
    const sendIts = await prisma.$queryRawUnsafe<Array<{ singleton_on: Date | null }>>(
      `SELECT singleton_on FROM ${JOB_SCHEMA}.job WHERE name = '__pgboss__send-it' AND singleton_key = '${QUEUES.scan}' AND created_on >= $1`,
      started,
    );
    expect(sendIts.length).toBe(scans.length);
    expect(new Set(sendIts.map((j) => j.singleton_on?.toISOString())).size).toBe(sendIts.length);
    for (const j of scans.filter((s) => s.state === "completed")) expect(["a", "b"]).toContain(j.output?.instance);

    const notifications = await prisma.notification.findMany({ where: { createdAt: { gte: started } }, select: { userId: true, emailStatus: true, dedupeKey: true } });
    expect(notifications.length).toBeGreaterThan(0);
    expect(notifications.every((n) => n.emailStatus === "SENT")).toBe(true);
    // one message per recipient: each notification was emailed once, inside that one message
    const recipients = await prisma.user.findMany({ where: { id: { in: [...new Set(notifications.map((n) => n.userId))] } }, select: { email: true } });
    const addresses = mails.flatMap((m) => m.to).sort();
    expect(addresses).toEqual(recipients.map((r) => r.email).sort());
    const deliveries = await prisma.emailDelivery.findMany({ where: { sentAt: { gte: started } }, select: { notificationIds: true } });
    const emailed = deliveries.flatMap((d) => d.notificationIds);
    expect(emailed.length).toBe(notifications.length);
    expect(new Set(emailed).size).toBe(emailed.length);
    // the schedules are stored in the database: a restarted instance finds them there
    const schedules = await prisma.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM ${JOB_SCHEMA}.schedule ORDER BY name`);
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining([QUEUES.scan, QUEUES.deliver]));
  }, 300_000);
});
