import "server-only";
import { prisma } from "../db";

const DAY = 86_400_000;

/** Production models whose next review date falls within `days` from now (soonest first). */
export async function upcomingReviews({ now = new Date(), days = 30, take = 10 }: { now?: Date; days?: number; take?: number } = {}) {
  const rows = await prisma.model.findMany({
    where: { lifecycle: "PRODUCTION", nextReviewAt: { gte: now, lte: new Date(now.getTime() + days * DAY) } },
    select: { key: true, name: true, nextReviewAt: true },
    orderBy: [{ nextReviewAt: "asc" }, { key: "asc" }],
    take,
  });
  return rows.map((r) => ({ key: r.key, name: r.name, nextReviewAt: r.nextReviewAt! }));
}
