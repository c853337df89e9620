// GET /api/v1/audit-log/verify — recompute the hash chain and report every broken link.
import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { json } from "@/lib/api/respond";
import { verifyAuditChain } from "@/lib/audit-log/queries";
import { AppError } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  // the chain covers every model's events: a token limited to some models may not read all of them
  if (principal.modelKeys) throw new AppError("FORBIDDEN", "This token is limited to some models; the audit chain covers all of them.");
  return json(await verifyAuditChain({ actor: principal.user }));
});
