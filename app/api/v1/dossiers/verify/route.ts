// Verify a copy of a document: GET ?sha256=<hex>, or POST the file itself as the request body.
// Answers whether Dossier issued exactly this file, and the record(s) the caller may see.
import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";
import { verifyBytes, verifyDocument } from "@/lib/dossier/records";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BYTES = 100 * 1024 * 1024;

export const GET = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  const sha256 = new URL(request.url).searchParams.get("sha256") ?? "";
  return Response.json(await verifyDocument({ actor: principal.user, sha256 }), { headers: { "cache-control": "no-store" } });
});

export const POST = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "read");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Files up to 100 MB can be verified.");
  let content: Uint8Array;
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const file = (await request.formData()).get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION", 'Send the file in the form field "file".', { file: ["Choose a file."] });
    content = new Uint8Array(await file.arrayBuffer());
  } else {
    content = new Uint8Array(await request.arrayBuffer());
  }
  if (content.byteLength === 0) throw new AppError("VALIDATION", "The file is empty.", { file: ["The file is empty."] });
  if (content.byteLength > MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Files up to 100 MB can be verified.");
  return Response.json(await verifyBytes({ actor: principal.user, content }), { headers: { "cache-control": "no-store" } });
});
