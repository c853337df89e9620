// The appender: links committed pending events into the hash chain, in batches (group commit).
// One transaction per batch holds the chain lock, reads the chain head and up to BATCH pending rows
// (committed ones only: a writer's uncommitted events are invisible, a rolled-back writer's never
// existed), inserts them as AuditEvent rows with seq/prevHash/hash, and deletes them from
// AuditPending — so each event is chained exactly once, and a crash at any point leaves every event
// either pending (chained by the next flush) or chained, never both and never lost.
import "server-only";
import { prisma, type Tx } from "../db";
import { GENESIS_HASH, eventHash } from "./chain";
import { chainedFields, storedColumns, type StoredRow } from "./stored";

// The only place that names the chain lock: only the appender takes it, writers never do.
const AUDIT_CHAIN_LOCK = 4_242_001;
const BATCH = 5_000;

type Client = typeof prisma;
type PendingRow = StoredRow & { id: string };

/** Chain up to BATCH pending events in one transaction; returns how many were chained. */
export async function appendPendingBatch(db: Client = prisma): Promise<number> {
  return db.$transaction((tx) => appendPendingIn(tx), { timeout: 120_000, maxWait: 60_000 });
}

/** The batch itself, inside a transaction the caller owns (tests run it inside one they roll back). */
export async function appendPendingIn(tx: Tx): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  // the pending rows and the chain head in one statement (one snapshot, taken under the lock: only the
  // appender writes the chain, so the head cannot move until this transaction ends)
  const pending = await tx.$queryRaw<Array<PendingRow & { headSeq: string | null; headHash: string | null }>>`
    WITH head AS (SELECT e."seq"::text AS seq, e."hash" FROM "AuditEvent" e ORDER BY e."seq" DESC LIMIT 1)
    SELECT p."id"::text AS id, ${storedColumns("p")}, head.seq AS "headSeq", head."hash" AS "headHash"
    FROM "AuditPending" p LEFT JOIN head ON true ORDER BY p."id" LIMIT ${BATCH}`; // p."id": the bigint, not the text alias
  if (pending.length === 0) return 0;
  let prevHash = pending[0]!.headHash ?? GENESIS_HASH;
  let seq = BigInt(pending[0]!.headSeq ?? "0");
  const links = pending.map((p) => {
    seq += 1n;
    // the hash covers the stored bytes: the jsonb text that the verifier reads back
    const hash = eventHash(prevHash, chainedFields(p, seq));
    const link = { id: p.id, seq: seq.toString(), prevHash, hash };
    prevHash = hash;
    return link;
  });
  // moved from pending to chained in one statement: the DELETE's RETURNING feeds the INSERT
  await tx.$executeRaw`
    WITH moved AS (DELETE FROM "AuditPending" WHERE "id" = ANY(${pending.map((p) => p.id)}::bigint[]) RETURNING *)
    INSERT INTO "AuditEvent" ("seq", "at", "actorId", "actorLabel", "action", "entityType", "entityId", "modelId", "before", "after", "prevHash", "hash")
    SELECT c."seq", p."at", p."actorId", p."actorLabel", p."action", p."entityType", p."entityId", p."modelId", p."before", p."after", c."prevHash", c."hash"
    FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS c("id" bigint, "seq" bigint, "prevHash" text, "hash" text)
    JOIN moved p ON p."id" = c."id"
    ORDER BY c."seq"`;
  return pending.length;
}

/** Chain every pending event (committed before this call). Returns how many were chained. */
export async function drainAuditLog(db: Client = prisma): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await appendPendingBatch(db);
    total += n;
    if (n < BATCH) return total;
  }
}

type FlushState = { running: Promise<number> | null; next: Promise<number> | null; retry: NodeJS.Timeout | null; soon: Promise<void> | null };
const states = new WeakMap<Client, FlushState>();
const stateOf = (db: Client): FlushState => {
  let state = states.get(db);
  if (!state) states.set(db, (state = { running: null, next: null, retry: null, soon: null }));
  return state;
};

/**
 * How long a background flush waits for company: every event committed meanwhile is chained by the same
 * pass. Pipelines pushing at a high rate paid one appender transaction (five statements and a disk flush)
 * per push when the passes ran back to back; with this window they share a few passes per second.
 */
export const BACKGROUND_CHAIN_DELAY_MS = 50;

/**
 * Group commit: concurrent callers share appender passes. A caller arriving while a pass runs waits
 * for the *next* pass (the running one may have read the pending rows before the caller's commit);
 * all callers arriving meanwhile share that next pass. Resolves once every event committed before the
 * call is chained (by this process or, under the lock, by another instance).
 */
export function flushAuditLog(db: Client = prisma): Promise<number> {
  const s = stateOf(db);
  if (!s.running) {
    s.running = drainAuditLog(db).finally(() => {
      s.running = null;
    });
    return s.running;
  }
  s.next ??= s.running
    .catch(() => 0)
    .then(() => {
      s.next = null;
      return flushAuditLog(db);
    });
  return s.next;
}

/**
 * After a writer's commit: flush, but never fail the writer — its change and its events are committed
 * together; if the appender cannot run now (database busy or gone), the events stay pending and a retry
 * is scheduled (and any later write, verification or restart chains them).
 */
export async function flushAuditLogAfterCommit(db: Client = prisma): Promise<void> {
  try {
    await flushAuditLog(db);
  } catch (e) {
    console.error("audit log: chaining pending events failed; retrying in 1 s", e);
    const s = states.get(db);
    if (s && !s.retry) {
      s.retry = setTimeout(() => {
        s.retry = null;
        void flushAuditLogAfterCommit(db);
      }, 1000);
      s.retry.unref?.();
    }
  }
}

/**
 * After a background writer's commit: one flush within BACKGROUND_CHAIN_DELAY_MS for every event
 * committed until then (a flush already scheduled takes this writer's events too). Never fails the writer.
 */
export function flushAuditLogSoon(db: Client = prisma): void {
  const s = stateOf(db);
  if (s.soon) return;
  s.soon = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      // events committed from here on schedule their own pass
      s.soon = null;
      void flushAuditLogAfterCommit(db).then(resolve);
    }, BACKGROUND_CHAIN_DELAY_MS);
    timer.unref?.();
  });
}

/**
 * Before reading the log: every event committed so far is chained. Waits for this process's running
 * flush (the pushes chained in the background), then runs a pass only if anything is still pending (one
 * indexed EXISTS when nothing is). Never fails the reader: a failed pass leaves events pending and retries.
 */
export async function chainBeforeRead(db: Client = prisma): Promise<void> {
  const s = states.get(db);
  const inFlight = s?.next ?? s?.running;
  if (inFlight) await inFlight.catch(() => 0);
  const [row] = await db.$queryRaw<Array<{ pending: boolean }>>`SELECT EXISTS (SELECT 1 FROM "AuditPending") AS pending`;
  if (row?.pending) await flushAuditLogAfterCommit(db);
}

/** Resolves once no flush of this process is scheduled, running or queued (one started meanwhile is waited for too). */
export async function settleFlushes(db: Client = prisma): Promise<void> {
  for (let s = states.get(db); s && (s.soon || s.running || s.next); s = states.get(db)) await (s.soon ?? s.next ?? s.running)!.catch(() => 0);
}

/** Events committed but not chained yet (normally 0 outside a running batch). */
export async function pendingAuditCount(db: Client = prisma): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "AuditPending"`;
  return row?.n ?? 0;
}
