import "server-only";
import { z } from "zod";
import { dateInput } from "../validation";
import { prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { assertCan, auditLogScope, type Actor } from "../authz/policy";
import type { Prisma } from "../generated/prisma/client";
import { GENESIS_HASH, verifyChain, type ChainBreak, type ChainVerdict, type ChainedFields } from "./chain";
import { chainBeforeRead, flushAuditLog } from "./appender";
import { recordAudit } from "./record";
import { chainedFields, storedColumns, type StoredRow } from "./stored";
import { escapeLike } from "../validation";

export const auditQuerySchema = z.object({
  model: z.string().trim().max(80).optional().catch(undefined),
  user: z.string().trim().max(320).optional().catch(undefined),
  from: dateInput().optional().catch(undefined),
  to: dateInput().optional().catch(undefined),
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
  // events of monitoring pushes are chained in the background: the page shows every committed one
  await chainBeforeRead();
  const and: Prisma.AuditEventWhereInput[] = [await scopeWhere(actor)];
  if (query.model) {
    const model = await prisma.model.findUnique({ where: { key: query.model }, select: { id: true } });
    if (!model) return { items: [], nextBefore: null };
    and.push({ modelId: model.id });
  }
  if (query.user) and.push({ OR: [{ actorLabel: { contains: escapeLike(query.user), mode: "insensitive" } }, { actor: { name: { contains: escapeLike(query.user), mode: "insensitive" } } }] });
  if (query.from) and.push({ at: { gte: query.from } });
  if (query.to) and.push({ at: { lte: query.to } });
  if (query.before) and.push({ seq: { lt: query.before } });
  const rows = await prisma.auditEvent.findMany({ where: { AND: and }, orderBy: { seq: "desc" }, take: limit + 1, include: { actor: { select: { name: true } } } });
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextBefore: hasMore ? (items.at(-1)?.seq.toString() ?? null) : null };
}

type StoredEventRow = StoredRow & { seq: string; prevHash: string; hash: string };

const VERIFY_PAGE = 5_000;
type Queryable = Pick<Tx, "$queryRaw">;
/** Breaks listed in a verdict; beyond this only the count grows (a wholesale rewrite is one finding). */
export const MAX_REPORTED_BREAKS = 1_000;

/** Stored events in seq order, read as the bytes the database holds (jsonb text, ms timestamps). */
async function* storedEvents(db: Queryable): AsyncGenerator<ChainedFields & { prevHash: string; hash: string }> {
  let after = -1n;
  for (;;) {
    const page = await db.$queryRaw<StoredEventRow[]>`
      SELECT e."seq"::text AS seq, ${storedColumns("e")}, e."prevHash", e."hash"
      FROM "AuditEvent" e WHERE e."seq" > ${after} ORDER BY e."seq" LIMIT ${VERIFY_PAGE}`; // e."seq": the bigint, not the text alias
    for (const r of page) yield { ...chainedFields(r, r.seq), prevHash: r.prevHash, hash: r.hash };
    if (page.length < VERIFY_PAGE) return;
    after = BigInt(page.at(-1)!.seq);
  }
}

export const REANCHOR_ACTION = "audit.reanchor";

/** Seqs whose content mismatch an earlier re-anchoring event acknowledged. */
async function acknowledgedSeqs(db: Queryable): Promise<Set<string>> {
  const rows = await db.$queryRaw<Array<{ seq: string }>>`
    SELECT jsonb_array_elements_text("after"->'acknowledged') AS seq FROM "AuditEvent" WHERE "action" = ${REANCHOR_ACTION}`;
  return new Set(rows.map((r) => r.seq));
}

export type AuditChainReport = ChainVerdict & {
  /** all broken links (only the first MAX_REPORTED_BREAKS are listed in `breaks`) */
  breakCount: number;
  /** committed events not yet linked into the chain (the appender could not run) */
  pending: number;
};

/**
 * Recompute the whole chain from the stored bytes, in seq order, and report every broken link (a
 * tampered event does not hide a later one). Pending events are chained first (pass `tx` to verify
 * inside a transaction instead, as is); those that could not be are counted. Content mismatches
 * acknowledged by an `audit.reanchor` event are listed apart.
 */
export async function verifyStoredChain(tx?: Tx): Promise<AuditChainReport> {
  if (!tx) {
    try {
      await flushAuditLog();
    } catch (e) {
      console.error("audit log: could not chain pending events before verification", e);
    }
  }
  const db: Queryable = tx ?? prisma;
  const acknowledged = await acknowledgedSeqs(db);
  const breaks: ChainBreak[] = [];
  let breakCount = 0;
  let checked = 0;
  const acked: string[] = [];
  let prevHash = GENESIS_HASH;
  // verified page by page, carrying the stored head hash across pages
  let batch: Array<ChainedFields & { prevHash: string; hash: string }> = [];
  const run = () => {
    const v = verifyChain(batch, prevHash, acknowledged);
    checked += v.checked;
    breakCount += v.breaks.length;
    for (const b of v.breaks) if (breaks.length < MAX_REPORTED_BREAKS) breaks.push(b);
    acked.push(...v.acknowledged);
    prevHash = v.lastHash;
    batch = [];
  };
  for await (const e of storedEvents(db)) {
    batch.push(e);
    if (batch.length === VERIFY_PAGE) run();
  }
  run();
  const [pending] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "AuditPending"`;
  return { ok: breakCount === 0, checked, breaks, breakCount, acknowledged: acked, lastHash: prevHash, pending: pending?.n ?? 0 };
}

/** The audit-log page's and the API's verification: whole-log readers only. */
export async function verifyAuditChain({ actor }: { actor: Actor }): Promise<AuditChainReport> {
  if (auditLogScope(actor) !== "ALL") throw new AppError("FORBIDDEN", "Only roles that read the whole audit log can verify it.");
  return verifyStoredChain();
}

/**
 * Re-anchoring for chains written before canonical hashing (whose writer hashed a number and then
 * stored it rounded, e.g. 0.30000000000000004 as 0.3): nothing is rewritten — the log is append-only.
 * An admin appends one `audit.reanchor` event that lists the events whose content no longer matches
 * their hash, with the chain head it was taken at and the reason; the verifier then reports those
 * events as acknowledged instead of broken. Link breaks are never acknowledged, and every later
 * mismatch is reported as broken. Returns the re-anchoring event's content (or null: nothing to do).
 */
export async function reanchorAuditChain({ actor, reason }: { actor: Actor & { email: string }; reason: string }) {
  assertCan(actor, "auditLog.reanchor");
  await flushAuditLog();
  return prisma.$transaction((tx) => reanchorIn(tx, { actor, reason }), { timeout: 600_000 });
}

/** The re-anchoring inside the caller's transaction (the verification and the event it records). */
export async function reanchorIn(tx: Tx, { actor, reason }: { actor: Actor & { email: string }; reason: string }) {
  assertCan(actor, "auditLog.reanchor");
  const trimmed = reason.trim();
  if (trimmed.length < 10 || trimmed.length > 1000) throw new AppError("VALIDATION", "Say why the chain is re-anchored (10-1000 characters).", { reason: ["10-1000 characters."] });
  const report = await verifyStoredChain(tx);
  const linkBreaks = report.breaks.filter((b) => b.kind === "link");
  if (linkBreaks.length) {
    throw new AppError(
      "CONFLICT",
      `The chain has ${linkBreaks.length} link break(s) (first at #${linkBreaks[0]!.seq}): events are missing or reordered; re-anchoring only acknowledges content hashed by an earlier writer.`,
    );
  }
  if (report.breakCount > MAX_REPORTED_BREAKS) throw new AppError("CONFLICT", `${report.breakCount} mismatches: too many to acknowledge; this is not a legacy-hashing artefact.`);
  const mismatched = report.breaks.map((b) => b.seq);
  if (mismatched.length === 0) return null;
  const after = {
    acknowledged: mismatched,
    headHash: report.lastHash,
    reason: trimmed,
    rule: "content hashed by a writer before RFC 8785 canonical hashing, which stored some numbers rounded; the rows are unchanged",
  };
  await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: REANCHOR_ACTION, entityType: "AuditLog", entityId: "chain", after });
  return after;
}
