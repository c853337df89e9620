// Runs inside a worker thread: receives { id, data } jobs, answers { id, pdf, stats } or { id, error };
// a { id, warmup } job (PdfWorkerPool.warm) only loads the fonts.
// One job at a time per worker (the pool never sends a second before the first is answered).
import { parentPort } from "node:worker_threads";
import { registerPdfFonts } from "./pdf-fonts";
import { renderDocumentPdf } from "./render-document";
import { speedupStats } from "./pdf-engine-patches";
import type { DocumentData } from "./types";

type Job = { id: number; data: DocumentData } | { id: number; warmup: true };

const port = parentPort;
if (!port) throw new Error("render-worker-main must run in a worker thread");

port.on("message", async (job: Job) => {
  const started = performance.now();
  try {
    if ("warmup" in job) {
      await registerPdfFonts();
      port.postMessage({ id: job.id, ok: true, ms: performance.now() - started });
      return;
    }
    const pdf = await renderDocumentPdf(job.data);
    // transfer the bytes instead of copying them
    const copy = new Uint8Array(pdf.byteLength);
    copy.set(pdf);
    port.postMessage({ id: job.id, ok: true, pdf: copy, ms: performance.now() - started, stats: speedupStats() }, [copy.buffer]);
  } catch (error) {
    port.postMessage({ id: job.id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) });
  }
});
port.postMessage({ ready: true });
