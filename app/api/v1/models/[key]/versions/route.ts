import { assertJsonContentType, parseJsonBytes } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { json, type RouteContext } from "@/lib/api/respond";
import { versionResult, versionJson } from "@/lib/versions/serialize";
import { createVersion, listVersions } from "@/lib/versions/versions";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string }>;

/** GET /api/v1/models/{key}/versions — newest first. */
export const GET = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { key } = await openModelRoute(request, params, "read");
  return json({ items: (await listVersions({ modelKey: key })).map(versionJson) });
});

/** POST /api/v1/models/{key}/versions — register a version (Idempotency-Key honoured). */
export const POST = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { principal, key } = await openModelRoute(request, params, "write");
  assertJsonContentType(request);
  return withIdempotency(principal, request, async (_req, body) => {
    const row = await createVersion({ actor: principal.user, modelKey: key, input: parseJsonBytes(body) });
    return json(await versionResult(key, row), { status: 201, headers: { location: `/api/v1/models/${key}/versions/${encodeURIComponent(row.version)}` } });
  });
});
