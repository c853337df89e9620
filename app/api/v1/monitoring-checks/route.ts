import { assertJsonContentType, monitoringBodyLimitBytes, parseJsonBytes, parseWith } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { json } from "@/lib/api/respond";
import { monitoringBatchSchema } from "@/lib/api/schemas";
import { AppError } from "@/lib/errors";
import { ingestMonitoringChecks } from "@/lib/monitoring-checks/ingest";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/monitoring-checks — a batch of checks (up to 500, for any models the caller may push to),
 * stored all or nothing in one transaction; answers each check's computed statuses in order (201).
 */
export const POST = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "monitoring");
  assertJsonContentType(request);
  return withIdempotency(
    principal,
    request,
    async (_req, body) => {
      const batch = parseWith(monitoringBatchSchema, parseJsonBytes(body));
      // a token limited to some models may push only theirs: the first check outside its limit refuses the batch
      batch.checks.forEach((check, i) => {
        try {
          requireScope(principal, "monitoring", check.model);
        } catch (e) {
          if (e instanceof AppError) throw new AppError(e.code, `checks.${i}: ${e.message} Nothing was stored.`);
          throw e;
        }
      });
      const results = await ingestMonitoringChecks({ actor: principal.user, items: batch.checks.map(({ model, ...push }) => ({ modelKey: model, push })) });
      return json({ checks: results }, { status: 201 });
    },
    { maxBytes: monitoringBodyLimitBytes() },
  );
});
