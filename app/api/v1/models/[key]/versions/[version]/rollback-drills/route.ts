import { assertJsonContentType, parseJsonBytes } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { json, modelKeyParam, type RouteContext } from "@/lib/api/respond";
import { versionResult } from "@/lib/versions/serialize";
import { recordRollbackDrill } from "@/lib/versions/versions";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string; version: string }>;

/** POST /api/v1/models/{key}/versions/{version}/rollback-drills — record a rollback drill result. */
export const POST = withApiErrors(async (request: Request, { params }: Ctx) => {
  const principal = await authenticate(request);
  const { key: rawKey, version } = await params;
  const key = modelKeyParam(rawKey);
  requireScope(principal, "write", key);
  assertJsonContentType(request);
  return withIdempotency(principal, request, async (_req, body) => {
    const row = await recordRollbackDrill({ actor: principal.user, modelKey: key, version, input: parseJsonBytes(body) });
    return json(await versionResult(key, row), { status: 201 });
  });
});
