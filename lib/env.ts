// The one place that reads configuration from the environment. Values are read lazily so that
// `next build` does not need a database URL or secrets.
const DEFAULT_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/dossier";

export const env = {
  databaseUrl: () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  databasePoolMax: () => positiveInt(process.env.DATABASE_POOL_MAX, 10),
  /** how long a transaction may wait to start (Prisma's maxWait, default 2 s); the embedded database, which runs transactions one at a time, sets it higher */
  transactionMaxWaitMs: () => positiveInt(process.env.DATABASE_TRANSACTION_MAX_WAIT_MS, 2000),
};

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
