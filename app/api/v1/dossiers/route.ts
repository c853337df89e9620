// GET  /api/v1/dossiers — the issued documents the caller may read (newest first; ?kind=&model=&limit=).
// POST /api/v1/dossiers — generate a model dossier or inventory report while streaming progress as
//      NDJSON ({"type":"progress"…} lines, then {"type":"done","record":…,"downloadUrl":…}); the portal's
//      download buttons use it so a long report shows progress and downloads when ready.
import { z } from "zod";
import { assertJsonContentType, parseJsonBytes, parseWith, readBodyBytes } from "@/lib/api/body";
import { authenticate, requireScope } from "@/lib/api/principal";
import { assertCoversAllModels } from "@/lib/authz/policy";
import { withApiErrors } from "@/lib/api/problem";
import { DossierKind } from "@/lib/generated/prisma/enums";
import { generateDocument, generateRequestSchema } from "@/lib/dossier/generate";
import { parseQuery, progressStream, readerOf } from "@/lib/api/dossier-http";
import { listRecords } from "@/lib/dossier/records";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const listSchema = z.object({
  kind: z.enum(DossierKind).optional(),
  model: z.string().trim().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});

export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  const query = parseQuery(listSchema, new URL(request.url));
  const items = await listRecords({ actor: principal.user, limits: principal, kind: query.kind, modelKey: query.model, limit: query.limit });
  return Response.json({ items }, { headers: { "cache-control": "no-store" } });
});

export const POST = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  // JSON only: a text/plain body is what a cross-site HTML form could send
  assertJsonContentType(request);
  // the same size limit (413) and JSON/NUL checks as every other write
  const job = parseWith(generateRequestSchema, parseJsonBytes(await readBodyBytes(request)));
  if (job.kind === "MODEL_DOSSIER") requireScope(principal, "read", job.modelKey);
  else assertCoversAllModels(principal, "the inventory report");
  const actor = readerOf(principal);
  return progressStream((onProgress) => generateDocument({ actor, request: job, onProgress }), new URL(request.url).pathname);
});
