// The preamble every /api/v1/models/{key}… handler shares: who calls, whether the credential allows it,
// and which model the URL names. One place, so a new model route cannot forget a step or reorder them.
import "server-only";
import type { ApiScope } from "../authz/policy";
import { authenticate, requireScope, type Principal } from "./principal";
import { modelKeyParam } from "./respond";

export type ModelRouteOptions = {
  /** how the key of the URL is read; default: a key that cannot exist is not found (404) */
  keyOf?: (raw: string) => string;
};

/**
 * Authenticates the caller, reads the model key and checks `scope` for that model (a token limited to
 * other models is refused, for reads as for writes); answers the principal, the model key and the other
 * route parameters.
 */
export async function openModelRoute<P extends { key: string }>(
  request: Request,
  params: Promise<P>,
  scope: ApiScope,
  { keyOf = modelKeyParam }: ModelRouteOptions = {},
): Promise<Omit<P, "key"> & { principal: Principal; key: string }> {
  const principal = await authenticate(request);
  const { key: rawKey, ...rest } = await params;
  const key = keyOf(rawKey);
  requireScope(principal, scope, key);
  return { ...rest, principal, key };
}
