// Sign-in, sessions, the user lifecycle and TOTP on the real database, through the same functions
// the running app uses: next-auth's authorize/jwt/session callbacks and the per-request re-check.
import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { userForSession } from "@/lib/auth/session";
import { confirmTotpEnrolment, startTotpEnrolment, totpCodeAt } from "@/lib/auth/mfa";
import { createUserAsSystem } from "@/lib/users/users";
import { changeUserRole, deactivateUser, reactivateUser, resetPassword } from "@/lib/users/lifecycle";
import { createApiToken, verifyApiToken } from "@/lib/tokens/tokens";
import { Role } from "@/lib/generated/prisma/enums";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DOSSIER_REQUIRE_MFA = "on";

const PASSWORD = "correct horse battery";
const run = randomUUID().slice(0, 8);
let admin: { id: string; email: string; role: Role };

type Authorize = (c: Record<string, string>) => Promise<{ id: string; sessionVersion?: number } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/** What the browser would carry after signing in: next-auth's jwt then session callbacks. */
async function signIn(credentials: Record<string, string>): Promise<Session> {
  const user = await authorize(credentials);
  if (!user) throw new Error("sign-in refused");
  const token = await authOptions.callbacks!.jwt!({ token: {}, user: user as never, account: { provider: "credentials", type: "credentials", providerAccountId: user.id }, trigger: "signIn" });
  return authOptions.callbacks!.session!({ session: { user: {}, expires: "" } as never, token, user: undefined as never, newSession: undefined, trigger: "update" }) as Promise<Session>;
}

async function newUser(local: string, role: Role) {
  return createUserAsSystem({ role, input: { name: `${local} ${run}`, email: `${local}-${run}@lifecycle.example`, password: PASSWORD } });
}

beforeAll(async () => {
  admin = await newUser("admin", Role.ADMIN);
  // the acting admin has a second factor, so their own session is not held for enrolment
  await prisma.user.update({ where: { id: admin.id }, data: { totpEnabledAt: new Date() } });
});
afterAll(() => prisma.$disconnect());

const actor = () => ({ id: admin.id, role: admin.role, email: admin.email });

