// The one place that reads configuration from the environment (ESLint refuses `process.env` anywhere
// else in lib/). Values are read lazily, on each call, so that `next build` does not need a database URL
// or secrets and a test may change a variable between calls. A variable that is set but malformed is an
// error naming it, not a silent default.
import { z } from "zod";
import { Role } from "./generated/prisma/enums";

const DEFAULT_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/dossier";

export const env = {
  databaseUrl: () => process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  databasePoolMax: () => positiveInt(process.env.DATABASE_POOL_MAX, 10),
  /** days of per-feature monitoring detail kept (lib/monitoring/retention.ts); 0 = keep everything */
  monitoringDetailRetentionDays: () => nonNegativeInt(process.env.DOSSIER_MONITORING_DETAIL_RETENTION_DAYS, 400),
  /** how long a transaction may wait to start (Prisma's maxWait, default 2 s); the embedded database, which runs transactions one at a time, sets it higher */
  transactionMaxWaitMs: () => positiveInt(process.env.DATABASE_TRANSACTION_MAX_WAIT_MS, 2000),
  nextAuthSecret: () => process.env.NEXTAUTH_SECRET,
  auth: () => authConfig(process.env),
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
  /** the portal's public URL as next-auth knows it (an allowed origin); left unvalidated: next-auth reports a malformed one */
  nextAuthUrl: () => process.env.NEXTAUTH_URL || undefined,
  /** the scheduler (lib/jobs/scheduler.ts) */
  jobs: () => ({
    scanCron: variable("DOSSIER_SCAN_CRON", cron, "*/15 * * * *"),
    deliverCron: variable("DOSSIER_DELIVER_CRON", cron, "* * * * *"),
    retentionCron: variable("DOSSIER_RETENTION_CRON", cron, "30 3 * * *"),
    cronMonitorSeconds: variable("DOSSIER_CRON_MONITOR_SECONDS", int(1, 45), 30),
    pollingSeconds: variable("DOSSIER_JOB_POLLING_SECONDS", int(1, 60), 2),
    instanceId: variable("DOSSIER_INSTANCE_ID", z.string().max(200), `${process.pid}`),
  }),
  /** PDF render workers; undefined = one per core but one, at most four (lib/dossier/pool.ts) */
  pdfWorkers: () => variable("DOSSIER_PDF_WORKERS", int(1, Number.MAX_SAFE_INTEGER), undefined),
  /** the environment a render worker thread starts with: ours, in production mode unless told otherwise (React's development build renders ~30 % slower) */
  workerEnv: (): NodeJS.ProcessEnv => ({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" }),
  /** sign-in throttling (lib/auth/throttle.ts) */
  signInThrottle: () => ({
    windowMinutes: variable("DOSSIER_SIGNIN_WINDOW_MINUTES", int(1), 15),
    maxFailures: variable("DOSSIER_SIGNIN_MAX_FAILURES", int(1), 5),
    maxFailuresPerAddress: variable("DOSSIER_SIGNIN_MAX_FAILURES_PER_ADDRESS", int(1), 20),
    lockMinutes: variable("DOSSIER_SIGNIN_LOCK_MINUTES", int(1), 15),
  }),
  /** how many proxies in front of us append to X-Forwarded-For (the client address is that many entries from the end) */
  trustedProxyHops: () => variable("DOSSIER_TRUSTED_PROXY_HOPS", int(1), 1),
  /** API body limits in MB (lib/api/body.ts, lib/imports/limits.ts) */
  monitoringBodyLimitMb: () => variable("DOSSIER_API_MONITORING_BODY_LIMIT_MB", positiveNumber, 64),
  importBodyLimitMb: () => variable("DOSSIER_API_IMPORT_BODY_LIMIT_MB", positiveNumber, 20),
  /** API requests per minute per token (lib/api/rate-limit.ts) */
  apiRateLimitPerMinute: () => variable("DOSSIER_API_RATE_LIMIT", int(1), 600),
  /** email (lib/notifications/email.ts); no SMTP_URL = no email */
  mail: () => {
    const smtpUrl = variable("SMTP_URL", z.string(), undefined);
    if (!smtpUrl) return null;
    return {
      smtpUrl,
      from: variable("MAIL_FROM", z.string(), "Dossier <dossier@localhost>"),
      portalUrl: (process.env.PORTAL_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, ""),
      digestHourUtc: variable("DOSSIER_DIGEST_HOUR", int(0, 23), 7),
    };
  },
};

const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number({ error: "must be a whole number" }).int({ error: "must be a whole number" }).min(min).max(max);
const positiveNumber = z.coerce.number({ error: "must be a number" }).positive();
// five fields (pg-boss's cron); the scheduler rejects a wrong field itself
const cron = z.string().regex(/^\S+(\s+\S+){4,5}$/, { error: "must be a cron expression of five fields (e.g. */15 * * * *)" });

/** One variable through its schema: unset or blank → `fallback`; set but invalid → an error naming the variable. */
export function variable<T, F extends T | undefined>(name: string, schema: z.ZodType<T>, fallback: F): T | F {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Configuration: ${name}=${JSON.stringify(raw.slice(0, 100))}: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
  return parsed.data;
}

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

// ---- sign-in configuration (single sign-on, password sign-in, MFA) ----

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** shown on the button: "Sign in with <name>" */
  name: string;
  /** scopes asked for (space-separated); must include openid */
  scopes: string;
  /** claim holding the groups (dotted path allowed, e.g. realm_access.roles) */
  roleClaim: string;
  /** group → role, in the order given */
  roleMap: ReadonlyArray<readonly [group: string, role: Role]>;
  /** role for someone with no mapped group; null → refused */
  defaultRole: Role | null;
};

export type AuthConfig = {
  oidc: OidcConfig | null;
  passwordSignIn: boolean;
  requireMfa: boolean;
  /** an SSO session lives at most this long, whatever the session cookie says */
  ssoMaxSessionSeconds: number;
};

const onOff = (name: string, fallback: "on" | "off") =>
  z
    .enum(["on", "off"], { error: `${name} must be "on" or "off".` })
    .default(fallback)
    .transform((v) => v === "on");

const roleName = (name: string) => z.enum(Object.values(Role) as [Role, ...Role[]], { error: `${name}: use one of ${Object.values(Role).join(", ")}.` });

/** "group=ROLE,group2=ROLE" → pairs; a group may itself contain "=" (the last one separates). */
export function parseRoleMap(raw: string): Array<readonly [string, Role]> {
  const pairs: Array<readonly [string, Role]> = [];
  for (const entry of raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const group = entry.slice(0, at).trim();
    const role = roleName("DOSSIER_OIDC_ROLE_MAP").safeParse(entry.slice(at + 1).trim());
    if (at <= 0 || !group) throw new Error(`DOSSIER_OIDC_ROLE_MAP: "${entry}" is not group=ROLE.`);
    if (!role.success) throw new Error(`DOSSIER_OIDC_ROLE_MAP: "${entry}": ${role.error.issues[0]?.message}`);
    pairs.push([group, role.data] as const);
  }
  return pairs;
}

const authEnvSchema = z.object({
  DOSSIER_OIDC_ISSUER: z.url({ error: "DOSSIER_OIDC_ISSUER must be the issuer URL (https://…)." }).max(2000).optional(),
  DOSSIER_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  DOSSIER_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  DOSSIER_OIDC_NAME: z.string().trim().min(1).max(60).default("SSO"),
  DOSSIER_OIDC_SCOPES: z.string().trim().min(1).max(1000).default("openid email profile"),
  DOSSIER_OIDC_ROLE_CLAIM: z.string().trim().min(1).max(200).default("groups"),
  DOSSIER_OIDC_ROLE_MAP: z.string().max(10_000).default(""),
  DOSSIER_OIDC_DEFAULT_ROLE: roleName("DOSSIER_OIDC_DEFAULT_ROLE").optional(),
  DOSSIER_PASSWORD_SIGNIN: onOff("DOSSIER_PASSWORD_SIGNIN", "on"),
  DOSSIER_REQUIRE_MFA: onOff("DOSSIER_REQUIRE_MFA", "on"),
  DOSSIER_SSO_MAX_SESSION_HOURS: z.coerce
    .number({ error: "DOSSIER_SSO_MAX_SESSION_HOURS must be a number of hours." })
    .positive()
    .max(24 * 30)
    .default(12),
});

let cached: { key: string; value: AuthConfig } | undefined;

/** The validated sign-in configuration; throws one clear message naming the variable at fault. */
export function authConfig(source: Record<string, string | undefined>): AuthConfig {
  const relevant = Object.fromEntries(Object.keys(authEnvSchema.shape).map((k) => [k, source[k] === "" ? undefined : source[k]]));
  const key = JSON.stringify(relevant);
  if (cached?.key === key) return cached.value;
  const parsed = authEnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Sign-in configuration: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = parsed.data;
  let oidc: OidcConfig | null = null;
  if (e.DOSSIER_OIDC_ISSUER) {
    if (!e.DOSSIER_OIDC_CLIENT_ID || !e.DOSSIER_OIDC_CLIENT_SECRET) {
      throw new Error("Sign-in configuration: DOSSIER_OIDC_ISSUER is set, so DOSSIER_OIDC_CLIENT_ID and DOSSIER_OIDC_CLIENT_SECRET are required.");
    }
    oidc = {
      issuer: e.DOSSIER_OIDC_ISSUER.replace(/\/+$/, ""),
      clientId: e.DOSSIER_OIDC_CLIENT_ID,
      clientSecret: e.DOSSIER_OIDC_CLIENT_SECRET,
      name: e.DOSSIER_OIDC_NAME,
      scopes: e.DOSSIER_OIDC_SCOPES.split(/\s+/).includes("openid") ? e.DOSSIER_OIDC_SCOPES : `openid ${e.DOSSIER_OIDC_SCOPES}`,
      roleClaim: e.DOSSIER_OIDC_ROLE_CLAIM,
      roleMap: parseRoleMap(e.DOSSIER_OIDC_ROLE_MAP),
      defaultRole: e.DOSSIER_OIDC_DEFAULT_ROLE ?? null,
    };
  }
  if (!oidc && !e.DOSSIER_PASSWORD_SIGNIN) {
    throw new Error("Sign-in configuration: DOSSIER_PASSWORD_SIGNIN=off needs single sign-on (DOSSIER_OIDC_ISSUER), or nobody could sign in.");
  }
  const value: AuthConfig = {
    oidc,
    passwordSignIn: e.DOSSIER_PASSWORD_SIGNIN,
    requireMfa: e.DOSSIER_REQUIRE_MFA,
    ssoMaxSessionSeconds: Math.round(e.DOSSIER_SSO_MAX_SESSION_HOURS * 3600),
  };
  cached = { key, value };
  return value;
}
