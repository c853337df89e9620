// Many audit events in one statement. Same chain rules as lib/audit-log/record.ts (advisory lock, then
// prevHash = last hash, seq = last seq + 1, hash via eventHash), but one lock, one read and one INSERT
// for a whole batch: a 10,000-row import with one event per model would otherwise spend most of its
// time on 30,000 round trips for the log.
import "server-only";
import type { Tx } from "../db";
import { GENESIS_HASH, eventHash } from "../audit-log/chain";
import type { AuditInput } from "../audit-log/record";
import { insertJsonRows } from "./bulk-insert";

const AUDIT_CHAIN_LOCK = 4_242_001; // the key lib/audit-log/record.ts uses

const AUDIT_COLUMNS = {
  seq: "bigint",
  at: "timestamp(3)",
  actorId: "uuid",
  actorLabel: "text",
  action: "text",
  entityType: "text",
  entityId: "text",
  modelId: "uuid",
  before: "jsonb",
  after: "jsonb",
  prevHash: "text",
  hash: "text",
};

export async function recordAuditBatch(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  let seq = last?.seq ?? 0n;
  const at = new Date();
  const rows = inputs.map((input) => {
    seq += 1n;
    const fields = {
      seq,
      at,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      modelId: input.modelId ?? null,
      before: toJson(input.before),
      after: toJson(input.after),
    };
    const hash = eventHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // one statement for the batch (createMany binds every cell separately and costs ~1 ms per event)
  await insertJsonRows(tx, "AuditEvent", AUDIT_COLUMNS, rows);
}

function toJson(value: unknown): object | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as object;
}