describe("deactivation", () => {
  it("ends an active session and the user's API tokens on the next request; reactivation brings neither back", async () => {
    const owner = await newUser("owner", Role.MODEL_OWNER);
    const session = await signIn({ email: owner.email, password: PASSWORD });
    expect(await userForSession(session)).toMatchObject({ id: owner.id, role: Role.MODEL_OWNER, mfaEnrollmentRequired: false });
    const { token } = await createApiToken({ actor: { id: owner.id, role: owner.role, email: owner.email }, input: { name: "ci", scopes: ["read"], modelKeys: ["some-model"], expiresInDays: 30 } });
    expect(await verifyApiToken(token)).not.toBeNull();

    expect(await deactivateUser({ actor: actor(), userId: owner.id })).toEqual({ tokensRevoked: 1 });
    expect(await userForSession(session)).toBeNull();
    expect(await verifyApiToken(token)).toBeNull();
    await expect(authorize({ email: owner.email, password: PASSWORD })).resolves.toBeNull();

    await reactivateUser({ actor: actor(), userId: owner.id });
    expect(await userForSession(session)).toBeNull();
    expect(await verifyApiToken(token)).toBeNull();
    expect(await userForSession(await signIn({ email: owner.email, password: PASSWORD }))).toMatchObject({ id: owner.id });

    const events = await prisma.auditEvent.findMany({ where: { entityId: owner.id }, orderBy: { seq: "asc" }, select: { action: true, actorLabel: true, after: true } });
    expect(events.map((e) => e.action)).toEqual(["user.create", "auth.signIn", "user.deactivate", "auth.signInFailed", "user.reactivate", "auth.signIn"]);
    expect(events[2]).toMatchObject({ actorLabel: admin.email, after: { tokensRevoked: 1, sessionsEnded: true } });
    expect(events[3]?.after).toEqual({ outcome: "failure", method: "password", reason: "account-deactivated" });
  });

  it("an admin cannot deactivate themselves, and only admins may deactivate", async () => {
    await expect(deactivateUser({ actor: actor(), userId: admin.id })).rejects.toThrow(/your own account/);
    const officer = await newUser("officer", Role.COMPLIANCE_OFFICER);
    await expect(deactivateUser({ actor: { id: officer.id, role: officer.role, email: officer.email }, userId: admin.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deactivateUser({ actor: actor(), userId: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("role change and password reset", () => {
  it("a role change applies at the next request and is audited", async () => {
    const exec = await newUser("exec", Role.EXECUTIVE);
    const session = await signIn({ email: exec.email, password: PASSWORD });
    await changeUserRole({ actor: actor(), userId: exec.id, role: Role.AUDITOR });
    expect((await userForSession(session))?.role).toBe(Role.AUDITOR);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: exec.id, action: "user.role.change" } });
    expect(event).toMatchObject({ before: { role: "EXECUTIVE" }, after: { role: "AUDITOR" } });
    await expect(changeUserRole({ actor: actor(), userId: exec.id, role: "ROOT" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses a role change for an SSO user (the identity provider decides)", async () => {
    const sso = await prisma.user.create({
      data: { email: `sso-${run}@lifecycle.example`, name: "S", role: Role.EXECUTIVE, passwordHash: "!sso", source: "SSO", oidcIssuer: "https://idp.example", oidcSubject: `s-${run}` },
    });
    await expect(changeUserRole({ actor: actor(), userId: sso.id, role: Role.ADMIN })).rejects.toThrow(/identity provider/);
    await expect(resetPassword({ actor: actor(), userId: sso.id })).rejects.toThrow(/SSO/);
    // and a password never signs in an SSO account
    await expect(authorize({ email: sso.email, password: "!sso" })).resolves.toBeNull();
  });

  it("a reset password is returned once, works, ends old sessions, and is never stored or audited in clear", async () => {
    const owner = await newUser("reset", Role.MODEL_OWNER);
    const session = await signIn({ email: owner.email, password: PASSWORD });
    const { password } = await resetPassword({ actor: actor(), userId: owner.id });
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await userForSession(session)).toBeNull();
    await expect(authorize({ email: owner.email, password: PASSWORD })).resolves.toBeNull();
    expect(await userForSession(await signIn({ email: owner.email, password }))).toMatchObject({ id: owner.id });
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(stored.passwordHash).not.toContain(password);
    const events = await prisma.auditEvent.findMany({ where: { entityId: owner.id } });
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(password);
  });
});

describe("TOTP second factor", () => {
  it("enrolment, sign-in with a code, replay refused, recovery codes single-use", async () => {
    const officer = await newUser("totp", Role.COMPLIANCE_OFFICER);
    // DOSSIER_REQUIRE_MFA=on: a password compliance officer must enrol before doing anything
    const first = await signIn({ email: officer.email, password: PASSWORD });
    expect(await userForSession(first)).toMatchObject({ mfaEnrollmentRequired: true });

    const enrolment = await startTotpEnrolment({ userId: officer.id });
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Dossier:.*secret=/);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: officer.id } });
    expect(row.totpPendingSecret).not.toContain(enrolment.secret); // sealed, not in clear
    await expect(confirmTotpEnrolment({ userId: officer.id, code: "000000" === totpCodeAt(enrolment.secret, new Date()) ? "111111" : "000000" })).rejects.toMatchObject({ code: "VALIDATION" });
    // confirm with the previous 30-second step's code (still within the allowed drift)
    const { recoveryCodes } = await confirmTotpEnrolment({ userId: officer.id, code: totpCodeAt(enrolment.secret, new Date(Date.now() - 30_000)) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await userForSession(first)).toMatchObject({ mfaEnrollmentRequired: false });

    // the password alone now asks for the second factor
    await expect(authorize({ email: officer.email, password: PASSWORD })).rejects.toThrow("SECOND_FACTOR_REQUIRED");
    // a wrong password is still just a wrong password (the code step is not revealed)
    await expect(authorize({ email: officer.email, password: "wrong password!", otp: "123456" })).resolves.toBeNull();

    const code = totpCodeAt(enrolment.secret, new Date());
    expect(await userForSession(await signIn({ email: officer.email, password: PASSWORD, otp: code }))).toMatchObject({ id: officer.id });
    await expect(authorize({ email: officer.email, password: PASSWORD, otp: code })).rejects.toThrow("SECOND_FACTOR_INVALID");

    const recovery = recoveryCodes[3]!;
    expect(await signIn({ email: officer.email, password: PASSWORD, otp: recovery.toUpperCase() })).toBeTruthy();
    await expect(authorize({ email: officer.email, password: PASSWORD, otp: recovery })).rejects.toThrow("SECOND_FACTOR_INVALID");
    // another user's recovery code is no use here
    await expect(authorize({ email: officer.email, password: PASSWORD, otp: "aaaa-bbbb-cccc-dddd" })).rejects.toThrow("SECOND_FACTOR_INVALID");

    const stored = await prisma.recoveryCode.findMany({ where: { userId: officer.id } });
    expect(stored.filter((c) => c.usedAt)).toHaveLength(1);
    expect(stored.some((c) => c.codeHash.includes(recovery))).toBe(false);
    const signIns = await prisma.auditEvent.findMany({
      where: { entityId: officer.id, action: { in: ["auth.signIn", "auth.signInFailed", "user.mfa.enable"] } },
      orderBy: { seq: "asc" },
      select: { action: true, after: true },
    });
    expect(signIns.map((e) => [e.action, (e.after as { secondFactor?: string; reason?: string }).secondFactor ?? (e.after as { reason?: string }).reason ?? null])).toEqual([
      ["auth.signIn", null],
      ["user.mfa.enable", null],
      ["auth.signInFailed", "wrong-password"],
      ["auth.signIn", "totp"],
      ["auth.signInFailed", "second-factor-invalid"],
      ["auth.signIn", "recovery-code"],
      ["auth.signInFailed", "second-factor-invalid"],
      ["auth.signInFailed", "second-factor-invalid"],
    ]);
  });

  it("with DOSSIER_REQUIRE_MFA=off (the demo) a password admin is not held for enrolment", async () => {
    const other = await newUser("nomfa", Role.ADMIN);
    const session = await signIn({ email: other.email, password: PASSWORD });
    expect(await userForSession(session)).toMatchObject({ mfaEnrollmentRequired: true });
    process.env.DOSSIER_REQUIRE_MFA = "off";
    try {
      expect(await userForSession(session)).toMatchObject({ mfaEnrollmentRequired: false });
    } finally {
      process.env.DOSSIER_REQUIRE_MFA = "on";
    }
  });
});

describe("password sign-in switched off (SSO only)", () => {
  it("refuses password accounts but lets a break-glass account in, audited as such", async () => {
    const normal = await newUser("nobreak", Role.AUDITOR);
    const breakGlass = await createUserAsSystem({ role: Role.AUDITOR, breakGlass: true, input: { name: `Break ${run}`, email: `breakglass-${run}@lifecycle.example`, password: PASSWORD } });
    const saved = { ...process.env };
    Object.assign(process.env, { DOSSIER_PASSWORD_SIGNIN: "off", DOSSIER_OIDC_ISSUER: "https://idp.example", DOSSIER_OIDC_CLIENT_ID: "c", DOSSIER_OIDC_CLIENT_SECRET: "s" });
    try {
      await expect(authorize({ email: normal.email, password: PASSWORD })).resolves.toBeNull();
      expect(await authorize({ email: breakGlass.email, password: PASSWORD })).toMatchObject({ id: breakGlass.id });
    } finally {
      for (const k of ["DOSSIER_PASSWORD_SIGNIN", "DOSSIER_OIDC_ISSUER", "DOSSIER_OIDC_CLIENT_ID", "DOSSIER_OIDC_CLIENT_SECRET"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    const refused = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: normal.id, action: "auth.signInFailed" } });
    expect(refused.after).toMatchObject({ reason: "password-sign-in-off" });
    const allowed = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: breakGlass.id, action: "auth.signIn" } });
    expect(allowed.after).toMatchObject({ method: "password", breakGlass: true });
    // back on: the normal account signs in again
    expect(await authorize({ email: normal.email, password: PASSWORD })).toMatchObject({ id: normal.id });
  });
});

describe("sign-out", () => {
  it("is an audit event", async () => {
    const owner = await newUser("signout", Role.MODEL_OWNER);
    await authOptions.events!.signOut!({ token: { uid: owner.id }, session: undefined as never });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: owner.id, action: "auth.signOut" } });
    expect(event.actorLabel).toBe(owner.email);
  });
});
