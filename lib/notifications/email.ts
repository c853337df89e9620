// Email delivery through SMTP (nodemailer). Runs from the scheduled delivery job, never inside a
// request. Exactly once across app instances: pending rows are claimed with FOR UPDATE SKIP LOCKED,
// each message gets an EmailDelivery row with a unique key, and the notifications are marked SENT in
// the same transaction that sends; a failed send rolls all of it back for the next run to retry.
// Several pending notifications of one user become ONE message (digest instead of flood); those the
// user wants as a digest wait for the daily digest hour.
import "server-only";
import { createHash } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { prisma, type Tx } from "../db";
import { NOTIFICATION_KIND_INFO, isNotificationKind } from "./kinds";
import { env } from "../env";

export type MailConfig = { url: string; from: string; portalUrl: string; digestHourUtc: number };

/** SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS); unset = no email. */
export function mailConfig(): MailConfig | null {
  const mail = env.mail();
  return mail && { url: mail.smtpUrl, from: mail.from, portalUrl: mail.portalUrl, digestHourUtc: mail.digestHourUtc };
}

let cached: { url: string; transport: Transporter } | null = null;
function transportFor(url: string): Transporter {
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

type Pending = { id: string; userId: string; kind: string; title: string; body: string; link: string | null; emailStatus: string; createdAt: Date };
export type DeliveryResult = { messages: number; notifications: number; skipped: number };

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Sends what is due. Safe to call from several instances at once. */
export async function deliverPendingEmails({ now = new Date(), config = mailConfig() }: { now?: Date; config?: MailConfig | null } = {}): Promise<DeliveryResult> {
  if (!config) {
    // no SMTP: emails are not queued up to flood the mailbox the day SMTP is configured
    const { count } = await prisma.notification.updateMany({ where: { emailStatus: { in: ["PENDING", "DIGEST"] } }, data: { emailStatus: "SKIPPED" } });
    return { messages: 0, notifications: 0, skipped: count };
  }
  const digestDue = now.getUTCHours() >= config.digestHourUtc;
  const users = await prisma.notification.findMany({
    where: { emailStatus: digestDue ? { in: ["PENDING", "DIGEST"] } : "PENDING" },
    distinct: ["userId"],
    select: { userId: true },
  });
  const result: DeliveryResult = { messages: 0, notifications: 0, skipped: 0 };
  for (const { userId } of users) {
    const sent = await prisma.$transaction((tx) => deliverToUser(tx, { userId, now, config, digestDue }), { timeout: 60_000 });
    result.messages += sent > 0 ? 1 : 0;
    result.notifications += sent;
  }
  return result;
}

async function deliverToUser(tx: Tx, { userId, now, config, digestDue }: { userId: string; now: Date; config: MailConfig; digestDue: boolean }): Promise<number> {
  const statuses = digestDue ? ["PENDING", "DIGEST"] : ["PENDING"];
  // rows another instance is sending right now are skipped, not waited for and never sent twice
  const rows = await tx.$queryRaw<Pending[]>`
    SELECT id, "userId", kind, title, body, link, "emailStatus", "createdAt" FROM "Notification"
    WHERE "userId" = ${userId}::uuid AND "emailStatus" = ANY(${statuses})
    ORDER BY "createdAt", id
    FOR UPDATE SKIP LOCKED`;
  if (rows.length === 0) return 0;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, active: true } });
  const ids = rows.map((r) => r.id);
  if (!user || !user.active) {
    await tx.notification.updateMany({ where: { id: { in: ids } }, data: { emailStatus: "SKIPPED" } });
    return 0;
  }
  const hasDigestRows = rows.some((r) => r.emailStatus === "DIGEST");
  // the daily digest is keyed by day, a batch of immediate ones by its content: both unique
  const dedupeKey = hasDigestRows ? `digest:${userId}:${dayOf(now)}` : `batch:${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 32)}`;
  const message = composeEmail({ rows, name: user.name, portalUrl: config.portalUrl, digest: hasDigestRows });
  const inserted = await tx.emailDelivery.createMany({
    data: [{ userId, dedupeKey, toAddress: user.email, subject: message.subject, notificationIds: ids, sentAt: now }],
    skipDuplicates: true,
  });
  if (inserted.count === 0) {
    // today's digest already went out (e.g. a row arrived after it): these wait for tomorrow's,
    // unless they are immediate ones, which get their own message
    const immediate = rows.filter((r) => r.emailStatus === "PENDING");
    if (immediate.length === 0) return 0;
    return sendRows(tx, { rows: immediate, userId, to: user.email, name: user.name, config, now });
  }
  await tx.notification.updateMany({ where: { id: { in: ids } }, data: { emailStatus: "SENT", emailedAt: now } });
  await transportFor(config.url).sendMail({ from: config.from, to: user.email, subject: message.subject, text: message.text });
  return rows.length;
}

async function sendRows(tx: Tx, { rows, userId, to, name, config, now }: { rows: Pending[]; userId: string; to: string; name: string; config: MailConfig; now: Date }): Promise<number> {
  const ids = rows.map((r) => r.id);
  const message = composeEmail({ rows, name, portalUrl: config.portalUrl, digest: false });
  const dedupeKey = `batch:${createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 32)}`;
  const inserted = await tx.emailDelivery.createMany({ data: [{ userId, dedupeKey, toAddress: to, subject: message.subject, notificationIds: ids, sentAt: now }], skipDuplicates: true });
  if (inserted.count === 0) return 0;
  await tx.notification.updateMany({ where: { id: { in: ids } }, data: { emailStatus: "SENT", emailedAt: now } });
  await transportFor(config.url).sendMail({ from: config.from, to, subject: message.subject, text: message.text });
  return rows.length;
}

/** Plain-text email: one notification as itself, several as a list grouped by kind. Pure. */
export function composeEmail({ rows, name, portalUrl, digest }: { rows: ReadonlyArray<Pick<Pending, "kind" | "title" | "body" | "link">>; name: string; portalUrl: string; digest: boolean }): {
  subject: string;
  text: string;
} {
  const first = rows[0];
  if (rows.length === 1 && first && !digest) {
    return {
      subject: `[Dossier] ${first.title}`,
      text: `Hello ${name},\n\n${first.body}\n${first.link ? `\n${portalUrl}${first.link}\n` : ""}\n— Dossier (change what you receive: ${portalUrl}/settings/notifications)\n`,
    };
  }
  const groups = new Map<string, Array<Pick<Pending, "title" | "body" | "link">>>();
  for (const r of rows) (groups.get(r.kind) ?? groups.set(r.kind, []).get(r.kind)!).push(r);
  const sections = [...groups.entries()].map(([kind, items]) => {
    const label = isNotificationKind(kind) ? NOTIFICATION_KIND_INFO[kind].label : kind;
    return `${label} (${items.length})\n${items.map((i) => `- ${i.title}${i.link ? `\n  ${portalUrl}${i.link}` : ""}`).join("\n")}`;
  });
  return {
    subject: `[Dossier] ${digest ? "Daily digest: " : ""}${rows.length} notification${rows.length === 1 ? "" : "s"}`,
    text: `Hello ${name},\n\n${sections.join("\n\n")}\n\nAll of them are in your inbox: ${portalUrl}/inbox\n— Dossier (change what you receive: ${portalUrl}/settings/notifications)\n`,
  };
}
