// A small pool of worker threads that render PDFs, so a 1,000-model report (seconds of CPU in react-pdf)
// never blocks the event loop that serves everybody else. One job per worker at a time, FIFO queue,
// a crashed or timed-out worker is replaced. One pool per server process (kept on globalThis).
import "server-only";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { DocumentData } from "./types";
import type { SpeedupStats } from "./pdf-engine-patches";
import { env } from "../env";

export type RenderResult = { pdf: Uint8Array; renderMs: number };
export type RenderHooks = {
  /** the job waits behind `ahead` others */
  onQueued?: (ahead: number) => void;
  /** a worker took the job */
  onStarted?: () => void;
};

type Job = {
  id: number;
  /** null: a warm-up (load the fonts) instead of a document */
  data: DocumentData | null;
  hooks: RenderHooks;
  resolve: (r: RenderResult) => void;
  reject: (e: Error) => void;
};

/** `engine`: the worker's cumulative cache counters (pdf-engine-patches.ts) as of its last render */
type Slot = { worker: Worker; ready: Promise<void>; job: Job | null; timer: NodeJS.Timeout | null; engine: SpeedupStats | null };

type WorkerReply = { ready: true } | { id: number; ok: true; pdf?: Uint8Array; ms: number; stats?: SpeedupStats } | { id: number; ok: false; error: string };

/** What the pool has done since it started; the bench prints it (scripts/bench/dossier.ts). */
export type PoolStats = {
  size: number;
  workers: number;
  busy: number;
  queued: number;
  rendered: number;
  failed: number;
  warmedUp: number;
  /** the PDF engine's caches, summed over the live workers: hits show they engage */
  engine: SpeedupStats;
};

const DEFAULT_TIMEOUT_MS = 180_000;

export function defaultPoolSize(): number {
  const configured = env.pdfWorkers();
  if (configured !== undefined) return Math.min(configured, 16);
  // leave a core to the request thread: on the 2-core reference machine that is one renderer
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** The worker entry, resolved from the app's root so the built server (next start) finds it too. */
export const workerFile = () => join(process.cwd(), "lib", "dossier", "render-worker.mjs");

/**
 * The parent's flags minus `--conditions` (scripts run with `--conditions=react-server` for "server-only"):
 * under that condition `react` resolves to its server build, which react-pdf's reconciler cannot use.
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--conditions" || arg === "-C") i++;
    else if (!arg.startsWith("--conditions=") && !/^-C.+/.test(arg)) out.push(arg);
  }
  return out;
}

export class PdfWorkerPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private counts = { rendered: 0, failed: 0, warmedUp: 0 };

  constructor(
    readonly size = defaultPoolSize(),
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  render(data: DocumentData, hooks: RenderHooks = {}): Promise<RenderResult> {
    if (this.closed) return Promise.reject(new Error("The PDF worker pool is closed."));
    return new Promise<RenderResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, data, hooks, resolve, reject };
      this.queue.push(job);
      this.pump();
      if (this.queue.includes(job)) hooks.onQueued?.(this.queue.indexOf(job) + this.busyCount());
    });
  }

  /** Start the workers and load the fonts in each idle one, so the first document does not pay for it. */
  async warm(): Promise<void> {
    while (this.slots.length < this.size) this.spawn();
    await Promise.all(
      this.slots.map((slot) => {
        if (slot.job) return slot.ready;
        return new Promise<RenderResult>((resolve, reject) => this.assign(slot, { id: this.nextId++, data: null, hooks: {}, resolve, reject }));
      }),
    );
  }

  stats(): PoolStats {
    const engine: SpeedupStats = { embeddedFontHits: 0, layoutHits: 0, layoutMisses: 0 };
    for (const slot of this.slots) for (const k of Object.keys(engine) as (keyof SpeedupStats)[]) engine[k] += slot.engine?.[k] ?? 0;
    return { size: this.size, workers: this.slots.length, busy: this.busyCount(), queued: this.queue.length, ...this.counts, engine };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("The PDF worker pool was closed."));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private busyCount() {
    return this.slots.filter((s) => s.job !== null).length;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      this.assign(slot, job);
    }
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    job.hooks.onStarted?.();
    slot.timer = setTimeout(() => this.fail(slot, new Error(`Rendering took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped.`)), this.timeoutMs);
    void slot.ready.then(() => slot.worker.postMessage(job.data === null ? { id: job.id, warmup: true } : { id: job.id, data: job.data }));
  }

  private spawn(): Slot {
    // Reflect.construct rather than `new Worker(path)`: the bundler treats the latter as a worker entry
    // to bundle (and fails on tsx); this file must be loaded from disk at run time instead.
    const options: WorkerOptions = {
      execArgv: workerExecArgv(),
      // React's development build (scripts and tests run without NODE_ENV) renders ~30 % slower
      env: env.workerEnv(),
      // a larger young generation: a report allocates many short-lived layout objects (GC was ~12 %)
      resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 64 },
    };
    const worker = Reflect.construct(Worker, [workerFile(), options]) as Worker;
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const slot: Slot = { worker, ready, job: null, timer: null, engine: null };
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      if ("ready" in reply) return markReady();
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.release(slot);
      if (reply.ok && reply.stats) slot.engine = reply.stats;
      if (reply.ok && job.data === null) {
        this.counts.warmedUp++;
        job.resolve({ pdf: new Uint8Array(0), renderMs: reply.ms });
      } else if (reply.ok && reply.pdf) {
        this.counts.rendered++;
        job.resolve({ pdf: reply.pdf, renderMs: reply.ms });
      } else {
        this.counts.failed++;
        job.reject(new Error(reply.ok ? "The renderer returned no document." : `PDF rendering failed: ${reply.error}`));
      }
      this.pump();
    });
    worker.on("error", (error) => this.fail(slot, error));
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) this.fail(slot, new Error(`The PDF worker stopped (exit code ${code}).`));
    });
    this.slots.push(slot);
    return slot;
  }

  private release(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  /** The worker is unusable: fail its job, replace it, carry on with the queue. */
  private fail(slot: Slot, error: Error) {
    const job = slot.job;
    this.release(slot);
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
    if (job) {
      this.counts.failed++;
      console.error("[dossier] PDF worker failed", error);
      job.reject(error);
    }
    if (!this.closed) this.pump();
  }
}

const globalForPool = globalThis as unknown as { dossierPdfPool?: PdfWorkerPool };

export function pdfPool(): PdfWorkerPool {
  globalForPool.dossierPdfPool ??= new PdfWorkerPool();
  return globalForPool.dossierPdfPool;
}
