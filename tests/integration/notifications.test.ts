// Notifications end to end against a real SMTP server started here (smtp-server on a free port):
// who gets what, once; preferences; digest instead of flood; two deliveries racing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SMTPServer } from "smtp-server";
import { prisma } from "@/lib/db";
import { notify } from "@/lib/notifications/notify";
import { deliverPendingEmails, type MailConfig } from "@/lib/notifications/email";
import { savePreferences } from "@/lib/notifications/preferences";
import { listInbox, markRead, unreadCount } from "@/lib/notifications/inbox";
import { scanDeadlines } from "@/lib/notifications/scan";
import { startSmtpCapture } from "../support/smtp-capture";

type Mail = { to: string[]; subject: string; text: string };
const mails: Mail[] = [];
let server: SMTPServer;
let config: MailConfig;
const started = new Date();
const run = Date.now().toString(36);
const users: Record<string, { id: string; email: string }> = {};
// tomorrow (UTC) at a given hour: near the demo's dates, and digest hours are explicit
const today = new Date();
const MORNING = (h: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, h, 0, 0));

function header(raw: string, name: string): string {
  const m = raw.match(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "mi"));
  const value = m ? m[1]!.replace(/\r?\n[ \t]+/g, " ").trim() : "";
  // RFC 2047 encoded words (nodemailer uses them for non-ASCII subjects)
  return value.replace(/\?=\s+=\?/g, "?==?").replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_all, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

beforeAll(async () => {
  let url: string;
  ({ server, url } = await startSmtpCapture(({ to, raw }) => mails.push({ to, subject: header(raw, "Subject"), text: raw })));
  config = { url, from: "Dossier <dossier@test.example>", portalUrl: "http://portal.test", digestHourUtc: 7 };
  for (const local of ["owner", "compliance", "admin", "exec", "auditor"]) {
    const u = await prisma.user.findUniqueOrThrow({ where: { email: `${local}@northwind.example` } });
    users[local] = { id: u.id, email: u.email };
  }
  // anything pending from before this file is not ours to send
  await prisma.notification.updateMany({ where: { emailStatus: { in: ["PENDING", "DIGEST"] } }, data: { emailStatus: "SKIPPED" } });
  // an app server's scan may have raised this week's reminders already; the scan test needs a clean slate
  await prisma.notification.deleteMany({ where: { OR: ["doc-stale:", "monitoring:", "incident:"].map((p) => ({ dedupeKey: { startsWith: p } })) } });
});

beforeEach(async () => {
  mails.length = 0;
  await prisma.notificationPreference.deleteMany({ where: { userId: { in: Object.values(users).map((u) => u.id) } } });
});

afterAll(async () => {
  await prisma.notification.deleteMany({ where: { createdAt: { gte: started } } });
  await prisma.emailDelivery.deleteMany({ where: { sentAt: { gte: started } } });
  await prisma.emailDelivery.deleteMany({ where: { dedupeKey: { startsWith: "digest:" }, sentAt: { gte: MORNING(0), lt: MORNING(24) } } });
  await prisma.notificationPreference.deleteMany({ where: { userId: { in: Object.values(users).map((u) => u.id) } } });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await prisma.$disconnect();
});

const mailsTo = (email: string) => mails.filter((m) => m.to.includes(email));

