// How an event is read back for hashing: the bytes the database holds (jsonb as text, the timestamp to
// the millisecond), shared by the appender (pending rows) and the verifier (chained rows) so that the
// writer and the verifier hash exactly the same thing.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import type { ChainedFields } from "./chain";

/** An event's recorded fields as text: the timestamp in ISO form, before/after as their jsonb text. */
export type StoredRow = Omit<ChainedFields, "seq" | "at" | "before" | "after"> & { at: string; before: string | null; after: string | null };

/** The SELECT list for a StoredRow of table alias `t`. */
export const storedColumns = (t: "p" | "e") =>
  Prisma.raw(
    `to_char(${t}."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, ${t}."actorId"::text AS "actorId", ${t}."actorLabel", ${t}."action", ${t}."entityType", ${t}."entityId", ${t}."modelId"::text AS "modelId", ${t}."before"::text AS before, ${t}."after"::text AS after`,
  );

export function chainedFields(row: StoredRow, seq: bigint | string): ChainedFields {
  return {
    seq,
    at: new Date(row.at),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    modelId: row.modelId,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
  };
}
