// Who is calling an API route. Today: the portal session (cookie). The public API adds bearer tokens
// here (issue 6), so every route authenticates through this one function.
import "server-only";
import { getSessionUser, type SessionUser } from "../auth/session";
import { AppError } from "../errors";

export type ApiScope = "read" | "write" | "monitoring";

export type Principal = {
  user: SessionUser;
  /** set when the caller used an API token */
  tokenId: string | null;
  /** what the credential allows; a session has every scope its user's role has */
  scopes: ReadonlySet<ApiScope>;
  /** model keys the credential is limited to; null = no limit beyond the user's permissions */
  modelKeys: ReadonlySet<string> | null;
};

const ALL_SCOPES: ReadonlySet<ApiScope> = new Set(["read", "write", "monitoring"]);

export async function authenticate(_request: Request): Promise<Principal> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return { user, tokenId: null, scopes: ALL_SCOPES, modelKeys: null };
}

/** Throws FORBIDDEN unless the credential carries `scope` (and, when given, covers `modelKey`). */
export function requireScope(principal: Principal, scope: ApiScope, modelKey?: string): void {
  if (!principal.scopes.has(scope)) throw new AppError("FORBIDDEN", `This token lacks the "${scope}" scope.`);
  if (modelKey && principal.modelKeys && !principal.modelKeys.has(modelKey)) {
    throw new AppError("FORBIDDEN", `This token is limited to other models than "${modelKey}".`);
  }
}
