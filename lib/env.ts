// The one place that reads configuration from the environment. Values are read lazily so that
// `next build` does not need a database URL or secrets.
const DEFAULT_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/dossier";

export const env = {
  databaseUrl: () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  databasePoolMax: () => positiveInt(process.env.DATABASE_POOL_MAX, 10),
  /** days of per-feature monitoring detail kept (lib/monitoring/retention.ts); 0 = keep everything */
  monitoringDetailRetentionDays: () => nonNegativeInt(process.env.DOSSIER_MONITORING_DETAIL_RETENTION_DAYS, 400),
  /** how long a transaction may wait to start (Prisma's maxWait, default 2 s); the embedded database, which runs transactions one at a time, sets it higher */
  transactionMaxWaitMs: () => positiveInt(process.env.DATABASE_TRANSACTION_MAX_WAIT_MS, 2000),
  databaseTimeouts: (): DatabaseTimeouts => {
    const statementMs = positiveInt(process.env.DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_TIMEOUT_DEFAULTS.statementMs);
    return {
      connectMs: positiveInt(process.env.DATABASE_CONNECT_TIMEOUT_MS, DATABASE_TIMEOUT_DEFAULTS.connectMs),
      statementMs,
      lockMs: positiveInt(process.env.DATABASE_LOCK_TIMEOUT_MS, DATABASE_TIMEOUT_DEFAULTS.lockMs),
      idleInTransactionMs: positiveInt(process.env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, DATABASE_TIMEOUT_DEFAULTS.idleInTransactionMs),
      // a frozen server never answers, so the server-side statement_timeout cannot fire: the client
      // gives up a little after the server would have
      queryMs: positiveInt(process.env.DATABASE_QUERY_TIMEOUT_MS, statementMs + 5_000),
    };
  },
  /** how long an Idempotency-Key stays held by a request that stopped renewing it (its server died) */
  idempotencyLeaseMs: () => positiveInt(process.env.DOSSIER_IDEMPOTENCY_LEASE_MS, 30_000),
};

export type DatabaseTimeouts = { connectMs: number; statementMs: number; lockMs: number; idleInTransactionMs: number; queryMs: number };

/** Documented in the README's configuration table. */
export const DATABASE_TIMEOUT_DEFAULTS = { connectMs: 5_000, statementMs: 30_000, lockMs: 10_000, idleInTransactionMs: 60_000 } as const;

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function nonNegativeInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}
