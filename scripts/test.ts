// `npm test`: lint, format check, type check and unit tests, integration (real PostgreSQL) and
// end-to-end (Playwright + Debian's chromium), in that order, stopping at the first failing stage.
// Integration and e2e use TEST_DATABASE_URL when set (CI points it at a fresh database on the
// machine's PostgreSQL); otherwise an embedded PostgreSQL (PGlite) in a temporary folder, on a
// free port, serves this run and is deleted afterwards. The e2e stage gets a fresh sibling
// database so that the integration tests' rows cannot change the counts the browser journeys check.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-db";
import { bin, run } from "./lib/run";
import { freePort } from "./lib/free-port";
import { emptyDatabaseBeside } from "./lib/empty-database";

const STAGES = ["unit", "integration", "e2e"];
/** what Prettier formats (prose and data files keep their hand layout) */
const CODE_FILES = "**/*.{ts,tsx,js,mjs,cjs,css}";
const requested = process.argv.slice(2);
const unknown = requested.filter((s) => !STAGES.includes(s));
if (unknown.length) {
  console.error(`unknown stage(s): ${unknown.join(", ")}; choose from ${STAGES.join(", ")}`);
  process.exit(2);
}
const stages = requested.length ? requested : STAGES;
let embedded: EmbeddedPostgres | undefined;
const extraStops: Array<() => Promise<void>> = [];
let tempDir: string | undefined;

async function main(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (stages.includes("unit")) {
    console.log("\n=== lint (ESLint, including the dependency direction) ===");
    if ((await run(bin("eslint"), ["--max-warnings", "0", "."], env)) !== 0) return 1;
    console.log("\n=== format (Prettier; `npm run format` fixes) ===");
    if ((await run(bin("prettier"), ["--check", "--log-level", "warn", CODE_FILES], env)) !== 0) return 1;
    console.log("\n=== dependency licences (compatible with Apache-2.0) ===");
    if ((await run(bin("tsx"), ["scripts/check-licences.ts"], env)) !== 0) return 1;
    console.log("\n=== type check ===");
    if ((await run(bin("tsc"), ["--noEmit", "-p", "."], env)) !== 0) return 1;
    console.log("\n=== unit tests ===");
    if ((await run(bin("vitest"), ["run", "--project", "unit"], env)) !== 0) return 1;
  }
  if (!stages.includes("integration") && !stages.includes("e2e")) return 0;

  if (!env.TEST_DATABASE_URL) {
    tempDir = mkdtempSync(join(tmpdir(), "dossier-test-"));
    const port = await freePort();
    embedded = await startEmbeddedPostgres({ dataDir: join(tempDir, "pglite"), port });
    env.TEST_DATABASE_URL = embedded.url;
    env.DATABASE_POOL_MAX ??= "4";
    // one session runs one transaction at a time: a transaction may wait its turn longer than on a server
    env.DATABASE_TRANSACTION_MAX_WAIT_MS ??= "60000";
    // ...and so may a new connection (its start-up waits for the session like any statement)
    env.DATABASE_CONNECT_TIMEOUT_MS ??= "60000";
    console.log(`[test] TEST_DATABASE_URL not set: embedded PostgreSQL (PGlite) on 127.0.0.1:${port}`);
  } else {
    console.log("[test] using TEST_DATABASE_URL");
  }

  if (stages.includes("integration")) {
    console.log("\n=== integration tests (real PostgreSQL) ===");
    if ((await run(bin("vitest"), ["run", "--project", "integration"], env)) !== 0) return 1;
  }
  if (stages.includes("e2e")) {
    // the browser journeys assert the demo's exact counts: they get a freshly seeded database of
    // their own, untouched by the integration tests that ran before them
    const e2eEnv = { ...env, TEST_DATABASE_URL: await freshSiblingDatabase(env.TEST_DATABASE_URL, "e2e") };
    console.log("\n=== build for end-to-end tests ===");
    if ((await run("npm", ["run", "build"], e2eEnv)) !== 0) return 1;
    console.log("\n=== end-to-end tests (Playwright, chromium) ===");
    if ((await run(bin("playwright"), ["test"], e2eEnv)) !== 0) return 1;
  }
  return 0;
}

/** An empty database next to `url` for a stage of its own (see scripts/lib/empty-database.ts). */
async function freshSiblingDatabase(url: string | undefined, suffix: string): Promise<string> {
  if (!url) throw new Error("no test database");
  const sibling = await emptyDatabaseBeside(url, suffix, { dataDir: tempDir && join(tempDir, `pglite-${suffix}`) });
  extraStops.push(sibling.drop);
  console.log(`[test] ${suffix} tests use a fresh database`);
  return sibling.url;
}

const code = await main().catch((e: unknown) => {
  console.error(e);
  return 1;
});
for (const stop of [...extraStops, embedded?.stop]) await stop?.().catch(() => undefined);
if (tempDir) rmSync(tempDir, { recursive: true, force: true });
process.exit(code);
