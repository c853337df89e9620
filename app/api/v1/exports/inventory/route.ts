import { authenticate, requireScope } from "@/lib/api/principal";
import { assertCoversAllModels } from "@/lib/authz/policy";
import { withApiErrors } from "@/lib/api/problem";
import { assertCan } from "@/lib/authz/policy";
import { exportInventory } from "@/lib/exports/inventory";

export const dynamic = "force-dynamic";

/** GET /api/v1/exports/inventory — the whole inventory as one JSON document (re-importable). */
export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  assertCan(principal.user, "inventory.read");
  // a token limited to some models must not read the others through the export
  assertCoversAllModels(principal, "the inventory export");
  const doc = await exportInventory();
  const day = doc.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(doc, null, 1), {
    headers: { "content-type": "application/json", "cache-control": "no-store", "content-disposition": `attachment; filename="dossier-inventory-${day}.json"` },
  });
});
