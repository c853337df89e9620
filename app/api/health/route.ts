import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await checkDatabase();
  if (db.ok) return Response.json({ status: "ok", database: "ok" });
  return Response.json({ status: "error", database: "unreachable", reason: db.reason }, { status: 503 });
}
