import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { AppError } from "../errors";
import { auditLogScope, type Actor } from "../authz/policy";
import type { Prisma } from "../generated/prisma/client";
import { verifyChain, type ChainVerdict } from "./chain";

export const auditQuerySchema = z.object({
  model: z.string().trim().max(80).optional().catch(undefined),
  user: z.string().trim().max(320).optional().catch(undefined),
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
  before: z.coerce.bigint().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The `where` that limits an actor to the audit events they may read. */
async function scopeWhere(actor: Actor): Promise<Prisma.AuditEventWhereInput> {
  const scope = auditLogScope(actor);
  if (scope === "ALL") return {};
  if (scope === "NONE") throw new AppError("FORBIDDEN", "Your role may not read the audit log.");
  const own = await prisma.model.findMany({
    where: { OR: [{ businessOwnerId: actor.id }, { technicalOwnerId: actor.id }] },
    select: { id: true },
  });
  return { modelId: { in: own.map((m) => m.id) } };
}

export async function listAuditEvents({ actor, query }: { actor: Actor; query: AuditQuery }) {
  const limit = query.limit ?? 100;
  const and: Prisma.AuditEventWhereInput[] = [await scopeWhere(actor)];
  if (query.model) {
    const model = await prisma.model.findUnique({ where: { key: query.model }, select: { id: true } });
    if (!model) return { items: [], nextBefore: null };
    and.push({ modelId: model.id });
  }
  if (query.user) and.push({ OR: [{ actorLabel: { contains: query.user, mode: "insensitive" } }, { actor: { name: { contains: query.user, mode: "insensitive" } } }] });
  if (query.from) and.push({ at: { gte: query.from } });
  if (query.to) and.push({ at: { lte: query.to } });
  if (query.before) and.push({ seq: { lt: query.before } });
  const rows = await prisma.auditEvent.findMany({ where: { AND: and }, orderBy: { seq: "desc" }, take: limit + 1, include: { actor: { select: { name: true } } } });
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextBefore: hasMore ? items.at(-1)?.seq.toString() ?? null : null };
}

/** Recompute the whole chain in `seq` order, in pages, and report the first broken link. */
export async function verifyAuditChain({ actor }: { actor: Actor }): Promise<ChainVerdict> {
  if (auditLogScope(actor) !== "ALL") throw new AppError("FORBIDDEN", "Only roles that read the whole audit log can verify it.");
  let verdict: ChainVerdict | undefined;
  let after = 0n;
  let prevHash: string | undefined;
  let checked = 0;
  for (;;) {
    const page = await prisma.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: 2000 });
    if (page.length === 0) break;
    verdict = verifyChain(page, prevHash);
    if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked };
    checked += verdict.checked;
    prevHash = verdict.lastHash;
    after = page.at(-1)!.seq;
  }
  return verdict ? { ...verdict, checked } : { ok: true, checked: 0, lastHash: prevHash ?? "" };
}
