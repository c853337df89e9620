// The id under which a caller's idempotency keys and rate-limit windows are kept. Separate from
// principal.ts so that code needing only the id does not load the session stack (next-auth).
import type { Principal } from "./principal";

export function principalId(principal: Pick<Principal, "tokenId" | "user">): string {
  return principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.user.id}`;
}
