// GET /api/v1/dossiers/{id} — a record's metadata: who generated it, when, parameters, SHA-256.
import { authenticate } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { assertMayReadRecord } from "@/lib/api/dossier-http";
import { getRecord } from "@/lib/dossier/records";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticate(request);
  const record = await getRecord({ actor: principal.user, id: (await params).id });
  assertMayReadRecord(principal, record);
  return Response.json(record, { headers: { "cache-control": "no-store" } });
});
