"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { lockedMessageFor } from "@/lib/auth/lock-message";
import { safeCallbackPath } from "@/lib/auth/redirect";

type Errors = { email?: string; password?: string; otp?: string; form?: string };

// the messages of lib/auth/password-sign-in.ts SIGN_IN_ERRORS (not imported: that module is server-only)
const SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";
const SECOND_FACTOR_INVALID = "SECOND_FACTOR_INVALID";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  // after a correct password for an account with a second factor, the form asks for the code
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const otp = String(data.get("otp") ?? "").trim();
    const next: Errors = {};
    if (!email) next.email = "Enter your email address.";
    if (!password) next.password = "Enter your password.";
    if (askCode && !otp) next.otp = "Enter the code from your authenticator app, or a recovery code.";
    setErrors(next);
    if (next.email || next.password || next.otp) return;
    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, ...(askCode ? { otp } : {}), redirect: false });
      if (result?.error === SECOND_FACTOR_REQUIRED) {
        setAskCode(true);
        return;
      }
      if (result?.error === SECOND_FACTOR_INVALID) {
        setErrors({ otp: "That code is not valid, or it was already used. Wait for the next code and try again." });
        return;
      }
      if (result?.error === "DatabaseUnavailable") {
        setErrors({ form: "Sign-in is unavailable right now: the database is not answering. Try again in a moment." });
        return;
      }
      if (!result || result.error) {
        setErrors({ form: lockedMessageFor(result?.error ?? "") ?? "Wrong email or password, or the account is disabled." });
        return;
      }
      // a full navigation, so every server component renders with the new session
      // checked again here: the prop is the only input, but the rule must hold wherever we navigate
      window.location.assign(safeCallbackPath(callbackUrl) ?? "/home");
    } catch {
      setErrors({ form: "Sign-in is unavailable right now. Try again in a moment." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate data-testid="password-signin-form">
      {errors.form && (
        <p className="form-error" data-testid="signin-error">
          {errors.form}
        </p>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" aria-invalid={!!errors.email} readOnly={askCode} />
        {errors.email && <span className="field-error">{errors.email}</span>}
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} readOnly={askCode} />
        {errors.password && <span className="field-error">{errors.password}</span>}
      </label>
      {askCode && (
        <label>
          Authentication code
          <input name="otp" inputMode="numeric" autoComplete="one-time-code" autoFocus aria-invalid={!!errors.otp} maxLength={64} />
          <span className="hint">The 6-digit code from your authenticator app, or one of your recovery codes.</span>
          {errors.otp && <span className="field-error">{errors.otp}</span>}
        </label>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : askCode ? "Verify" : "Sign in"}
      </button>
    </form>
  );
}
