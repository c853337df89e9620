import "server-only";
import type { Tx } from "../db";
import { GENESIS_HASH, eventHash } from "./chain";

export type AuditInput = {
  actor: { id: string | null; label: string };
  action: string; // e.g. "model.create", "model.update", "review.approve"
  entityType: string;
  entityId: string;
  modelId?: string | null;
  before?: unknown;
  after?: unknown;
};

// Any constant key: serialises writers of the chain for the rest of their transaction.
const AUDIT_CHAIN_LOCK = 4_242_001;

/**
 * Append one event to the audit log inside the caller's transaction, so the change and its record
 * commit or roll back together. Writers are serialised by a transaction-scoped advisory lock so the
 * chain never forks; the lock is held until commit, so call this LAST in a transaction (after
 * refreshCompliance and other work) to keep concurrent writers from queueing behind slow work.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const seq = (last?.seq ?? 0n) + 1n;
  const at = new Date();
  const before = toJson(input.before);
  const after = toJson(input.after);
  const fields = {
    seq,
    at,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    modelId: input.modelId ?? null,
    before,
    after,
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: before ?? undefined,
      after: after ?? undefined,
      prevHash,
      hash: eventHash(prevHash, fields),
    },
  });
}

/** Dates, bigints and undefined made JSON-safe exactly as they will be read back. */
function toJson(value: unknown): object | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as object;
}
