import { withApiErrors } from "@/lib/api/problem";
import { csvTemplate } from "@/lib/imports/csv";

/** GET /api/v1/imports/template — the CSV template (documented columns, two example rows). Public: it holds no data. */
export const GET = withApiErrors(async () => {
  return new Response(csvTemplate(), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="dossier-import-template.csv"', "cache-control": "public, max-age=3600" },
  });
});
