// The one place that reads configuration from the environment. Values are read lazily so that
// `next build` does not need a database URL or secrets.
const DEFAULT_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/dossier";

export const env = {
  databaseUrl: () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  databasePoolMax: () => positiveInt(process.env.DATABASE_POOL_MAX, 10),
  /** days of per-feature monitoring detail kept (lib/monitoring/retention.ts); 0 = keep everything */
  monitoringDetailRetentionDays: () => nonNegativeInt(process.env.DOSSIER_MONITORING_DETAIL_RETENTION_DAYS, 400),
};

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function nonNegativeInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}
