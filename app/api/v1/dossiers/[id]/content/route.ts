// GET /api/v1/dossiers/{id}/content — the stored bytes of an issued document, exactly as issued.
import { authenticate } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { assertMayReadRecord, documentResponse } from "@/lib/api/dossier-http";
import { getRecordContent } from "@/lib/dossier/records";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticate(request);
  const { meta, content } = await getRecordContent({ actor: principal.user, id: (await params).id });
  assertMayReadRecord(principal, meta);
  return documentResponse({ record: meta, body: content });
});
