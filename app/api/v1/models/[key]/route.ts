import { assertJsonContentType, parseJsonBytes, readBodyBytes } from "@/lib/api/body";
import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { json, modelKeyForWrite, type RouteContext } from "@/lib/api/respond";
import { loadModelJson } from "@/lib/models/serialize";
import { upsertModel } from "@/lib/models/upsert";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string }>;

/** GET /api/v1/models/{key} — the model with its verdict and every requirement item. */
export const GET = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { key } = await openModelRoute(request, params, "read");
  return json(await loadModelJson(key, { withRequirements: true }));
});

/** PUT /api/v1/models/{key} — idempotent upsert (201 created, 200 updated or unchanged). */
export const PUT = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { principal, key } = await openModelRoute(request, params, "write", { keyOf: modelKeyForWrite });
  assertJsonContentType(request);
  const input = parseJsonBytes(await readBodyBytes(request));
  const { outcome } = await upsertModel({ actor: principal.user, key, input });
  const model = await loadModelJson(key);
  return json(model, { status: outcome === "created" ? 201 : 200, headers: { "dossier-upsert": outcome, ...(outcome === "created" ? { location: `/api/v1/models/${key}` } : {}) } });
});
