// GET /api/v1/reports/inventory — the inventory audit report as PDF, or ?format=csv|json.
// Filters: businessUnit, riskClass, undocumentedOnly. Every call is stored as a DossierRecord.
import { authenticate, requireScope } from "@/lib/api/principal";
import { assertCoversAllModels } from "@/lib/authz/policy";
import { withApiErrors } from "@/lib/api/problem";
import { generateDocument } from "@/lib/dossier/generate";
import { inventoryQuerySchema } from "@/lib/dossier/get-inventory-report-data";
import { documentResponse, parseQuery, readerOf } from "@/lib/api/dossier-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  // the report covers the whole inventory: a token limited to some models may not read it
  assertCoversAllModels(principal, "the inventory report");
  const { format, ...filters } = parseQuery(inventoryQuerySchema, new URL(request.url));
  const generated = await generateDocument({ actor: readerOf(principal), request: { kind: "INVENTORY_REPORT", filters, format } });
  return documentResponse(generated);
});
