// Set-based INSERT for the bulk paths: a whole chunk of rows goes to PostgreSQL as one JSON parameter
// and is inserted by one statement (jsonb_to_recordset). Prisma's createMany builds a statement with
// one bind parameter per cell and spends ~2 ms per row doing it; this spends ~0.05 ms.
import "server-only";
import type { Tx } from "../db";

/** column name → SQL type as jsonb_to_recordset should read it ("uuid", "text[]", "\"Lifecycle\"", …) */
export type ColumnTypes = Record<string, string>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SQL_TYPE = /^(?:"[A-Za-z_]+"|[a-z0-9_() ]+)(?:\[\])?$/;

/**
 * INSERT INTO "table" (columns) the rows, in one statement. Dates are sent as ISO 8601 UTC text, which
 * `timestamp` columns read as Prisma stores them (UTC wall clock); bigint values as text. A key missing
 * from a row is NULL. Table, column and type names are checked against fixed patterns (they come from
 * code, never from input).
 */
export async function insertJsonRows(tx: Tx, table: string, columns: ColumnTypes, rows: ReadonlyArray<Record<string, unknown>>, { onConflictDoNothing = false } = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const names = Object.keys(columns);
  if (!IDENTIFIER.test(table) || names.some((c) => !IDENTIFIER.test(c) || !SQL_TYPE.test(columns[c]!))) throw new Error(`insertJsonRows: bad table or column definition for ${table}`);
  const list = names.map((c) => `"${c}"`).join(", ");
  const defs = names.map((c) => `"${c}" ${columns[c]}`).join(", ");
  const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  return tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS v(${defs})${onConflictDoNothing ? " ON CONFLICT DO NOTHING" : ""}`, json);
}

/** A model's own columns as the bulk paths insert a new one (CSV/MLflow rows and inventory documents). */
export const MODEL_COLUMN_TYPES = {
  id: "uuid",
  key: "text",
  name: "text",
  description: "text",
  intendedPurpose: "text",
  foreseeableMisuse: "text",
  businessUnitId: "uuid",
  actorRole: '"ActorRole"',
  publicAuthority: "boolean",
  lifecycle: '"Lifecycle"',
  environments: "text[]",
  businessOwnerId: "uuid",
  technicalOwnerId: "uuid",
  nextReviewAt: "timestamp(3)",
  euDatabaseId: "text",
  updatedAt: "timestamp(3)",
} as const satisfies ColumnTypes;

/** A model version's registry columns as the bulk paths insert a new one. */
export const VERSION_COLUMN_TYPES = {
  id: "uuid",
  modelId: "uuid",
  version: "text",
  registryUri: "text",
  stage: "text",
  active: "boolean",
  trainingPipelineVersion: "text",
  servingPipelineVersion: "text",
  updatedAt: "timestamp(3)",
} as const satisfies ColumnTypes;
