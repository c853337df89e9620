"use client";

import { useActionState } from "react";
import { ROLE_LABELS } from "@/lib/labels";
import { userLifecycleAction, type LifecycleState } from "./lifecycle-actions";

type Row = { id: string; email: string; role: string; active: boolean; source: "PASSWORD" | "SSO"; mfa: boolean; self: boolean };

export function UserActions({ user }: { user: Row }) {
  const [state, action, pending] = useActionState<LifecycleState, FormData>(userLifecycleAction, {});
  const hidden = <input type="hidden" name="userId" value={user.id} />;
  return (
    <div className="stack" data-testid={`user-actions-${user.email}`}>
      {state.error && <p className="form-error">{state.error}</p>}
      {state.message && <p className="notice">{state.message}</p>}
      {state.oneTimePassword && (
        <p>
          <code data-testid="one-time-password">{state.oneTimePassword}</code>
        </p>
      )}
      {!user.self && (
        <div className="row-actions">
          <form action={action}>
            {hidden}
            <input type="hidden" name="operation" value={user.active ? "deactivate" : "reactivate"} />
            <button type="submit" className="secondary" disabled={pending}>
              {user.active ? "Deactivate" : "Reactivate"}
            </button>
          </form>
          {user.source === "PASSWORD" && (
            <>
              <form action={action}>
                {hidden}
                <input type="hidden" name="operation" value="role" />
                <select name="role" defaultValue={user.role} aria-label={`Role of ${user.email}`}>
                  {Object.entries(ROLE_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit" className="secondary" disabled={pending}>
                  Change role
                </button>
              </form>
              <form action={action}>
                {hidden}
                <input type="hidden" name="operation" value="password" />
                <button type="submit" className="secondary" disabled={pending}>
                  Reset password
                </button>
              </form>
              {user.mfa && (
                <form action={action}>
                  {hidden}
                  <input type="hidden" name="operation" value="mfa" />
                  <button type="submit" className="secondary" disabled={pending}>
                    Reset second factor
                  </button>
                </form>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
