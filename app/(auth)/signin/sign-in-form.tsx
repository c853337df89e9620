"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";

type Errors = { email?: string; password?: string; form?: string };

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const next: Errors = {};
    if (!email) next.email = "Enter your email address.";
    if (!password) next.password = "Enter your password.";
    setErrors(next);
    if (next.email || next.password) return;
    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.error === "DatabaseUnavailable") {
        setErrors({ form: "Sign-in is unavailable right now: the database is not answering. Try again in a moment." });
        return;
      }
      if (!result || result.error) {
        setErrors({ form: "Wrong email or password, or the account is disabled." });
        return;
      }
      // a full navigation, so every server component renders with the new session
      window.location.assign(callbackUrl ?? "/dashboard");
    } catch {
      setErrors({ form: "Sign-in is unavailable right now. Try again in a moment." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      {errors.form && (
        <p className="form-error" data-testid="signin-error">
          {errors.form}
        </p>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" aria-invalid={!!errors.email} />
        {errors.email && <span className="field-error">{errors.email}</span>}
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} />
        {errors.password && <span className="field-error">{errors.password}</span>}
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
