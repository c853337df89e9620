// A user's in-app inbox. Every read and write is scoped to the signed-in user's own rows.
import "server-only";
import { prisma } from "../db";

export const INBOX_PAGE_SIZE = 50;

export async function listInbox({ userId, unreadOnly = false, take = INBOX_PAGE_SIZE }: { userId: string; unreadOnly?: boolean; take?: number }) {
  return prisma.notification.findMany({
    where: { userId, inApp: true, ...(unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
  });
}

export async function unreadCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, inApp: true, readAt: null } });
}

/** Marks the given notifications (or all of the user's) read; other users' ids are ignored. */
export async function markRead({ userId, ids, now = new Date() }: { userId: string; ids?: readonly string[]; now?: Date }): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { readAt: now },
  });
  return count;
}
