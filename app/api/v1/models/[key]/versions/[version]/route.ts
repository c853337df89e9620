import { assertJsonContentType, parseJsonBytes, readBodyBytes } from "@/lib/api/body";
import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { json, type RouteContext } from "@/lib/api/respond";
import { versionResult } from "@/lib/versions/serialize";
import { updateVersion } from "@/lib/versions/versions";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string; version: string }>;

/** PATCH /api/v1/models/{key}/versions/{version} — change fields; `{"active": true}` activates it. */
export const PATCH = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { principal, key, version } = await openModelRoute(request, params, "write");
  assertJsonContentType(request);
  const row = await updateVersion({ actor: principal.user, modelKey: key, version, input: parseJsonBytes(await readBodyBytes(request)) });
  return json(await versionResult(key, row));
});
