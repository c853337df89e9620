// Sign-in and sign-out events in the audit log (admins read them on the audit-log page). Failures
// record a reason class, never the password or code that was tried.
import "server-only";
import type { Tx } from "../db";
import { recordAudit } from "../audit-log/record";

export type SignInMethod = "password" | "sso";

export type SignInFailureReason =
  | "unknown-account"
  | "wrong-password"
  | "account-deactivated"
  | "sso-account" // a password was tried on an account that signs in with SSO
  | "password-sign-in-off"
  | "second-factor-invalid"
  | "no-mapped-group"
  | "email-in-use" // first SSO sign-in whose e-mail belongs to an account not linked to this identity
  | "missing-claims";

export const SIGN_IN_FAILURE_LABELS: Record<SignInFailureReason, string> = {
  "unknown-account": "no account with this e-mail",
  "wrong-password": "wrong password",
  "account-deactivated": "account deactivated",
  "sso-account": "password tried on an SSO account",
  "password-sign-in-off": "password sign-in is switched off",
  "second-factor-invalid": "wrong or reused second-factor code",
  "no-mapped-group": "no identity-provider group maps to a role",
  "email-in-use": "e-mail belongs to an account not linked to this identity",
  "missing-claims": "the identity provider sent no usable e-mail or subject",
};

const label = (email: string) => email.slice(0, 320);

export async function recordSignIn(tx: Tx, event: { userId: string; email: string; method: SignInMethod; secondFactor?: string; breakGlass?: boolean }): Promise<void> {
  await recordAudit(tx, {
    actor: { id: event.userId, label: label(event.email) },
    action: "auth.signIn",
    entityType: "User",
    entityId: event.userId,
    after: { outcome: "success", method: event.method, ...(event.secondFactor ? { secondFactor: event.secondFactor } : {}), ...(event.breakGlass ? { breakGlass: true } : {}) },
  });
}

export async function recordSignInFailure(tx: Tx, event: { userId: string | null; email: string; method: SignInMethod; reason: SignInFailureReason }): Promise<void> {
  await recordAudit(tx, {
    actor: { id: event.userId, label: label(event.email) },
    action: "auth.signInFailed",
    entityType: "User",
    entityId: event.userId ?? "unknown",
    after: { outcome: "failure", method: event.method, reason: event.reason },
  });
}

export async function recordSignOut(tx: Tx, event: { userId: string; email: string }): Promise<void> {
  await recordAudit(tx, { actor: { id: event.userId, label: label(event.email) }, action: "auth.signOut", entityType: "User", entityId: event.userId });
}
