// Sign-in throttling, per account and per client address, counted in PostgreSQL so that every app
// instance behind the load balancer sees the same counters. After `maxFailures` failed sign-ins within
// `windowMs`, the account (or address) is locked for `baseLockMs`; each further lockout before a
// successful sign-in doubles the lock (capped at `maxLockMs`). While locked, even the right password
// is refused. Each lockout writes an audit event in the same transaction; an administrator can unlock.
import "server-only";
import { prisma } from "../db";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import { AppError } from "../errors";
import { SIGNIN_LOCKED_PREFIX } from "./lock-message";
import { env } from "../env";

export type ThrottleSettings = { windowMs: number; accountMaxFailures: number; addressMaxFailures: number; baseLockMs: number; maxLockMs: number };

const MINUTE = 60_000;

/** Defaults: 5 failures per account / 20 per address in 15 min → 15 min lock, doubling up to 24 h. */
export function throttleSettings(): ThrottleSettings {
  const configured = env.signInThrottle();
  return {
    windowMs: configured.windowMinutes * MINUTE,
    accountMaxFailures: configured.maxFailures,
    addressMaxFailures: configured.maxFailuresPerAddress,
    baseLockMs: configured.lockMinutes * MINUTE,
    maxLockMs: 24 * 60 * MINUTE,
  };
}

export type SignInSubject = { email: string; address: string | null };
export type LockState = { locked: false } | { locked: true; scope: "account" | "address"; until: Date };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

function keysOf(subject: SignInSubject): Array<{ key: string; scope: "account" | "address" }> {
  const keys: Array<{ key: string; scope: "account" | "address" }> = [{ key: accountKey(subject.email), scope: "account" }];
  if (subject.address) keys.push({ key: addressKey(subject.address), scope: "address" });
  return keys;
}

/** Is the account or the address locked at `now`? (The latest lock wins when both are.) */
export async function signInLockState(subject: SignInSubject, now = new Date()): Promise<LockState> {
  const keys = keysOf(subject);
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) }, lockedUntil: { gt: now } }, orderBy: { lockedUntil: "desc" } });
  const row = rows[0];
  if (!row?.lockedUntil) return { locked: false };
  return { locked: true, scope: row.key.startsWith("account:") ? "account" : "address", until: row.lockedUntil };
}

/**
 * Count one failed sign-in for the account and the address; starts a lock (and audits it) when a
 * counter reaches its limit. Returns the resulting lock state.
 */
export async function recordSignInFailure(subject: SignInSubject, now = new Date()): Promise<LockState> {
  const settings = throttleSettings();
  const windowStartedBefore = new Date(now.getTime() - settings.windowMs);
  // a lock that ended a day ago no longer makes the next one longer
  const lockHistoryForgottenBefore = new Date(now.getTime() - settings.maxLockMs);
  let state: LockState = { locked: false };
  for (const { key, scope } of keysOf(subject)) {
    const max = scope === "account" ? settings.accountMaxFailures : settings.addressMaxFailures;
    await prisma.$transaction(async (tx) => {
      // one row per key, locked for this transaction: concurrent failures on several instances count exactly
      const rows = await tx.$queryRaw<Array<{ failures: number; lockCount: number; lockedUntil: Date | null }>>`
        INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockCount", "updatedAt")
        VALUES (${key}, 1, ${now}, 0, ${now})
        ON CONFLICT ("key") DO UPDATE SET
          "failures" = CASE WHEN "SignInThrottle"."windowStart" <= ${windowStartedBefore} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
          "windowStart" = CASE WHEN "SignInThrottle"."windowStart" <= ${windowStartedBefore} THEN ${now} ELSE "SignInThrottle"."windowStart" END,
          "lockCount" = CASE WHEN "SignInThrottle"."lockedUntil" IS NOT NULL AND "SignInThrottle"."lockedUntil" <= ${lockHistoryForgottenBefore} THEN 0 ELSE "SignInThrottle"."lockCount" END,
          "updatedAt" = ${now}
        RETURNING "failures", "lockCount", "lockedUntil"`;
      const row = rows[0];
      if (!row) return;
      if (row.lockedUntil && row.lockedUntil > now) {
        if (!state.locked || row.lockedUntil > state.until) state = { locked: true, scope, until: row.lockedUntil };
        return;
      }
      if (row.failures < max) return;
      const lockMs = Math.min(settings.baseLockMs * 2 ** Math.min(row.lockCount, 20), settings.maxLockMs);
      const until = new Date(now.getTime() + lockMs);
      await tx.signInThrottle.update({ where: { key }, data: { lockedUntil: until, lockCount: row.lockCount + 1, failures: 0, windowStart: now, updatedAt: now } });
      await recordAudit(tx, {
        actor: { id: null, label: "sign-in throttle" },
        action: scope === "account" ? "auth.account.lock" : "auth.address.lock",
        entityType: scope === "account" ? "SignInAccount" : "SignInAddress",
        entityId: key.slice(key.indexOf(":") + 1),
        after: { failures: row.failures, windowMinutes: settings.windowMs / MINUTE, lockedUntil: until.toISOString(), lockMinutes: lockMs / MINUTE, lockNumber: row.lockCount + 1 },
      });
      if (!state.locked || until > state.until) state = { locked: true, scope, until };
    });
  }
  return state;
}

