// The hash chain of the audit log, pure so that it can be verified anywhere (tests, CLI, page).
// hash = sha256(prevHash + "\n" + canonical JSON of the event's recorded fields).
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: bigint | number | string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  modelId: string | null;
  before: unknown;
  after: unknown;
};

/** JSON with object keys sorted, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function eventHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson({
    seq: String(e.seq),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    modelId: e.modelId,
    before: e.before ?? null,
    after: e.after ?? null,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export type ChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtSeq: string; reason: string };

/** Recompute the chain over events in `seq` order; report the first broken link. */
export function verifyChain(
  events: Iterable<ChainedFields & { prevHash: string; hash: string }>,
  startPrevHash = GENESIS_HASH,
): ChainVerdict {
  let prev = startPrevHash;
  let checked = 0;
  for (const e of events) {
    if (e.prevHash !== prev) {
      return { ok: false, checked, brokenAtSeq: String(e.seq), reason: "prevHash does not match the previous event's hash (an event was removed or reordered)" };
    }
    if (eventHash(prev, e) !== e.hash) {
      return { ok: false, checked, brokenAtSeq: String(e.seq), reason: "hash does not match the event's content (the event was altered)" };
    }
    prev = e.hash;
    checked++;
  }
  return { ok: true, checked, lastHash: prev };
}
