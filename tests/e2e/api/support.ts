// Helpers for the public API tests over HTTP: tokens are written straight into the test database (the
// same way lib/tokens stores them: sha256 of a dsr_ token) so each test can hold exactly the grant it
// needs, including revoked and expired ones; everything else goes through HTTP.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

export const dbUrl = () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
};

let pool: pg.Pool | null = null;
export const db = () => (pool ??= new pg.Pool({ connectionString: dbUrl(), max: 2 }));
export async function closeDb() {
  await pool?.end();
  pool = null;
}

export type TokenSpec = {
  email: string;
  scopes?: string[];
  modelKeys?: string[];
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  name?: string;
};

export async function insertToken(spec: TokenSpec): Promise<{ token: string; id: string }> {
  const token = `dsr_${randomBytes(32).toString("base64url")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO "ApiToken" (id, name, prefix, "tokenHash", scopes, "modelKeys", "userId", "expiresAt", "revokedAt")
     SELECT gen_random_uuid(), $1, $2, $3, $4, $5, u.id, $6, $7 FROM "User" u WHERE u.email = $8 RETURNING id`,
    [
      spec.name ?? "e2e",
      token.slice(0, 12),
      hash,
      spec.scopes ?? ["read", "write", "monitoring"],
      spec.modelKeys ?? [],
      spec.expiresAt === undefined ? new Date(Date.now() + 86_400_000) : spec.expiresAt,
      spec.revokedAt ?? null,
      spec.email,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`no user ${spec.email}`);
  return { token, id };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const jsonHeaders = (token: string, extra: Record<string, string> = {}) => ({ ...bearer(token), "content-type": "application/json", ...extra });

/** Remove the models a run created (their versions, checks and config cascade; audit events stay, as they must). */
export async function deleteModels(prefix: string) {
  await db().query(`DELETE FROM "Model" WHERE key LIKE $1`, [`${prefix}%`]);
}
