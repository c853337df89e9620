// Sign-in throttling (issue 10 item 5): after 5 failures in 15 minutes the account is locked, the right
// password does not get in while it is, each lockout is audited, an administrator can unlock; the
// counters live in PostgreSQL, so concurrent failures (as on several app instances) count exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/password";
import { lockedMessageFor } from "@/lib/auth/lock-message";
import { listSignInLocks, recordSignInFailure, signInLockState, SignInLockedError, unlockSignIn } from "@/lib/auth/throttle";

const run = Date.now().toString(36);
const email = `throttle-${run}@northwind.example`;
const password = "correct horse battery";
const address = `10.${run.length}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
let admin: { id: string; role: "ADMIN"; email: string };

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const attempt = (pw: string, opts: { email?: string; from?: string } = {}) => authorize({ email: opts.email ?? email, password: pw }, { headers: { "x-forwarded-for": opts.from ?? address } });

async function lockEvents(action: string, entityId: string) {
  return prisma.auditEvent.findMany({ where: { action, entityId }, orderBy: { seq: "asc" } });
}

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: "ADMIN", email: u.email };
  await prisma.user.create({ data: { email, name: "Throttle Test", role: "MODEL_OWNER", passwordHash: await hashPassword(password) } });
});
afterAll(async () => {
  await prisma.signInThrottle.deleteMany({
    where: { OR: [{ key: { contains: run } }, { key: { startsWith: `address:${address}` } }, { key: { startsWith: "address:10.250." } }, { key: { startsWith: "address:10.251." } }] },
  });
  // the user stays (unique per run): their sign-in events in the append-only audit log refer to them
  await prisma.$disconnect();
});

describe("sign-in throttling", () => {
  it("signs in with the right password, and a success clears earlier failures", async () => {
    for (let i = 0; i < 4; i++) expect(await attempt("wrong password!")).toBeNull();
    expect(await attempt(password)).toMatchObject({ email });
    for (let i = 0; i < 4; i++) expect(await attempt("wrong password!")).toBeNull();
    expect(await attempt(password)).toMatchObject({ email });
    expect(await lockEvents("auth.account.lock", email)).toHaveLength(0);
  });

  it("locks the account on the 5th failure; the right password is refused while locked; one audit event", async () => {
    for (let i = 0; i < 4; i++) expect(await attempt("wrong password!")).toBeNull();
    const fifth = attempt("wrong password!");
    await expect(fifth).rejects.toBeInstanceOf(SignInLockedError);
    await expect(attempt(password)).rejects.toBeInstanceOf(SignInLockedError);
    // from another address too: the account itself is locked
    await expect(attempt(password, { from: "10.250.0.9" })).rejects.toBeInstanceOf(SignInLockedError);
    const error = await attempt(password).catch((e: Error) => e);
    const message = lockedMessageFor((error as Error).message);
    expect(message).toMatch(/locked for (14|15) more minutes.*administrator/);
    const events = await lockEvents("auth.account.lock", email);
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ failures: 5, lockMinutes: 15, lockNumber: 1 });
  });

  it("lists the lock for administrators only, and an administrator's unlock lets the right password in (audited)", async () => {
    const locks = await listSignInLocks({ actor: admin });
    expect(locks.find((l) => l.scope === "account" && l.subject === email)).toBeDefined();
    const owner = await prisma.user.findUniqueOrThrow({ where: { email } });
    await expect(listSignInLocks({ actor: { id: owner.id, role: owner.role } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(unlockSignIn({ actor: { id: owner.id, role: owner.role, email }, scope: "account", subject: email })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await unlockSignIn({ actor: admin, scope: "account", subject: email.toUpperCase() });
    expect(await lockEvents("auth.account.unlock", email)).toHaveLength(1);
    expect(await attempt(password)).toMatchObject({ email });
  });

  it("doubles the lock after each lockout without a success, and the lock ends by itself", async () => {
    const subject = { email: `unknown-${run}@nowhere.example`, address: null };
    const t0 = new Date();
    let state = await recordSignInFailure(subject, t0);
    for (let i = 1; i < 5; i++) state = await recordSignInFailure(subject, t0);
    expect(state).toMatchObject({ locked: true, scope: "account" });
    expect(state.locked && state.until.getTime() - t0.getTime()).toBe(15 * 60_000);
    const after = new Date(t0.getTime() + 15 * 60_000 + 1);
    expect(await signInLockState(subject, after)).toEqual({ locked: false });
    for (let i = 0; i < 5; i++) state = await recordSignInFailure(subject, after);
    expect(state.locked && state.until.getTime() - after.getTime()).toBe(30 * 60_000);
    // unknown emails lock the same way: a lock says nothing about whether the account exists
    expect(await lockEvents("auth.account.lock", subject.email)).toHaveLength(2);
  });

  it("counts concurrent failures exactly (as several app instances would): one lock, one audit event", async () => {
    const subject = { email: `race-${run}@northwind.example`, address: null };
    const results = await Promise.all(Array.from({ length: 12 }, () => recordSignInFailure(subject)));
    expect(results.filter((r) => r.locked).length).toBeGreaterThanOrEqual(8);
    expect(await lockEvents("auth.account.lock", subject.email)).toHaveLength(1);
    const row = await prisma.signInThrottle.findUniqueOrThrow({ where: { key: `account:${subject.email}` } });
    expect(row.lockCount).toBe(1);
  });

  it("locks a client address after 20 failures across accounts, whatever account it tries next", async () => {
    // a fresh address per run: audit events (append-only) of earlier runs stay in the log
    const from = `10.251.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 19; i++) expect(await attempt("wrong password!", { email: `spray-${i}-${run}@northwind.example`, from })).toBeNull();
    await expect(attempt("wrong password!", { email: `spray-19-${run}@northwind.example`, from })).rejects.toBeInstanceOf(SignInLockedError);
    await expect(attempt(password, { from })).rejects.toBeInstanceOf(SignInLockedError);
    expect(await lockEvents("auth.address.lock", from)).toHaveLength(1);
    // the same account from elsewhere is not affected
    expect(await attempt(password, { from: "10.250.1.78" })).toMatchObject({ email });
  });
});
