// Reading request bodies with a size limit (413) and a media-type check (415), before any parsing.
import { AppError, fieldErrorsOf } from "../errors";
import { assertSafeInput } from "../validation";
import type { z } from "zod";
import { env } from "../env";

/** Default body limit of JSON endpoints. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/**
 * Monitoring pushes may carry raw samples: 2 × 1,000,000 values is ~20-40 MB of JSON, so that route
 * allows 64 MB (`DOSSIER_API_MONITORING_BODY_LIMIT_MB` changes it).
 */
export function monitoringBodyLimitBytes(): number {
  return env.monitoringBodyLimitMb() * 1024 * 1024;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** 415 unless the request declares a JSON media type. */
export function assertJsonContentType(request: Request): void {
  const type = request.headers.get("content-type");
  if (!type || !JSON_TYPE.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send JSON with \`Content-Type: application/json\` (got ${type ? `"${type}"` : "none"}).`);
  }
}

/**
 * The body as bytes, refusing more than `maxBytes` with 413: first by Content-Length (nothing read),
 * then while streaming (a chunked or lying client cannot make us buffer more than the limit).
 */
export async function readBodyBytes(request: Request, maxBytes: number = DEFAULT_BODY_LIMIT_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds the limit of ${formatBytes(maxBytes)} for this endpoint.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** JSON.parse of the bytes; a syntax error is a 422 (the request was well-formed HTTP, its content was not). */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.byteLength === 0) throw new AppError("VALIDATION", "The request body is empty; send a JSON document.", { _body: ["Required."] });
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new AppError("VALIDATION", `The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { _body: ["Invalid JSON."] });
  }
  // NUL and unpaired surrogates (JSON's \u0000, \ud800) cannot be stored: refused before any schema
  assertSafeInput(value, "The request body");
  return value;
}

/** Validate with a zod schema; field errors become a 422 problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  // a million bad samples would make a million issues: the first 50 tell the caller enough
  if (!parsed.success) throw new AppError("VALIDATION", "The request body has invalid fields.", fieldErrorsOf({ issues: parsed.error.issues.slice(0, 50) }));
  return parsed.data;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}
