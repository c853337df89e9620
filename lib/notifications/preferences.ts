// Per-user notification settings: one row per kind the user changed; the rest use the defaults.
import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_INFO, type DeliveryPreference, type NotificationKind } from "./kinds";

export const preferenceSchema = z.object({ inApp: z.boolean(), email: z.boolean(), digest: z.boolean() });
export const preferencesInputSchema = z.partialRecord(z.enum(NOTIFICATION_KINDS), preferenceSchema);

export type Preferences = Record<NotificationKind, DeliveryPreference>;

export async function getPreferences(userId: string): Promise<Preferences> {
  const rows = await prisma.notificationPreference.findMany({ where: { userId } });
  const stored = new Map(rows.map((r) => [r.kind, r]));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => {
      const r = stored.get(kind);
      return [kind, r ? { inApp: r.inApp, email: r.email, digest: r.digest } : NOTIFICATION_KIND_INFO[kind].defaults];
    }),
  ) as Preferences;
}

/** Saves the given kinds for `userId` (only their own: the caller passes the session user's id). */
export async function savePreferences({ userId, preferences }: { userId: string; preferences: Partial<Preferences> }): Promise<void> {
  const parsed = preferencesInputSchema.parse(preferences);
  await prisma.$transaction(Object.entries(parsed).map(([kind, p]) => prisma.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, ...p }, update: p })));
}
