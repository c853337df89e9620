// The one lock order of the write paths (no 40P01 deadlocks between them): a transaction that changes
// a model or anything that belongs to it takes the model's row lock FIRST, then writes the model's
// child rows, then the model row itself (refreshCompliance), and records its audit events (which take
// no lock: the chain is linked after commit by lib/audit-log/appender.ts, whose lock no writer holds).
import "server-only";
import { direct, sql, type Tx } from "../db";

/**
 * Options for a transaction that takes a model's row lock: writers of one model queue on the lock while
 * holding a pooled connection, so they may wait for a connection and run longer than Prisma's defaults
 * (2 s to start, 5 s in all) under a burst — 20 concurrent PUTs of one model must all apply, not fail.
 */
export const MODEL_WRITE_TX = { maxWait: 15_000, timeout: 30_000 } as const;

/** Lock the model row for the rest of the transaction; returns its id, or null when no such key. */
export async function lockModelByKey(tx: Tx, key: string): Promise<string | null> {
  const rows = await direct<{ id: string }>(tx, sql`SELECT "id"::text AS id FROM "Model" WHERE "key" = ${key} FOR NO KEY UPDATE`);
  return rows[0]?.id ?? null;
}

/** Lock the model row for the rest of the transaction (by id); false when it no longer exists. */
export async function lockModelById(tx: Tx, id: string): Promise<boolean> {
  const rows = await direct<{ id: string }>(tx, sql`SELECT "id"::text AS id FROM "Model" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`);
  return rows.length === 1;
}

/**
 * Lock several model rows for the rest of the transaction, in id order (two writers of overlapping sets
 * take them in the same order, so they queue rather than deadlock); false when one no longer exists.
 */
export async function lockModelsById(tx: Tx, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 1) return lockModelById(tx, ids[0]!);
  const rows = await direct<{ id: string }>(tx, sql`SELECT "id"::text AS id FROM "Model" WHERE "id" = ANY(${[...ids]}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`);
  return rows.length === new Set(ids).size;
}
