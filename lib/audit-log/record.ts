// The one audit writer. A change and its audit events commit together: the events are inserted into
// "AuditPending" inside the caller's transaction, without any global lock, so writers never queue
// behind each other for the log. After the transaction commits, the appender (./appender.ts) links
// them into the hash chain in batches (group commit) before the caller's function returns.
import "server-only";
import { direct, prisma, sql, type Tx } from "../db";
import { AppError } from "../errors";
import { UnstorableValueError, storedJsonText } from "./chain";
import { flushAuditLogAfterCommit, flushAuditLogSoon, settleFlushes } from "./appender";

export type AuditInput = {
  actor: { id: string | null; label: string };
  action: string; // e.g. "model.create", "model.update", "review.approve"
  entityType: string;
  entityId: string;
  modelId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Transactions that recorded events: their commit is followed by a flush of the chain. Kept on
 * globalThis like the client itself: Next bundles this module once per route bundle, and the wrapper
 * installed by the first copy must see the transactions of every copy (otherwise events recorded in,
 * e.g., the next-auth route's bundle stayed pending).
 */
const recordedIn: WeakSet<object> = ((globalThis as Record<symbol, WeakSet<object> | undefined>)[Symbol.for("dossier.audit.recordedIn")] ??= new WeakSet<object>());
/** Transactions whose events are chained after commit without the caller waiting (RecordOptions). */
const chainedInBackground: WeakSet<object> = ((globalThis as Record<symbol, WeakSet<object> | undefined>)[Symbol.for("dossier.audit.chainedInBackground")] ??= new WeakSet<object>());

/**
 * Record audit events inside the caller's transaction (the batch API: one INSERT for any number of
 * events; imports and restores call it with thousands). A value the log cannot store and read back
 * exactly (a NUL character, a lone surrogate, a non-finite number) is refused with a 422 AppError
 * naming its path — the caller's transaction rolls back, so nothing of the change is written either.
 * Call it anywhere in the transaction: it takes no lock.
 */
export async function recordAuditBatch(tx: Tx, inputs: readonly AuditInput[], { chain = "await" }: RecordOptions = {}): Promise<void> {
  if (inputs.length === 0) return;
  const at = new Date().toISOString();
  const rows = inputs.map((input, i) => {
    const where = inputs.length === 1 ? "" : `[${i}]`;
    try {
      const before = storedJsonText(input.before, `before${where}`);
      const after = storedJsonText(input.after, `after${where}`);
      const text = (v: string) => storedJsonText(v, `${input.action}${where}`)!;
      // hand-built JSON so that before/after keep their exact canonical number text (Prisma's Json
      // serialiser rounds 0.30000000000000004 to 0.3 and turns 1.7976931348623157e308 into null)
      return `{"at":${JSON.stringify(at)},"actorId":${input.actor.id === null ? "null" : text(input.actor.id)},"actorLabel":${text(input.actor.label)},"action":${text(input.action)},"entityType":${text(input.entityType)},"entityId":${text(input.entityId)},"modelId":${input.modelId ? text(input.modelId) : "null"},"before":${before ?? "null"},"after":${after ?? "null"}}`;
    } catch (e) {
      if (e instanceof UnstorableValueError) {
        throw new AppError("VALIDATION", `The audit log cannot record this change exactly: ${e.message}. Nothing was written.`, { [e.path]: [e.problem] });
      }
      throw e;
    }
  });
  await direct(
    tx,
    sql`
    INSERT INTO "AuditPending" ("at", "actorId", "actorLabel", "action", "entityType", "entityId", "modelId", "before", "after")
    SELECT v."at", v."actorId", v."actorLabel", v."action", v."entityType", v."entityId", v."modelId",
           NULLIF(v."before", 'null'::jsonb), NULLIF(v."after", 'null'::jsonb)
    FROM ROWS FROM (jsonb_to_recordset(${`[${rows.join(",")}]`}::jsonb)
      AS ("at" timestamp(3), "actorId" uuid, "actorLabel" text, "action" text, "entityType" text, "entityId" text, "modelId" uuid, "before" jsonb, "after" jsonb))
      WITH ORDINALITY AS v("at", "actorId", "actorLabel", "action", "entityType", "entityId", "modelId", "before", "after", n)
    ORDER BY v.n`,
  );
  if (chain === "background") chainedInBackground.add(tx);
  else recordedIn.add(tx);
}

export type RecordOptions = {
  /**
   * "await" (default): the transaction's commit is followed by a flush of the chain before the caller's
   * function returns, so a person who reads the log next sees their event linked. "background": the flush
   * runs within BACKGROUND_CHAIN_DELAY_MS of the commit and nobody waits for it — for machine writes at
   * a high rate (monitoring pushes), whose callers never read the log back: they stop paying an appender
   * pass (and its disk flush) each, and the pushes of that window share one pass. Either way the events are committed
   * with the change; readers of the log (the audit-log page, verification, exports) flush before reading.
   */
  chain?: "await" | "background";
};

/** Record one audit event: a batch of one. */
export function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  return recordAuditBatch(tx, [input]);
}

type TxRunner = (arg: unknown, options?: unknown) => Promise<unknown>;
const INSTALLED = Symbol.for("dossier.audit.flushAfterCommit");

/**
 * Every interactive transaction of the app's client that recorded audit events flushes the chain
 * after it commits, so a caller that reads the log after a write sees its event chained. Installed
 * once, here, so no call site has to remember it; a failed flush leaves the events pending (they are
 * committed with their change) and is retried — see appender.ts.
 */
function installFlushAfterCommit(client: typeof prisma) {
  const holder = client as unknown as Record<symbol, boolean> & { $transaction: TxRunner };
  if (holder[INSTALLED]) return;
  const original = holder.$transaction.bind(client) as TxRunner;
  holder.$transaction = async (arg: unknown, options?: unknown) => {
    if (typeof arg !== "function") return original(arg, options);
    let recorded = false;
    let background = false;
    const result = await original(async (tx: object) => {
      const value = await (arg as (tx: object) => Promise<unknown>)(tx);
      recorded = recordedIn.has(tx);
      background = chainedInBackground.has(tx);
      return value;
    }, options);
    if (recorded) await flushAuditLogAfterCommit(client);
    // never rejects (a failed flush is logged and retried): nothing to await, nothing unhandled
    else if (background) flushAuditLogSoon(client);
    return result;
  };
  // a flush chaining in the background must finish before the client lets go of its connections (a
  // script's or a test's last write otherwise left its events pending, with an error logged)
  const h = client as unknown as { $disconnect: () => Promise<void> };
  const disconnect = h.$disconnect.bind(client);
  h.$disconnect = async () => {
    await settleFlushes(client);
    return disconnect();
  };
  holder[INSTALLED] = true;
}
installFlushAfterCommit(prisma);
