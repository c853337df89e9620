import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { needsFirstAdmin } from "@/lib/users/users";
import { SignInForm } from "./sign-in-form";
import { SsoButton } from "./sso-button";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** next-auth's error codes on the sign-in page (?error=…), in words a person can act on. */
const ERRORS: Record<string, string> = {
  OAuthCallback: "Single sign-on did not complete: the answer from the identity provider could not be verified. Try again.",
  OAuthSignin: "Single sign-on could not start: the identity provider is unreachable or misconfigured.",
  Callback: "Single sign-on did not complete. Try again.",
  AccessDenied: "You are not allowed to sign in to Dossier.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await needsFirstAdmin()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl ?? "/home");
  const auth = env.auth();
  const errorCode = first(params.error);
  // with password sign-in off, the form is only offered to break-glass accounts, on request
  const showPasswordForm = auth.passwordSignIn || first(params["break-glass"]) === "1";
  return (
    <main className="auth-page">
      <h1>Sign in to Dossier</h1>
      {params.created === "1" && <p className="notice">Your administrator account is ready. Sign in with it.</p>}
      {errorCode && errorCode !== "CredentialsSignin" && (
        <p className="form-error" data-testid="signin-page-error">
          {ERRORS[errorCode] ?? "Sign-in did not complete. Try again."}
        </p>
      )}
      {auth.oidc && (
        <div className="card">
          <SsoButton name={auth.oidc.name} callbackUrl={callbackUrl} />
        </div>
      )}
      {showPasswordForm && (
        <div className="card">
          {!auth.passwordSignIn && <p className="notice">Break-glass sign-in: only for emergency accounts. It is audited.</p>}
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      )}
    </main>
  );
}

function first(raw: string | string[] | undefined): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw;
}
