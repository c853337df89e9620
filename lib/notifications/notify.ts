// Creating notifications. `notify` is called inside the transaction of the change it reports (a
// review decision, a scan), so a rolled-back change notifies nobody; emails go out afterwards from
// the delivery job (lib/notifications/email.ts), never from inside the transaction.
import "server-only";
import { prisma, type Tx } from "../db";
import { NOTIFICATION_KIND_INFO, type DeliveryPreference, type NotificationKind } from "./kinds";

type Db = Tx | typeof prisma;

export type NotifyInput = {
  /** the caller's transaction (or the client outside one) */
  tx: Db;
  kind: NotificationKind;
  /** user ids; duplicates and inactive users are dropped */
  recipients: readonly string[];
  title: string;
  body: string;
  /** a path inside the portal, e.g. `/models/card-fraud-detection-debit-cards` */
  link?: string | null;
  /**
   * identifies the event, e.g. `review:<reviewId>:approved`. One notification per (key, recipient):
   * calling notify again with the same key does nothing, so retries and parallel scans are harmless.
   */
  dedupeKey: string;
};

/** Effective preferences of `userIds` for one kind (stored rows over the defaults). */
export async function preferencesFor(db: Db, userIds: readonly string[], kind: NotificationKind): Promise<Map<string, DeliveryPreference>> {
  const rows = await db.notificationPreference.findMany({ where: { userId: { in: [...userIds] }, kind } });
  const stored = new Map(rows.map((r) => [r.userId, { inApp: r.inApp, email: r.email, digest: r.digest }]));
  return new Map(userIds.map((id) => [id, stored.get(id) ?? NOTIFICATION_KIND_INFO[kind].defaults]));
}

/** Returns how many notifications were created (0 for recipients who already had this one or opted out). */
export async function notify({ tx, kind, recipients, title, body, link = null, dedupeKey }: NotifyInput): Promise<number> {
  const ids = [...new Set(recipients)];
  if (ids.length === 0) return 0;
  const active = await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true } });
  const prefs = await preferencesFor(
    tx,
    active.map((u) => u.id),
    kind,
  );
  const data = [...prefs.entries()]
    .filter(([, p]) => p.inApp || p.email)
    .map(([userId, p]) => ({
      userId,
      kind,
      title,
      body,
      link,
      inApp: p.inApp,
      emailStatus: p.email ? (p.digest ? "DIGEST" : "PENDING") : "NONE",
      dedupeKey: `${dedupeKey}:${userId}`,
    }));
  if (data.length === 0) return 0;
  // ON CONFLICT DO NOTHING: a duplicate neither fails nor aborts the caller's transaction
  const { count } = await tx.notification.createMany({ data, skipDuplicates: true });
  return count;
}
