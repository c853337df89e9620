// HTTP adapters shared by the dossier and report routes: who the reader is, the document response
// (streamed in chunks, with the record's id and hashes in headers) and the NDJSON progress stream the
// portal reads while a long document renders.
import "server-only";
import { z } from "zod";
import { AppError, fieldErrorsOf } from "../errors";
import { safeSearchParams } from "../validation";
import { errorResponse } from "./problem";
import { requireScope, type Principal } from "./principal";
import { assertCoversAllModels } from "../authz/policy";
import type { DossierReader } from "../dossier/get-model-dossier-data";
import type { GeneratedDocument, Progress } from "../dossier/generate";
import type { RecordMeta } from "../dossier/records";

export const readerOf = (principal: Principal): DossierReader => ({
  id: principal.user.id,
  role: principal.user.role,
  name: principal.user.name,
  email: principal.user.email,
});

/** Read scope, and a token limited to some models reads only those models' records (never reports). */
export function assertMayReadRecord(principal: Principal, record: Pick<RecordMeta, "model">): void {
  requireScope(principal, "read", record.model?.key);
  if (!record.model) assertCoversAllModels(principal, "an inventory report");
}

export function parseQuery<T extends z.ZodType>(schema: T, url: URL): z.output<T> {
  const parsed = schema.safeParse(safeSearchParams(url));
  if (!parsed.success) throw new AppError("VALIDATION", "Invalid query parameters.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

const CHUNK = 64 * 1024;

/** The bytes as a stream of 64 KiB chunks, so a large report starts arriving at once. */
export function chunkedStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(offset, Math.min(offset + CHUNK, bytes.byteLength)));
      offset += CHUNK;
    },
  });
}

export function recordHeaders(record: RecordMeta, { attachment }: { attachment: boolean }): Headers {
  const headers = new Headers({
    "content-type": record.mediaType,
    "content-length": String(record.byteSize),
    "cache-control": "private, no-store",
    "x-dossier-record": record.id,
    "x-dossier-sha256": record.sha256,
    "x-dossier-content-sha256": record.parameters.contentSha256,
    link: `</api/v1/dossiers/${record.id}>; rel="describedby"`,
  });
  const ascii = record.fileName.replace(/[^\x20-\x7e]/g, "_").replaceAll('"', "");
  headers.set("content-disposition", `${attachment ? "attachment" : "inline"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(record.fileName)}`);
  return headers;
}

export function documentResponse({ record, body }: Pick<GeneratedDocument, "record" | "body">): Response {
  return new Response(chunkedStream(body), { status: 200, headers: recordHeaders(record, { attachment: record.parameters.format !== "json" }) });
}

export type ProgressEvent =
  ({ type: "progress" } & Progress) | { type: "done"; record: RecordMeta; downloadUrl: string; recordUrl: string } | { type: "error"; status: number; title: string; detail: string };

/**
 * Newline-delimited JSON events: progress while the document is generated, then "done" with the
 * record (download it from downloadUrl) or "error". The connection carries the whole job, so no job
 * state has to be shared between app instances.
 */
export function progressStream(run: (progress: (p: Progress) => void) => Promise<GeneratedDocument>, instance: string): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (event: ProgressEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          open = false; // the client went away; the document is still generated and recorded
        }
      };
      try {
        const { record } = await run((p) => send({ type: "progress", ...p }));
        send({ type: "done", record, downloadUrl: `/api/v1/dossiers/${record.id}/content`, recordUrl: `/reports/records/${record.id}` });
      } catch (error) {
        const problem = errorResponse(error, instance);
        const body = (await problem.json()) as { status: number; title: string; detail: string };
        send({ type: "error", status: body.status, title: body.title, detail: body.detail });
      } finally {
        if (open) controller.close();
      }
    },
  });
  return new Response(stream, { status: 200, headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
}
