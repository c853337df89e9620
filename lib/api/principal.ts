// Who is calling an API route: an API token (`Authorization: Bearer dsr_…`) or, for the portal itself,
// the signed-in session (cookie). Every route authenticates through this one function.
import "server-only";
import { getSessionUser, type SessionUser } from "../auth/session";
import { AppError } from "../errors";
import { assertCredentialAllows, type ApiScope, type CredentialLimits } from "../authz/policy";
import { verifyApiToken } from "../tokens/tokens";
import { assertSameOriginWrite } from "./csrf";
import { consumeRateLimit } from "./rate-limit";

export type { ApiScope };

/** The caller, with what its credential allows (scopes, model limit: see lib/authz/policy.ts). */
export type Principal = CredentialLimits & {
  user: Pick<SessionUser, "id" | "role" | "email" | "name">;
  /** set when the caller used an API token */
  tokenId: string | null;
};

const ALL_SCOPES: ReadonlySet<ApiScope> = new Set(["read", "write", "monitoring"]);

export async function authenticate(request: Request): Promise<Principal> {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "Send the API token as `Authorization: Bearer <token>`.");
    const token = await verifyApiToken(match[1]);
    // one message for unknown, revoked, expired: a caller probing tokens learns nothing
    if (!token) throw new AppError("UNAUTHENTICATED", "The API token is unknown, revoked or expired.");
    // rate limits apply per token (pipelines); the portal's own session calls are not limited
    await consumeRateLimit(`token:${token.id}`);
    return {
      user: token.user,
      tokenId: token.id,
      scopes: new Set(token.scopes),
      modelKeys: token.modelKeys.length ? new Set(token.modelKeys) : null,
    };
  }
  const user = await getSessionUser();
  // the cookie is sent by the browser on its own: a cookie-authenticated write must be same-origin
  if (user) assertSameOriginWrite(request);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  if (user.mfaEnrollmentRequired) throw new AppError("FORBIDDEN", "Set up two-factor authentication first.");
  return { user, tokenId: null, scopes: ALL_SCOPES, modelKeys: null };
}

/** Throws FORBIDDEN unless the credential carries `scope` (and, when given, covers `modelKey`). */
export function requireScope(principal: Principal, scope: ApiScope, modelKey?: string): void {
  assertCredentialAllows(principal, scope, modelKey);
}

/** A stable id for per-caller state (idempotency keys, rate limits): the token, else the user. */
export { principalId } from "./principal-id";
