import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { json, type RouteContext } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { getRegistration } from "@/lib/eu-registration/registration";

export const dynamic = "force-dynamic";
type Ctx = RouteContext<{ key: string }>;

/** GET /api/v1/models/{key}/eu-registration — the Annex VIII registration data as JSON, with what is missing. */
export const GET = withApiErrors(async (request: Request, { params }: Ctx) => {
  const { key } = await openModelRoute(request, params, "read");
  const reg = await getRegistration(key);
  if (!reg) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
  if (!reg.export) throw new AppError("NOT_FOUND", `No EU database registration is required for "${key}" as it is classified (Art. 49).`);
  return json(reg.export);
});
