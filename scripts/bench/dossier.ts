// Benchmark: dossiers and inventory reports end to end (data → PDF on the worker pool → stored record).
// Prints one JSON object. Needs a database holding the demo organisation.
//
//   DATABASE_URL=postgresql://…/dossier npx tsx --conditions=react-server scripts/bench/dossier.ts [--scale 1000]
//
// --scale N also measures the inventory report over N production models, in a scratch database
// `<db>_bench_<N>` on the same server that this script creates (demo + copies of its production models).
import { spawnSync } from "node:child_process";
import { prisma } from "@/lib/db";
import { generateDocument } from "@/lib/dossier/generate";
import { getInventoryReportData } from "@/lib/dossier/get-inventory-report-data";
import { getModelDossierData } from "@/lib/dossier/get-model-dossier-data";
import { pdfPool } from "@/lib/dossier/pool";
import { ensureScaleDatabase } from "./dossier-scale-db";

const args = process.argv.slice(2);
const scaleArg = args.indexOf("--scale");
const scale = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 0;

const ms = (t: number) => Math.round(performance.now() - t);
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { runs: xs.length, min: sorted[0] ?? 0, p50: at(0.5), max: sorted.at(-1) ?? 0 };
};
const pages = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;

async function reader() {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "compliance@northwind.example" } });
  return { id: u.id, role: u.role, name: u.name, email: u.email };
}

async function measureDossier() {
  const actor = await reader();
  const model = await prisma.model.findFirstOrThrow({ where: { lifecycle: "PRODUCTION", undocumented: false }, orderBy: { key: "asc" }, select: { key: true } });
  const data: number[] = [];
  const render: number[] = [];
  const total: number[] = [];
  let size = 0;
  let pageCount = 0;
  for (let run = 0; run < 6; run++) {
    const t0 = performance.now();
    const dto = await getModelDossierData({ actor, modelKey: model.key, recordId: "00000000-0000-4000-8000-000000000000" });
    const t1 = performance.now();
    const { pdf } = await pdfPool().render(dto);
    const t2 = performance.now();
    const full = performance.now();
    const generated = await generateDocument({ actor, request: { kind: "MODEL_DOSSIER", modelKey: model.key, format: "pdf" } });
    // the first run pays for starting the worker and loading fonts: reported apart as "cold"
    if (run > 0) {
      data.push(Math.round(t1 - t0));
      render.push(Math.round(t2 - t1));
      total.push(ms(full));
    } else {
      console.error(`[bench] cold dossier: ${Math.round(t2 - t0)} ms`);
    }
    size = generated.record.byteSize;
    pageCount = pages(pdf);
  }
  return { model: model.key, bytes: size, pages: pageCount, warmDataMs: stats(data), warmRenderMs: stats(render), warmEndToEndMs: stats(total), target: { warmEndToEndP50Ms: 400 } };
}

async function measureInventory(label: string, runs: number) {
  const actor = await reader();
  const data: number[] = [];
  const render: number[] = [];
  const total: number[] = [];
  let info = { productionModels: 0, undocumented: 0, pages: 0, bytes: 0 };
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const dto = await getInventoryReportData({ actor, filters: {}, recordId: "00000000-0000-4000-8000-000000000000" });
    const t1 = performance.now();
    const { pdf } = await pdfPool().render(dto);
    data.push(Math.round(t1 - t0));
    render.push(ms(t1));
    const t2 = performance.now();
    const generated = await generateDocument({ actor, request: { kind: "INVENTORY_REPORT", filters: {}, format: "pdf" } });
    total.push(ms(t2));
    info = { productionModels: dto.summary.productionModels, undocumented: dto.summary.undocumented, pages: pages(pdf), bytes: generated.record.byteSize };
  }
  return { label, ...info, dataMs: stats(data), renderMs: stats(render), endToEndMs: stats(total), target: { endToEndMs: 5000, atProductionModels: 1000 } };
}

const started = performance.now();
const result: Record<string, unknown> = { machine: { cpus: (await import("node:os")).availableParallelism(), node: process.version }, poolSize: pdfPool().size };
await pdfPool().warm();
if (args.includes("--inventory-only")) {
  result.inventory = await measureInventory(`${args[args.indexOf("--inventory-only") + 1] ?? "?"} production models`, 2);
} else {
  result.dossier = await measureDossier();
  result.inventoryDemo = await measureInventory("demo", 3);
}
// what the workers did, and whether the PDF engine's caches engaged (hits > 0)
result.pool = pdfPool().stats();
await prisma.$disconnect();
await pdfPool().close();

if (scale > 0) {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is required for --scale");
  const t = performance.now();
  const url = await ensureScaleDatabase(base, scale);
  console.error(`[bench] scale database ready in ${ms(t)} ms`);
  // a child process, so lib/db's one client points at the scratch database
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--inventory-only", String(scale)], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`scaled run failed (${child.status})`);
  result.inventoryScaled = (JSON.parse(child.stdout) as { inventory: unknown }).inventory;
}
result.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
// the machine is shared: a load average well above its cores inflates every figure
result.loadAverage1m = Math.round((await import("node:os")).loadavg()[0]! * 10) / 10;
console.log(JSON.stringify(result, null, 2));
