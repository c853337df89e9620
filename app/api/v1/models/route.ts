import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { json } from "@/lib/api/respond";
import { inventoryQuerySchema, listModels } from "@/lib/models/queries";
import { loadModelsJson } from "@/lib/models/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v1/models — the inventory with its filters and cursor pagination. */
export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  const query = inventoryQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listModels({ actor: principal.user, query, limits: principal });
  const items = await loadModelsJson(page.items.map((m) => m.key));
  return json({ items, total: page.total, nextCursor: page.nextCursor });
});
