// GET /api/v1/audit-log/verify — recompute the hash chain and report every broken link.
import { authenticate, requireScope } from "@/lib/api/principal";
import { assertCoversAllModels } from "@/lib/authz/policy";
import { withApiErrors } from "@/lib/api/problem";
import { json } from "@/lib/api/respond";
import { verifyAuditChain } from "@/lib/audit-log/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  // the chain covers every model's events: a token limited to some models may not read all of them
  assertCoversAllModels(principal, "the audit chain");
  return json(await verifyAuditChain({ actor: principal.user }));
});
