import { assertJsonContentType, monitoringBodyLimitBytes, parseJsonBytes, parseWith } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { json, type RouteContext } from "@/lib/api/respond";
import { monitoringPushSchema } from "@/lib/api/schemas";
import { ingestMonitoringCheck } from "@/lib/monitoring-checks/ingest";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string }>;

/**
 * POST /api/v1/models/{key}/monitoring-checks — metric values or raw samples (up to
 * DOSSIER_API_MONITORING_BODY_LIMIT_MB, default 64 MB); answers the computed statuses (201).
 */
export const POST = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { principal, key } = await openModelRoute(request, params, "monitoring");
  assertJsonContentType(request);
  return withIdempotency(
    principal,
    request,
    async (_req, body) => {
      const push = parseWith(monitoringPushSchema, parseJsonBytes(body));
      return json(await ingestMonitoringCheck({ actor: principal.user, modelKey: key, push }), { status: 201 });
    },
    { maxBytes: monitoringBodyLimitBytes() },
  );
});
