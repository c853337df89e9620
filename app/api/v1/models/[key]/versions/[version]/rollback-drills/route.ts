import { assertJsonContentType, parseJsonBytes } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { json, type RouteContext } from "@/lib/api/respond";
import { versionResult } from "@/lib/versions/serialize";
import { recordRollbackDrill } from "@/lib/versions/versions";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string; version: string }>;

/** POST /api/v1/models/{key}/versions/{version}/rollback-drills — record a rollback drill result. */
export const POST = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { principal, key, version } = await openModelRoute(request, params, "write");
  assertJsonContentType(request);
  return withIdempotency(principal, request, async (_req, body) => {
    const row = await recordRollbackDrill({ actor: principal.user, modelKey: key, version, input: parseJsonBytes(body) });
    return json(await versionResult(key, row), { status: 201 });
  });
});
