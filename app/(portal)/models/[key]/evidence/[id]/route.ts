import { getSessionUser } from "@/lib/auth/session";
import { getEvidenceFile } from "@/lib/documentation/sections";
import { errorResponse, problem } from "@/lib/api/problem";

export async function GET(_request: Request, { params }: { params: Promise<{ key: string; id: string }> }) {
  const user = await getSessionUser();
  if (!user) return problem("UNAUTHENTICATED", "Sign in to download evidence.");
  if (user.mfaEnrollmentRequired) return problem("FORBIDDEN", "Set up two-factor authentication first.");
  const { key, id } = await params;
  try {
    const file = await getEvidenceFile({ actor: user, key, id });
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": file.mediaType,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename="${file.fileName.replace(/"/g, "")}"`,
        "x-content-sha256": file.sha256,
        // evidence is user-supplied: never let the browser sniff it into something executable
        "x-content-type-options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
