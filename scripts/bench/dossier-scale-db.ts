// A scratch database with the demo organisation plus generated production models, for the dossier
// benchmarks: `${DATABASE_URL's database}_bench_${N}` on the same server, created (or reused) here.
// The extra models are copies of the demo's production models with new ids and keys (`<key>-copy-<k>`),
// so they carry the same mix of complete and broken documentation.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { bin } from "../lib/run";
import { generateDemo } from "../../prisma/seed/demo";

/** Migrate and seed like scripts/lib/prepare-db.ts, with the tools' output on stderr (stdout is the bench's JSON). */
function prepare(url: string): void {
  const env = { ...process.env, DATABASE_URL: url };
  for (const [cmd, args] of [
    [bin("prisma"), ["migrate", "deploy"]],
    [bin("tsx"), ["--conditions=react-server", "scripts/seed.ts", "--if-empty"]],
  ] as const) {
    const result = spawnSync(cmd, args, { env, stdio: ["ignore", 2, 2] });
    if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed on the bench database`);
  }
}

export async function ensureScaleDatabase(baseUrl: string, productionModels: number): Promise<string> {
  const url = new URL(baseUrl);
  const name = `${url.pathname.slice(1) || "dossier"}_bench_${productionModels}`;
  const admin = new pg.Client({ connectionString: Object.assign(new URL(baseUrl), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const target = url.toString();
  prepare(target);
  await topUpProductionModels(target, productionModels);
  return target;
}

async function topUpProductionModels(url: string, wanted: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Model" WHERE lifecycle = 'PRODUCTION'`);
    let have = Number(rows[0]?.n ?? 0);
    if (have >= wanted) return;
    const demo = generateDemo({ asOf: new Date() });
    const production = demo.models.filter((m) => m.lifecycle === "PRODUCTION");
    const versionsOf = groupBy(demo.versions, (r) => r.modelId);
    const sectionsOf = groupBy(demo.sections, (r) => r.modelId);
    const configsOf = groupBy(demo.monitoringConfigs, (r) => r.modelId);
    const checksOf = groupBy(demo.checks, (r) => r.modelId);
    const links = groupBy(demo.versionDatasets, (l) => l.versionId);
    const assessments = groupBy(demo.biasAssessments, (a) => a.versionId);
    const metrics = groupBy(demo.biasMetrics, (m) => m.assessmentId);
    const features = groupBy(demo.featureResults, (f) => f.checkId);
    const out: Record<string, Array<Record<string, unknown>>> = {};
    const add = (table: string, row: Record<string, unknown>) => (out[table] ??= []).push(row);
    const now = new Date();
    for (let copy = 1; have < wanted; copy++) {
      for (const model of production) {
        if (have >= wanted) break;
        const modelId = randomUUID();
        add("Model", {
          ...model,
          id: modelId,
          key: `${model.key}-copy-${copy}`.slice(0, 80),
          name: `${model.name} (copy ${copy})`,
          classificationAnswers: model.classificationAnswers ? JSON.stringify(model.classificationAnswers) : null,
        });
        for (const v of versionsOf.get(model.id) ?? []) {
          const versionId = randomUUID();
          add("ModelVersion", { ...v, id: versionId, modelId, metrics: JSON.stringify(v.metrics), updatedAt: now });
          for (const l of links.get(v.id) ?? []) add("ModelVersionDataset", { ...l, versionId });
          for (const a of assessments.get(v.id) ?? []) {
            const assessmentId = randomUUID();
            add("BiasAssessment", { ...a, id: assessmentId, versionId });
            for (const m of metrics.get(a.id) ?? []) add("BiasMetric", { ...m, id: randomUUID(), assessmentId });
          }
        }
        for (const s of sectionsOf.get(model.id) ?? []) add("DocumentationSection", { ...s, id: randomUUID(), modelId });
        for (const c of configsOf.get(model.id) ?? []) add("MonitoringConfig", { ...c, id: randomUUID(), modelId, updatedAt: now });
        for (const check of checksOf.get(model.id) ?? []) {
          const checkId = randomUUID();
          // a copy's checks are not tied to the copied versions (versionId is informational only)
          add("MonitoringCheck", { ...check, id: checkId, modelId, versionId: null });
          for (const f of features.get(check.id) ?? []) add("MonitoringFeatureResult", { ...f, id: randomUUID(), checkId });
        }
        have++;
      }
    }
    await client.query("BEGIN");
    for (const table of ["Model", "ModelVersion", "ModelVersionDataset", "BiasAssessment", "BiasMetric", "DocumentationSection", "MonitoringConfig", "MonitoringCheck", "MonitoringFeatureResult"]) {
      await insertMany(client, table, out[table] ?? []);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function groupBy<T>(list: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) {
    const key = keyOf(item);
    const group = map.get(key);
    if (group) group.push(item);
    else map.set(key, [item]);
  }
  return map;
}

async function insertMany(client: pg.Client, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perBatch = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += perBatch) {
    const batch = rows.slice(i, i + perBatch);
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${columns.map((c) => `$${values.push(row[c])}`).join(", ")})`);
    await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
  }
}
