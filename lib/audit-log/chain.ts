// The hash chain of the audit log, pure so that it can be verified anywhere (tests, CLI, page).
// hash = sha256(prevHash + "\n" + canonical JSON of the event's recorded fields), where the canonical
// JSON is RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace, strings escaped as
// ECMAScript's JSON.stringify does, numbers in their shortest round-trip form (Number#toString).
// The writer hashes what the verifier reads back: PostgreSQL's jsonb keeps a number's decimal digits
// exactly (numeric), so parsing the stored text gives the same IEEE double and therefore the same JCS
// text. What jsonb cannot hold exactly (NUL, lone surrogates, non-finite numbers) is refused up front.
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

/** A value the audit log cannot store and read back exactly; `path` says where (e.g. "after.features.0.psi"). */
export class UnstorableValueError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = "UnstorableValueError";
  }
}

// NUL cannot be stored in a PostgreSQL text/jsonb value; a lone surrogate is not Unicode (JCS refuses it).
const UNSTORABLE_CHAR = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(s: string, path: string) {
  if (UNSTORABLE_CHAR.test(s)) throw new UnstorableValueError(path, "contains a NUL character or a lone UTF-16 surrogate, which the audit log cannot store");
}

/**
 * RFC 8785 canonical JSON of a JSON value (plain objects, arrays, strings, finite numbers, booleans,
 * null; a Date is written as its ISO string and undefined as null, as `toAuditJson` would). Anything
 * else — functions, bigint, NaN, ±Infinity, NUL or lone surrogates — throws UnstorableValueError.
 */
export function canonicalJson(value: unknown, path = "$"): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(toAuditJson(value, path));
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new UnstorableValueError(path, `${value} is not a finite number`);
      return Object.is(value, -0) ? "0" : String(value);
    case "string":
      checkString(value, path);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => canonicalJson(v, `${path}.${i}`)).join(",")}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new UnstorableValueError(path, "is not plain JSON (normalise it with toAuditJson)");
      const keys = Object.keys(value as object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const parts: string[] = [];
      for (const k of keys) {
        const v = (value as Record<string, unknown>)[k];
        if (v === undefined) continue;
        checkString(k, `${path}.${k}`);
        parts.push(`${JSON.stringify(k)}:${canonicalJson(v, `${path}.${k}`)}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      throw new UnstorableValueError(path, `a ${typeof value} is not JSON`);
  }
}

/**
 * A recorded before/after value made plain JSON exactly as it will be stored: Dates → ISO strings,
 * bigints → decimal strings, undefined object members dropped (as JSON.stringify does), undefined
 * array items → null. Non-finite numbers are refused rather than silently turned into null.
 */
export function toAuditJson(value: unknown, path = "$"): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnstorableValueError(path, "is an invalid date");
    return value.toISOString();
  }
  switch (typeof value) {
    case "bigint":
      return value.toString();
    case "number":
      if (!Number.isFinite(value)) throw new UnstorableValueError(path, `${value} is not a finite number`);
      return value;
    case "string":
      checkString(value, path);
      return value;
    case "boolean":
      return value;
    case "object": {
      if (Array.isArray(value)) return value.map((v, i) => toAuditJson(v, `${path}.${i}`));
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined || typeof v === "function") continue;
        checkString(k, `${path}.${k}`);
        out[k] = toAuditJson(v, `${path}.${k}`);
      }
      return out;
    }
    default:
      return null; // functions and symbols, as JSON.stringify drops them
  }
}

/** The exact text stored in the event's jsonb column (null for an absent value). */
export function storedJsonText(value: unknown, path: string): string | null {
  const plain = toAuditJson(value, path);
  return plain === null ? null : canonicalJson(plain, path);
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

export type ChainBreak = {
  seq: string;
  kind: "link" | "content";
  reason: string;
};

export type ChainVerdict = {
  ok: boolean;
  /** events whose link and content were both checked */
  checked: number;
  /** every broken link, in seq order (verification continues past each one) */
  breaks: ChainBreak[];
  /** content mismatches of events written before canonical hashing, acknowledged by a re-anchoring event */
  acknowledged: string[];
  lastHash: string;
};

export const LINK_REASON = "prevHash does not match the previous event's hash (an event was removed, inserted or reordered)";
export const CONTENT_REASON = "hash does not match the event's content (the event was altered)";

/**
 * Recompute the chain over events in `seq` order and report every broken link: a link break (prevHash
 * differs from the previous stored hash) and a content break (the event's hash differs from the hash of
 * its content) are reported separately, and the walk continues from the event's *stored* hash, so one
 * alteration is reported once and an alteration further on is still found. `acknowledged` lists seqs
 * whose content mismatch a re-anchoring event recorded (chains written before canonical hashing).
 */
export function verifyChain(events: Iterable<ChainedFields & { prevHash: string; hash: string }>, startPrevHash = GENESIS_HASH, acknowledged: ReadonlySet<string> = new Set()): ChainVerdict {
  let prev = startPrevHash;
  let checked = 0;
  const breaks: ChainBreak[] = [];
  const acked: string[] = [];
  for (const e of events) {
    const seq = String(e.seq);
    if (e.prevHash !== prev) breaks.push({ seq, kind: "link", reason: LINK_REASON });
    let recomputed: string | null;
    try {
      recomputed = eventHash(e.prevHash, e);
    } catch {
      recomputed = null; // content that is not canonical JSON cannot have been written by the writer
    }
    if (recomputed !== e.hash) {
      if (acknowledged.has(seq)) acked.push(seq);
      else breaks.push({ seq, kind: "content", reason: CONTENT_REASON });
    }
    prev = e.hash;
    checked++;
  }
  return { ok: breaks.length === 0, checked, breaks, acknowledged: acked, lastHash: prev };
}
