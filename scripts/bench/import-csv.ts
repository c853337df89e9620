// Benchmark: a CSV import of 10,000 rows (new models, one version each), then the same file again
// (all unchanged), through lib/imports exactly as POST /api/v1/imports runs it.
// Usage: DATABASE_URL=postgresql://… npx tsx --conditions=react-server scripts/bench/import-csv.ts [rows]
// Needs a migrated database with the demo users (admin@northwind.example); the models it creates are
// deleted at the end. Prints one JSON object.
import { loadavg } from "node:os";
import { prisma } from "../../lib/db";
import { csvCell, CSV_COLUMNS } from "../../lib/imports/csv";
import { runImport } from "../../lib/imports/run-import";

const rows = Number(process.argv[2] ?? 10_000);
const prefix = `bench-imp-${Date.now().toString(36)}`;
const units = ["Retail Banking", "Payments", "Insurance", "People/HR", "Marketing", "Operations"];
const lifecycles = ["DEVELOPMENT", "VALIDATION", "PRODUCTION", "RETIRED"];

function csv(): string {
  const header = CSV_COLUMNS.map((c) => c.name);
  const lines = [header.join(",")];
  for (let i = 0; i < rows; i++) {
    const row: Record<string, string> = {
      key: `${prefix}-${i}`,
      name: `Bench model ${i}, "quoted"`,
      lifecycle: lifecycles[i % 4]!,
      description: `Generated row ${i}\nwith a line break`,
      business_unit: units[i % units.length]!,
      business_owner_email: "owner@northwind.example",
      intended_purpose: "Benchmark",
      actor_role: "DEPLOYER",
      environments: "prod;staging",
      version: String(1 + (i % 9)),
      registry_uri: `models:/bench-${i}/${1 + (i % 9)}`,
      active: "true",
      training_pipeline_version: "train-1",
      serving_pipeline_version: "serve-1",
    };
    lines.push(header.map((h) => csvCell(row[h] ?? "")).join(","));
  }
  return lines.join("\r\n");
}

const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
const actor = { id: admin.id, role: admin.role, email: admin.email };
const text = csv();
const time = async <T>(fn: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - t0), value };
};
try {
  const dry = await time(() => runImport({ actor, format: "csv", payload: text, dryRun: true }));
  const first = await time(() => runImport({ actor, format: "csv", payload: text, dryRun: false }));
  const second = await time(() => runImport({ actor, format: "csv", payload: text, dryRun: false }));
  console.log(
    JSON.stringify(
      {
        bench: "import-csv",
        rows,
        csvBytes: Buffer.byteLength(text),
        dryRun: { ms: dry.ms, summary: dry.value.summary },
        firstImport: { ms: first.ms, rowsPerSecond: Math.round((rows / first.ms) * 1000), summary: first.value.summary },
        reimport: { ms: second.ms, summary: second.value.summary },
        peakRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
        // the machine is shared: a load average well above its 2 cores inflates every figure
        loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      },
      null,
      2,
    ),
  );
} finally {
  await prisma.model.deleteMany({ where: { key: { startsWith: prefix } } });
  await prisma.$disconnect();
}
