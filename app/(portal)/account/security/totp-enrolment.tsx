"use client";

import { useActionState } from "react";
import { enrolTotpAction, type EnrolState } from "./actions";

export function TotpEnrolment() {
  const [state, action, pending] = useActionState<EnrolState, FormData>(enrolTotpAction, { step: "idle" });
  if (state.step === "done") {
    return (
      <div className="stack" data-testid="totp-done">
        <p className="notice">Two-factor authentication is on. From now on you sign in with your password and a code from the app.</p>
        <p>
          <strong>Recovery codes.</strong> Each works once, in place of a code, if you lose your phone. They are shown only now: store them somewhere safe.
        </p>
        <ul data-testid="recovery-codes">
          {state.recoveryCodes?.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <a href="/dashboard">Continue to Dossier</a>
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      {state.error && <p className="form-error">{state.error}</p>}
      {state.step === "idle" && (
        <form action={action}>
          <input type="hidden" name="step" value="start" />
          <button type="submit" disabled={pending}>
            Set up an authenticator app
          </button>
        </form>
      )}
      {state.step === "scan" && (
        <form action={action} className="stack" noValidate>
          <input type="hidden" name="step" value="confirm" />
          <p>Scan this code with an authenticator app (e.g. Microsoft or Google Authenticator, 1Password, FreeOTP), then enter the 6 digits it shows.</p>
          {/* a data: URL rendered on the server: no third-party QR service sees the secret; next/image would
              only pass a data: URL through unoptimised */}
          {/* eslint-disable-next-line @next/next/no-img-element -- a server-rendered data: URL, nothing to optimise */}
          <img src={state.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} data-testid="totp-qr" />
          <p>
            Or type this key: <code data-testid="totp-secret">{state.secret}</code>
          </p>
          <label>
            Code from the app
            <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} aria-invalid={!!state.codeError} />
            {state.codeError && <span className="field-error">{state.codeError}</span>}
          </label>
          <div>
            <button type="submit" disabled={pending}>
              Turn on two-factor authentication
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
