import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { Role } from "@/lib/generated/prisma/enums";
import { listApiTokens } from "@/lib/tokens/tokens";
import { revokeTokenAction } from "./actions";
import { NewTokenForm } from "./new-token-form";

export const metadata: Metadata = { title: "API tokens" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

export default async function TokensPage() {
  const user = await requirePageUser("/admin/tokens");
  if (!can(user, "tokens.manage")) forbidden();
  const tokens = await listApiTokens({ actor: user });
  const now = new Date();
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        For CI/CD pipelines: send as <code>Authorization: Bearer &lt;token&gt;</code>. See <a href="/api-docs">API docs</a>.
        {user.role === Role.ADMIN ? " As an administrator you see every user's tokens." : " You see your own tokens."}
      </p>
      <DataTable testId="tokens" headers={["Name", "Token", user.role === Role.ADMIN && "User", "Scopes", "Models", "Expires", "Last used", "Status", ""]}>
        {tokens.map((t) => {
          const status = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
          return (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}…</code>
              </td>
              {user.role === Role.ADMIN && <td>{t.user.email}</td>}
              <td>{t.scopes.join(", ")}</td>
              <td>{t.modelKeys.length ? t.modelKeys.join(", ") : "all editable"}</td>
              <td>{day(t.expiresAt)}</td>
              <td>{day(t.lastUsedAt)}</td>
              <td>{status}</td>
              <td>
                {status === "active" && (
                  <form action={revokeTokenAction}>
                    <input type="hidden" name="id" value={t.id} />
                    <button type="submit" className="secondary">
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          );
        })}
        {tokens.length === 0 && (
          <tr>
            <td colSpan={9} className="muted">
              No tokens yet.
            </td>
          </tr>
        )}
      </DataTable>
      <h2>Create a token</h2>
      <div className="card">
        <NewTokenForm ownModelsOnly={user.role === Role.MODEL_OWNER} />
      </div>
    </>
  );
}
