// GET /api/v1/models/{key}/dossier — the model's Annex IV dossier as PDF, or ?format=json for the same
// content as data. Every call is stored as a DossierRecord (X-Dossier-Record names it).
import { z } from "zod";
import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { generateDocument } from "@/lib/dossier/generate";
import { documentResponse, modelKeyFromUrl, parseQuery, readerOf } from "@/lib/api/dossier-http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ format: z.enum(["pdf", "json"]).default("pdf") });

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ key: string }> }) => {
  const principal = await authenticate(request);
  const modelKey = modelKeyFromUrl((await params).key);
  requireScope(principal, "read", modelKey);
  const { format } = parseQuery(querySchema, new URL(request.url));
  const generated = await generateDocument({ actor: readerOf(principal), request: { kind: "MODEL_DOSSIER", modelKey, format } });
  return documentResponse(generated);
});
