import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { ROLE_LABELS } from "@/lib/labels";
import { listUsers } from "@/lib/users/users";
import { NewUserForm } from "./new-user-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser("/admin/users");
  if (!can(user, "users.manage")) forbidden();
  const users = await listUsers({ actor: user });
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
      <h2>Add a user</h2>
      <div className="card">
        <NewUserForm />
      </div>
    </>
  );
}
