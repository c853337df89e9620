import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { ROLE_LABELS } from "@/lib/labels";
import { listUsers } from "@/lib/users/users";
import { listSignInLocks } from "@/lib/auth/throttle";
import { unlockSignInAction } from "./actions";
import { NewUserForm } from "./new-user-form";
import { UserActions } from "./user-actions";

export const metadata: Metadata = { title: "Users" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export default async function UsersPage() {
  const user = await requirePageUser("/admin/users");
  if (!can(user, "users.manage")) forbidden();
  const users = await listUsers({ actor: user });
  const locks = await listSignInLocks({ actor: user });
  return (
    <>
      <h1>Users</h1>
      <p>
        Sign-in and sign-out events are in the <Link href="/audit-log">audit log</Link> (actions <code>auth.signIn</code>, <code>auth.signInFailed</code>, <code>auth.signOut</code>).
      </p>
      <DataTable testId="users-table" headers={["Name", "Email", "Role", "Source", "Last sign-in", "Status", "Actions"]}>
        {users.map((u) => (
          <tr key={u.id} data-testid={`user-row-${u.email}`}>
            <td>{u.name}</td>
            <td>{u.email}</td>
            <td>{ROLE_LABELS[u.role]}</td>
            <td>
              {u.source === "SSO" ? "SSO" : "password"}
              {u.totpEnabledAt ? " + 2FA" : ""}
              {u.breakGlass ? " (break-glass)" : ""}
            </td>
            <td>{when(u.lastSignInAt)}</td>
            <td data-testid="user-status">{u.active ? "active" : `deactivated ${when(u.deactivatedAt)}`}</td>
            <td>
              <UserActions user={{ id: u.id, email: u.email, role: u.role, active: u.active, source: u.source, mfa: !!u.totpEnabledAt, self: u.id === user.id }} />
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>Sign-in locks</h2>
      {locks.length === 0 ? (
        <p className="muted" data-testid="no-signin-locks">
          No account or address is locked.
        </p>
      ) : (
        <DataTable testId="signin-locks" headers={["Locked", "Until (UTC)", "Lockouts in a row", ""]}>
          {locks.map((l) => (
            <tr key={`${l.scope}:${l.subject}`}>
              <td>
                {l.scope === "account" ? "Account" : "Address"} {l.subject}
              </td>
              <td>{l.lockedUntil.toISOString().slice(0, 16).replace("T", " ")}</td>
              <td>{l.lockCount}</td>
              <td>
                <form action={unlockSignInAction}>
                  <input type="hidden" name="scope" value={l.scope} />
                  <input type="hidden" name="subject" value={l.subject} />
                  <button type="submit" className="secondary">
                    Unlock
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>Add a user</h2>
      <div className="card">
        <NewUserForm />
      </div>
    </>
  );
}
