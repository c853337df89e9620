// GET /api/v1/models/{key}/dossier — the model's Annex IV dossier as PDF, or ?format=json for the same
// content as data. Every call is stored as a DossierRecord (X-Dossier-Record names it).
import { z } from "zod";
import { openModelRoute } from "@/lib/api/model-route";
import { withApiErrors } from "@/lib/api/problem";
import { generateDocument } from "@/lib/dossier/generate";
import { documentResponse, parseQuery, readerOf } from "@/lib/api/dossier-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ format: z.enum(["pdf", "json"]).default("pdf") });

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ key: string }> }) => {
  // a dossier is one model's: a token limited to other models may not read it
  const { principal, key: modelKey } = await openModelRoute(request, params, "read");
  const { format } = parseQuery(querySchema, new URL(request.url));
  const generated = await generateDocument({ actor: readerOf(principal), request: { kind: "MODEL_DOSSIER", modelKey, format } });
  return documentResponse(generated);
});
