// Per-token rate limit: a fixed one-minute window counted in PostgreSQL (RateLimitWindow), so every app
// instance behind the load balancer shares the same counters. One upsert per request.
import "server-only";
import { direct, prisma, sql } from "../db";
import { AppError } from "../errors";
import { env } from "../env";

export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Requests per minute per token (`DOSSIER_API_RATE_LIMIT`, default 600). */
export function rateLimitPerMinute(): number {
  return env.apiRateLimitPerMinute();
}

/** A 429 that knows when the caller may try again (sent as Retry-After by lib/api/problem.ts). */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
  ) {
    super("RATE_LIMITED", `This token made more than ${limit} requests this minute; retry after ${retryAfterSeconds} s.`);
  }
}

export type RateLimitState = { limit: number; remaining: number; resetAt: Date };

/** Count one request of `principal`; throws RateLimitedError above the limit. */
export async function consumeRateLimit(principal: string, now = new Date()): Promise<RateLimitState> {
  const limit = rateLimitPerMinute();
  const windowStart = new Date(Math.floor(now.getTime() / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS);
  // Every request of a token updates the same row, and a row lock is held until the commit is flushed to
  // disk (~5 ms here): with durable commits a token's concurrent requests queued on that flush, one at a
  // time (at most ~200 requests/s per token, whatever the hardware). The counter's own commit is
  // asynchronous instead (set_config(…, true) holds for this statement's implicit transaction only): the
  // lock is released at once, and a crash can forget the last fraction of a second of counts — a token
  // may then make a few more requests in that minute than its limit, and nothing else is at stake.
  // (every API request: to the driver directly, lib/db.ts `direct`)
  const rows = await direct<{ count: number }>(
    prisma,
    sql`
    INSERT INTO "RateLimitWindow" ("principal", "windowStart", "count")
    SELECT ${principal}, ${windowStart.toISOString()}::timestamp(3), 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
    ON CONFLICT ("principal", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"::int AS count`,
  );
  const count = Number(rows[0]?.count ?? 1);
  const resetAt = new Date(windowStart.getTime() + RATE_LIMIT_WINDOW_MS);
  if (count === 1) void pruneOldWindows(windowStart);
  if (count > limit) throw new RateLimitedError(Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)), limit);
  return { limit, remaining: limit - count, resetAt };
}

/** Old windows are useless; the first request of a new window clears them (best effort, not awaited). */
async function pruneOldWindows(current: Date) {
  try {
    await prisma.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(current.getTime() - RATE_LIMIT_WINDOW_MS) } } });
  } catch (e) {
    console.error("[api] pruning rate-limit windows failed", e);
  }
}