/** A successful sign-in clears the account's counters (the address keeps its own: one good password must not unlock a spraying address). */
export async function recordSignInSuccess(subject: SignInSubject): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: accountKey(subject.email) } });
}

export type LockedEntry = { scope: "account" | "address"; subject: string; lockedUntil: Date; lockCount: number };

/** Accounts and addresses locked now, for the administrators' users page. */
export async function listSignInLocks({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<LockedEntry[]> {
  assertCan(actor, "users.manage");
  const rows = await prisma.signInThrottle.findMany({ where: { lockedUntil: { gt: now } }, orderBy: { lockedUntil: "desc" }, take: 200 });
  return rows.map((r) => ({
    scope: r.key.startsWith("account:") ? "account" : "address",
    subject: r.key.slice(r.key.indexOf(":") + 1),
    lockedUntil: r.lockedUntil as Date,
    lockCount: r.lockCount,
  }));
}

/** An administrator lifts a lock (and forgets the failures that led to it); audited. */
export async function unlockSignIn({ actor, scope, subject }: { actor: Actor & { email: string }; scope: "account" | "address"; subject: string }): Promise<void> {
  assertCan(actor, "users.manage");
  const key = scope === "account" ? accountKey(subject) : addressKey(subject);
  await prisma.$transaction(async (tx) => {
    const removed = await tx.signInThrottle.deleteMany({ where: { key } });
    if (removed.count === 0) throw new AppError("NOT_FOUND", `No sign-in lock for ${scope} "${subject}".`);
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: scope === "account" ? "auth.account.unlock" : "auth.address.unlock",
      entityType: scope === "account" ? "SignInAccount" : "SignInAddress",
      entityId: key.slice(key.indexOf(":") + 1),
    });
  });
}

/**
 * The client's address from the request headers. Next.js sets X-Forwarded-For to the socket address
 * when no proxy did; behind `DOSSIER_TRUSTED_PROXY_HOPS` proxies (default 1: the nearest one, or Next
 * itself) the entry that many places from the right is the one a trusted hop wrote.
 */
export function clientAddress(headers: Headers | Record<string, unknown> | undefined): string | null {
  if (!headers) return null;
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : null;
  if (!value) return null;
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = env.trustedProxyHops();
  const entry = entries[Math.max(0, entries.length - hops)];
  // an address, not arbitrary text: it becomes a key and an audit entity id
  return entry && /^[0-9a-fA-F:.]{2,45}$/.test(entry) ? entry : null;
}

/** Thrown from `authorize`: next-auth passes the message to the form as `error`, which shows lockedMessage. */
export class SignInLockedError extends Error {
  constructor(readonly until: Date) {
    super(`${SIGNIN_LOCKED_PREFIX}${until.toISOString()}`);
  }
}

/**
 * The throttle around one credentials check: refused while locked (before the password is looked
 * at), a failure counted, a success clearing the account's counters.
 */
export async function throttledSignIn<T>(subject: SignInSubject, check: () => Promise<T | null>): Promise<T | null> {
  const before = await signInLockState(subject);
  if (before.locked) throw new SignInLockedError(before.until);
  const user = await check();
  if (user) {
    await recordSignInSuccess(subject);
    return user;
  }
  const after = await recordSignInFailure(subject);
  if (after.locked) throw new SignInLockedError(after.until);
  return null;
}
