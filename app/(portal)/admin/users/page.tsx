import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { ROLE_LABELS } from "@/lib/labels";
import { listUsers } from "@/lib/users/users";
import { listSignInLocks } from "@/lib/auth/throttle";
import { unlockSignInAction } from "./actions";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser("/admin/users");
  if (!can(user, "users.manage")) forbidden();
  const users = await listUsers({ actor: user });
  const locks = await listSignInLocks({ actor: user });
  return (
    <>
      <h1>Users</h1>
      <table className="data">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Active</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{u.active ? "yes" : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Sign-in locks</h2>
      {locks.length === 0 ? (
        <p className="muted" data-testid="no-signin-locks">
          No account or address is locked.
        </p>
      ) : (
        <table className="data" data-testid="signin-locks">
          <thead>
            <tr>
              <th>Locked</th>
              <th>Until (UTC)</th>
              <th>Lockouts in a row</th>
              <th />
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
      <h2>Add a user</h2>
      <div className="card">
        <NewUserForm />
      </div>
    </>
  );
}
