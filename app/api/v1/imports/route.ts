import { assertJsonContentType, parseJsonBytes } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { authenticate, requireScope } from "@/lib/api/principal";
import { withApiErrors } from "@/lib/api/problem";
import { json } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { assertSafeInput } from "@/lib/validation";
import { detectJsonFormat, IMPORT_FORMATS, runImport } from "@/lib/imports/run-import";
import { importBodyLimitBytes } from "@/lib/imports/limits";
import type { ImportFormat } from "@/lib/imports/types";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/imports[?format=csv|mlflow|inventory][&dryRun=true] — text/csv, application/json
 * (an MLflow `{registeredModels, modelVersions}` or a Dossier inventory export) or multipart/form-data
 * (`file`, or the two MLflow parts `registeredModels` and `modelVersions`). Answers the per-row report.
 */
export const POST = withApiErrors(async (request: Request) => {
  const principal = await authenticate(request);
  requireScope(principal, "write");
  const url = new URL(request.url);
  const formatParam = url.searchParams.get("format");
  if (formatParam !== null && !IMPORT_FORMATS.includes(formatParam as ImportFormat)) {
    throw new AppError("VALIDATION", `Unknown format "${formatParam}".`, { format: [`Choose one of ${IMPORT_FORMATS.join(", ")}.`] });
  }
  const dryRun = ["true", "1", "yes"].includes((url.searchParams.get("dryRun") ?? "").toLowerCase());
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const kind = type.startsWith("text/csv") ? "csv" : type.startsWith("multipart/form-data") ? "multipart" : "json";
  if (kind === "json") assertJsonContentType(request);

  return withIdempotency(
    principal,
    request,
    async (replayable, body) => {
      let format = formatParam as ImportFormat | null;
      let payload: unknown;
      if (kind === "csv") {
        if (format && format !== "csv") throw new AppError("VALIDATION", "A text/csv body can only be a CSV import.", { format: ["Use format=csv."] });
        format = "csv";
        payload = new TextDecoder().decode(body);
      } else if (kind === "json") {
        payload = parseJsonBytes(body);
        format ??= detectJsonFormat(payload);
      } else {
        ({ format, payload } = await readMultipart(replayable, format));
      }
      if (!format) {
        throw new AppError("VALIDATION", "Cannot tell the format of this body.", {
          format: ["Add ?format=csv|mlflow|inventory, or send an MLflow { registeredModels, modelVersions } / a Dossier inventory export."],
        });
      }
      // a NUL or unpaired surrogate anywhere in the file: refused whole, before any row is written
      assertSafeInput(payload, "The import");
      const report = await runImport({ actor: principal.user, format, payload, dryRun, allowedKeys: principal.modelKeys });
      return json(report, { status: 200 });
    },
    { maxBytes: importBodyLimitBytes() },
  );
});

async function readMultipart(request: Request, format: ImportFormat | null): Promise<{ format: ImportFormat | null; payload: unknown }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("VALIDATION", "The multipart body could not be read.", { _body: ["Malformed multipart/form-data."] });
  }
  const text = async (name: string) => {
    const part = form.get(name);
    return part === null ? null : typeof part === "string" ? part : await part.text();
  };
  const chosen = (format ?? (await text("format"))) as ImportFormat | null;
  const registered = await text("registeredModels");
  if (registered !== null) {
    const versions = await text("modelVersions");
    const parse = (raw: string, field: string) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        throw new AppError("VALIDATION", `The ${field} part is not valid JSON.`, { [field]: ["Invalid JSON."] });
      }
    };
    return { format: "mlflow", payload: { registeredModels: parse(registered, "registeredModels"), ...(versions ? { modelVersions: parse(versions, "modelVersions") } : {}) } };
  }
  const file = form.get("file");
  if (file === null) throw new AppError("VALIDATION", "Attach the file as the `file` part.", { file: ["Required."] });
  const content = typeof file === "string" ? file : await file.text();
  const name = typeof file === "string" ? "" : file.name.toLowerCase();
  if (chosen === "csv" || (!chosen && name.endsWith(".csv"))) return { format: "csv", payload: content };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new AppError("VALIDATION", "The file is neither CSV (name it .csv or choose format=csv) nor valid JSON.", { file: ["Invalid JSON."] });
  }
  if (!IMPORT_FORMATS.includes(chosen as ImportFormat) && chosen !== null) throw new AppError("VALIDATION", `Unknown format "${chosen}".`, { format: ["Choose csv, mlflow or inventory."] });
  return { format: chosen ?? detectJsonFormat(parsed), payload: parsed };
}
