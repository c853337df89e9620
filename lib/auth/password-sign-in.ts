// Password sign-in, kept out of next-auth's `authorize` so that other checks (throttling, lockout)
// can wrap it there without touching this logic. Order matters: the password is verified (or a
// dummy hash spent) before anything about the account is revealed.
import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { AppError } from "../errors";
import { env } from "../env";
import { AuthSource } from "../generated/prisma/enums";
import { dummyPasswordHash, verifyPassword } from "./password";
import { signInSchema } from "./schemas";
import { verifySecondFactor } from "./mfa";
import { recordSignIn, recordSignInFailure, type SignInFailureReason } from "./sign-in-audit";

/** Errors the sign-in form understands (next-auth passes an `authorize` error's message through). */
export const SIGN_IN_ERRORS = {
  secondFactorRequired: "SECOND_FACTOR_REQUIRED",
  secondFactorInvalid: "SECOND_FACTOR_INVALID",
} as const;

const credentialsSchema = signInSchema.extend({
  otp: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export type SignedInUser = { id: string; email: string; name: string; role: string; sessionVersion: number; source: AuthSource };

export type PasswordSignInResult = { outcome: "success"; user: SignedInUser } | { outcome: "failure"; reason: SignInFailureReason } | { outcome: "second-factor-required" };

export async function signInWithPassword(credentials: unknown, now = new Date()): Promise<PasswordSignInResult> {
  const parsed = credentialsSchema.safeParse(credentials ?? {});
  if (!parsed.success) return { outcome: "failure", reason: "unknown-account" };
  const email = parsed.data.email.toLowerCase();
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, source: true, breakGlass: true, sessionVersion: true, totpEnabledAt: true },
  });
  const hash = user && user.source === AuthSource.PASSWORD ? user.passwordHash : await dummyPasswordHash();
  // spend the same time for unknown and SSO users, so timing does not reveal which e-mails exist
  const passwordOk = await verifyPassword(parsed.data.password, hash);

  const fail = async (reason: SignInFailureReason): Promise<PasswordSignInResult> => {
    await prisma.$transaction((tx) => recordSignInFailure(tx, { userId: user?.id ?? null, email, method: "password", reason }));
    return { outcome: "failure", reason };
  };
  if (!user) return fail("unknown-account");
  if (user.source !== AuthSource.PASSWORD) return fail("sso-account");
  if (!passwordOk) return fail("wrong-password");
  if (!user.active) return fail("account-deactivated");
  if (!env.auth().passwordSignIn && !user.breakGlass) return fail("password-sign-in-off");

  let secondFactor: string | undefined;
  if (user.totpEnabledAt) {
    if (!parsed.data.otp) return { outcome: "second-factor-required" };
    const factor = await verifySecondFactor({ userId: user.id, code: parsed.data.otp, now });
    if (!factor) return fail("second-factor-invalid");
    secondFactor = factor;
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    await recordSignIn(tx, { userId: user.id, email, method: "password", secondFactor, breakGlass: user.breakGlass && !env.auth().passwordSignIn });
  });
  return { outcome: "success", user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion, source: user.source } };
}

/**
 * next-auth's `authorize` for the credentials provider: the user, null (wrong credentials; the form
 * shows one message for all of them), or an AppError whose message tells the form to ask for a code
 * (AppErrors pass through options.ts's error filter). `throttle` wraps the check: a null counts as a
 * failure there, so a wrong second-factor code counts too before it is reported as such.
 */
export async function authorizeWithPassword(
  credentials: unknown,
  throttle: (check: () => Promise<SignedInUser | null>) => Promise<SignedInUser | null> = (check) => check(),
): Promise<SignedInUser | null> {
  let secondFactorInvalid = false;
  const user = await throttle(async () => {
    const result = await signInWithPassword(credentials);
    if (result.outcome === "second-factor-required") throw new AppError("UNAUTHENTICATED", SIGN_IN_ERRORS.secondFactorRequired);
    if (result.outcome === "failure") {
      secondFactorInvalid = result.reason === "second-factor-invalid";
      return null;
    }
    return result.user;
  });
  if (!user && secondFactorInvalid) throw new AppError("UNAUTHENTICATED", SIGN_IN_ERRORS.secondFactorInvalid);
  return user;
}
