// Benchmark: restoring an inventory JSON export. Fills a THROWAWAY database with `models` generated
// models, each with 2 versions, 3 documentation sections and `checks` monitoring checks (2 per-feature
// results each), exports it through lib/exports (as GET /api/v1/exports/inventory does), empties the
// models, then imports the file through lib/imports (as POST /api/v1/imports does): dry run, restore,
// and the same file again (everything unchanged).
// Usage: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/dossier_bench \
//          npx tsx --conditions=react-server scripts/bench/import-inventory.ts [models=10000] [_] [checks=30]
import { loadavg } from "node:os";
import { generateBenchModels, prepareBenchDatabase } from "./lib/generate-models";

const { models } = await prepareBenchDatabase();
const loadAverageAtStart1m = Math.round(loadavg()[0]! * 10) / 10;
// generating 10,000 models' checks takes longer per statement than the app's statement timeout (30 s)
process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= "1800000";
const checks = Number(process.argv[4] ?? 30);

const { prisma } = await import("../../lib/db");
const { exportInventory } = await import("../../lib/exports/inventory");
const { runImport } = await import("../../lib/imports/run-import");
const { hashPassword } = await import("../../lib/auth/password");

// the machine's ceiling for the same rows: PostgreSQL generating them itself (INSERT … SELECT, no client)
const ceilingStart = performance.now();
await generateBenchModels(prisma, models);
await prisma.$executeRawUnsafe(`
  INSERT INTO "ModelVersion" (id, "modelId", version, "registryUri", active, "trainingPipelineVersion", "servingPipelineVersion", "updatedAt")
  SELECT gen_random_uuid(), m.id, v::text, 'models:/' || m.key || '/' || v, v = 2, 'train-1', 'train-1', now()
  FROM "Model" m CROSS JOIN generate_series(1, 2) AS v`);
await prisma.$executeRawUnsafe(`
  INSERT INTO "DocumentationSection" (id, "modelId", "sectionKey", content, status, "updatedAt")
  SELECT gen_random_uuid(), m.id, s, 'Generated documentation for ' || m.key || ': ' || repeat('text ', 40), 'COMPLETE', now() - interval '10 days'
  FROM "Model" m CROSS JOIN unnest(ARRAY['annex-iv-1-general-description', 'annex-iv-2-development', 'annex-iv-5-risk-management']) AS s`);
await prisma.$executeRawUnsafe(`
  INSERT INTO "MonitoringCheck" (id, "modelId", "observedAt", status, "createdAt")
  SELECT gen_random_uuid(), m.id, date_trunc('day', now()) - d * interval '1 day', 'HEALTHY', now()
  FROM "Model" m CROSS JOIN generate_series(1, ${checks}) AS d`);
await prisma.$executeRawUnsafe(`
  INSERT INTO "MonitoringFeatureResult" (id, "checkId", feature, psi, status)
  SELECT gen_random_uuid(), c.id, f, 0.02, 'HEALTHY' FROM "MonitoringCheck" c CROSS JOIN unnest(ARRAY['income', 'age']) AS f`);
const ceilingMs = Math.round(performance.now() - ceilingStart);
// kept between runs: a user with audit events cannot be deleted (the log is append-only)
const admin =
  (await prisma.user.findUnique({ where: { email: "bench@bench.example" } })) ??
  (await prisma.user.create({ data: { email: "bench@bench.example", name: "Bench", role: "ADMIN", passwordHash: await hashPassword("bench-password-123") } }));
const actor = { id: admin.id, role: admin.role, email: admin.email };

const time = async <T>(fn: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - t0), value };
};
const exported = await time(async () => JSON.parse(JSON.stringify(await exportInventory())) as unknown);
const bytes = Buffer.byteLength(JSON.stringify(exported.value));
await prisma.$executeRawUnsafe(`TRUNCATE "Model" CASCADE`);
const dry = await time(() => runImport({ actor, format: "inventory", payload: exported.value, dryRun: true }));
const restore = await time(() => runImport({ actor, format: "inventory", payload: exported.value, dryRun: false }));
const cpuBefore = process.cpuUsage();
const again = await time(() => runImport({ actor, format: "inventory", payload: exported.value, dryRun: false }));
const againCpu = process.cpuUsage(cpuBefore);
const loadAverageAtReimport1m = Math.round(loadavg()[0]! * 10) / 10;
// where the unchanged re-import's time goes: its parts again, one at a time (in the import they overlap:
// PostgreSQL builds the stored fingerprints, in two halves on two connections, while Node checks the file)
const { modelDocSchema } = await import("../../lib/exports/format");
const { normaliseModelDoc } = await import("../../lib/imports/inventory");
const { modelDocFingerprint, storedFingerprints } = await import("../../lib/imports/inventory-fingerprint");
const timeCpu = async <T>(fn: () => Promise<T> | T) => {
  const c0 = process.cpuUsage();
  const { ms, value } = await time(async () => fn());
  const c = process.cpuUsage(c0);
  return { ms, nodeCpuMs: Math.round((c.user + c.system) / 1000), value };
};
const fileModels = (exported.value as { models: unknown[] }).models;
const fileKeys = fileModels.map((m) => (m as { key: string }).key);
const storedPart = await timeCpu(() => storedFingerprints(prisma, fileKeys));
const validatePart = await timeCpu(() => fileModels.map((m) => modelDocSchema.parse(m)));
const normalisePart = await timeCpu(() => validatePart.value.map(normaliseModelDoc));
const fingerprintPart = await timeCpu(() => normalisePart.value.map(modelDocFingerprint));
const fastPath = fingerprintPart.value.filter((f, n) => f !== null && storedPart.value.get(normalisePart.value[n]!.key)?.fingerprint === f).length;
const part = ({ ms, nodeCpuMs }: { ms: number; nodeCpuMs: number }) => ({ ms, nodeCpuMs });
const [sizes] = await prisma.$queryRawUnsafe<Array<Record<string, number>>>(
  `SELECT (SELECT count(*) FROM "Model")::int AS models, (SELECT count(*) FROM "ModelVersion")::int AS versions,
     (SELECT count(*) FROM "DocumentationSection")::int AS sections, (SELECT count(*) FROM "MonitoringCheck")::int AS checks,
     (SELECT count(*) FROM "MonitoringFeatureResult")::int AS "featureResults"`,
);
console.log(
  JSON.stringify(
    {
      bench: "import-inventory",
      models,
      restoredSizes: sizes,
      exportBytes: bytes,
      exportMs: exported.ms,
      dryRun: { ms: dry.ms, summary: dry.value.summary },
      restore: { ms: restore.ms, modelsPerSecond: Math.round((models / restore.ms) * 1000), summary: restore.value.summary },
      reimportUnchanged: {
        ms: again.ms,
        loadAverage1m: loadAverageAtReimport1m,
        nodeCpuMs: Math.round((againCpu.user + againCpu.system) / 1000),
        summary: again.value.summary,
        parts: {
          storedFingerprints: part(storedPart),
          validate: part(validatePart),
          normalise: part(normalisePart),
          fingerprint: part(fingerprintPart),
          modelsWithStoredFingerprint: fastPath,
        },
      },
      // the same models, versions, sections, checks and feature results written by INSERT … SELECT in the same run
      ceiling: { ms: ceilingMs, restoreRatio: Math.round((restore.ms / ceilingMs) * 10) / 10 },
      targetMs: { restore10000: 60_000, reimport: 3_000 },
      // the machine is shared: a load average well above its 2 cores inflates every figure
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      loadAverageAtStart1m,
    },
    null,
    2,
  ),
);
await prisma.$disconnect();