describe("review notifications", () => {
  it("reach the right people once, even when notify and delivery run twice at the same time", async () => {
    const u = users as Record<"owner" | "compliance" | "admin" | "exec", { id: string; email: string }>;
    const review = {
      kind: "REVIEW_REQUESTED" as const,
      title: `Review requested: Retail credit scoring ${run}`,
      body: "Owner submitted revision 4 for review.",
      link: "/reviews",
      dedupeKey: `review:${run}:submitted`,
    };
    const created = await prisma.$transaction(async (tx) => notify({ tx, ...review, recipients: [u.compliance.id, u.admin.id, u.compliance.id] }));
    expect(created).toBe(2);
    expect(await notify({ tx: prisma, ...review, recipients: [u.compliance.id, u.admin.id] })).toBe(0);
    // a rolled-back decision notifies nobody
    await prisma
      .$transaction(async (tx) => {
        await notify({ tx, kind: "REVIEW_APPROVED", recipients: [u.owner.id], title: "never", body: "never", dedupeKey: `review:${run}:rolled-back` });
        throw new Error("decision failed");
      })
      .catch(() => undefined);
    await notify({
      tx: prisma,
      kind: "CHANGES_REQUESTED",
      recipients: [u.owner.id],
      title: `Changes requested: Retail credit scoring ${run}`,
      body: "Please add the rollback drill.",
      link: "/models/x",
      dedupeKey: `review:${run}:changes`,
    });

    const [a, b] = await Promise.all([deliverPendingEmails({ now: MORNING(5), config }), deliverPendingEmails({ now: MORNING(5), config })]);
    expect(a.notifications + b.notifications).toBe(3);
    await deliverPendingEmails({ now: MORNING(5), config });

    expect(mails).toHaveLength(3);
    expect(mailsTo(u.compliance.email).map((m) => m.subject)).toEqual([`[Dossier] ${review.title}`]);
    expect(mailsTo(u.admin.email).map((m) => m.subject)).toEqual([`[Dossier] ${review.title}`]);
    expect(mailsTo(u.owner.email).map((m) => m.subject)).toEqual([`[Dossier] Changes requested: Retail credit scoring ${run}`]);
    expect(mailsTo(u.owner.email)[0]!.text).toContain("http://portal.test/models/x");
    expect(mailsTo(u.exec.email)).toHaveLength(0);
    expect(await prisma.notification.count({ where: { dedupeKey: { startsWith: `review:${run}:rolled-back` } } })).toBe(0);

    // the inbox shows them; marking read touches only the user's own rows
    const inbox = await listInbox({ userId: u.compliance.id });
    const mine = inbox.find((n) => n.title === review.title)!;
    expect(mine).toBeDefined();
    const before = await unreadCount(u.compliance.id);
    expect(await markRead({ userId: u.admin.id, ids: [mine.id] })).toBe(0);
    expect(await markRead({ userId: u.compliance.id, ids: [mine.id] })).toBe(1);
    expect(await unreadCount(u.compliance.id)).toBe(before - 1);
  });

  it("honour preferences: inbox only, email only, or the daily digest", async () => {
    const u = users as Record<"owner" | "exec" | "auditor", { id: string; email: string }>;
    await savePreferences({ userId: u.owner.id, preferences: { REVIEW_APPROVED: { inApp: true, email: false, digest: false } } });
    await savePreferences({ userId: u.exec.id, preferences: { REVIEW_APPROVED: { inApp: true, email: true, digest: true } } });
    await savePreferences({ userId: u.auditor.id, preferences: { REVIEW_APPROVED: { inApp: false, email: true, digest: false } } });
    for (const i of [1, 2]) {
      await notify({
        tx: prisma,
        kind: "REVIEW_APPROVED",
        recipients: [u.owner.id, u.exec.id, u.auditor.id],
        title: `Approved: model ${i} ${run}`,
        body: "Approved by the compliance officer.",
        dedupeKey: `review:${run}:approved:${i}`,
      });
    }
    await deliverPendingEmails({ now: MORNING(5), config });
    expect(mailsTo(u.owner.email)).toHaveLength(0);
    expect(mailsTo(u.exec.email)).toHaveLength(0); // waits for the digest hour
    // two immediate notifications for the auditor: one message, not two
    expect(mailsTo(u.auditor.email).map((m) => m.subject)).toEqual(["[Dossier] 2 notifications"]);
    expect((await listInbox({ userId: u.owner.id })).filter((n) => n.title.endsWith(run) && n.title.startsWith("Approved"))).toHaveLength(2);
    expect((await listInbox({ userId: u.auditor.id })).filter((n) => n.title.startsWith("Approved") && n.title.endsWith(run))).toHaveLength(0);

    await deliverPendingEmails({ now: MORNING(8), config });
    await deliverPendingEmails({ now: MORNING(9), config });
    expect(mailsTo(u.exec.email).map((m) => m.subject)).toEqual(["[Dossier] Daily digest: 2 notifications"]);
    expect(mailsTo(u.exec.email)[0]!.text).toContain(`Approved: model 1 ${run}`);
    expect(mailsTo(u.exec.email)[0]!.text).toContain(`Approved: model 2 ${run}`);
  });
});

describe("the deadline scan", () => {
  it("notifies owners and compliance officers once per condition, and emails a digest instead of a flood", async () => {
    const now = MORNING(9);
    const first = await scanDeadlines({ now });
    expect(first.created).toBeGreaterThan(0);
    expect(first.byKind.MONITORING_CRITICAL ?? 0).toBeGreaterThan(0);
    expect(first.byKind.DOCUMENTATION_STALE ?? 0).toBeGreaterThan(0);
    const again = await scanDeadlines({ now });
    expect(again.created).toBe(0);

    // the CRITICAL card-fraud model: its owners and every compliance officer
    const fraud = await prisma.model.findUniqueOrThrow({
      where: { key: "card-fraud-detection-debit-cards" },
      select: { id: true, businessOwnerId: true, technicalOwnerId: true, monitoringStatus: true },
    });
    expect(fraud.monitoringStatus).toBe("CRITICAL");
    const officers = await prisma.user.findMany({ where: { role: "COMPLIANCE_OFFICER", active: true }, select: { id: true } });
    const expected = new Set([fraud.businessOwnerId, fraud.technicalOwnerId, ...officers.map((o) => o.id)].filter((x): x is string => !!x));
    const critical = await prisma.notification.findMany({
      where: { kind: "MONITORING_CRITICAL", dedupeKey: { startsWith: `monitoring:CRITICAL:${fraud.id}:` }, createdAt: { gte: started } },
      select: { userId: true },
    });
    expect(new Set(critical.map((n) => n.userId))).toEqual(expected);

    const recipients = await prisma.notification.findMany({ where: { createdAt: { gte: started }, emailStatus: { in: ["PENDING", "DIGEST"] } }, distinct: ["userId"], select: { userId: true } });
    await Promise.all([deliverPendingEmails({ now, config }), deliverPendingEmails({ now, config })]);
    await deliverPendingEmails({ now, config });
    // one message per recipient however many notifications they had
    expect(mails).toHaveLength(recipients.length);
    const addresses = mails.flatMap((m) => m.to);
    expect(new Set(addresses).size).toBe(addresses.length);
    // the officer's single CRITICAL alert comes as itself
    expect(mailsTo("compliance@northwind.example").map((m) => m.subject)).toContain("[Dossier] Monitoring CRITICAL: Card fraud detection — debit cards");
    // the busiest recipient gets one digest listing all of theirs
    const perUser = await prisma.notification.groupBy({
      by: ["userId"],
      where: { createdAt: { gte: started }, emailStatus: "SENT", emailedAt: now },
      _count: { _all: true },
      orderBy: { _count: { userId: "desc" } },
      take: 1,
    });
    const busiest = await prisma.user.findUniqueOrThrow({ where: { id: perUser[0]!.userId } });
    const n = perUser[0]!._count._all;
    expect(n).toBeGreaterThan(1);
    expect(mailsTo(busiest.email).map((m) => m.subject)).toEqual([`[Dossier] Daily digest: ${n} notifications`]);
  });
});
