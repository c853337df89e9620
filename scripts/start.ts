// `npm start`: the whole app in one command.
// - With DATABASE_URL: use that server, apply migrations, never seed (use `npm run db:seed`).
// - Without: run PostgreSQL embedded (PGlite, persisted under DOSSIER_DATA_DIR, default .data/),
//   apply migrations, and seed the demo organisation on the first start of the empty database.
// - Builds the app first when there is no build yet; generates NEXTAUTH_SECRET once in local mode.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawn } from "node:child_process";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-db";
import { bin, migrateDeploy, run } from "./lib/run";

const dataDir = resolve(process.env.DOSSIER_DATA_DIR ?? ".data");
const port = process.env.PORT ?? "3000";
let embedded: EmbeddedPostgres | undefined;

async function shutdown(code: number): Promise<never> {
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}

function localSecret(): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

if (!existsSync(join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
  console.log("[start] no build found: running `npm run build` first");
  // the type check is the test suite's job (npm test runs tsc first): skipping it here roughly halves
  // the first start on a 2-core machine
  if ((await run("npm", ["run", "build"], { ...process.env, NEXT_SKIP_TYPECHECK: "1", NEXT_TELEMETRY_DISABLED: "1" })) !== 0) await shutdown(1);
}

const local = !process.env.DATABASE_URL;
if (local) {
  const pgPort = Number(process.env.PGLITE_PORT ?? 55432);
  embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, "pglite"), port: pgPort });
  process.env.DATABASE_URL = embedded.url;
  // PGlite is single-threaded: a small pool avoids queueing many idle connections on it
  process.env.DATABASE_POOL_MAX ??= "4";
  // one session runs one transaction at a time: a transaction may wait its turn longer than on a server
  process.env.DATABASE_TRANSACTION_MAX_WAIT_MS ??= "60000";
  // ...and so may a new connection (its start-up waits for the session like any statement)
  process.env.DATABASE_CONNECT_TIMEOUT_MS ??= "60000";
  // the demo: its accounts sign in with the published password and no second-factor prompt
  process.env.DOSSIER_REQUIRE_MFA ??= "off";
  console.log(`[start] no DATABASE_URL: embedded PostgreSQL (PGlite) in ${join(dataDir, "pglite")} on 127.0.0.1:${pgPort}`);
}
if (!process.env.NEXTAUTH_SECRET) {
  if (!local) {
    console.error("[start] NEXTAUTH_SECRET is required when DATABASE_URL is set (e.g. `openssl rand -base64 32`).");
    await shutdown(1);
  }
  process.env.NEXTAUTH_SECRET = localSecret();
}
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";

if ((await migrateDeploy(process.env)) !== 0) {
  console.error("[start] applying migrations failed");
  await shutdown(1);
}

if (local) {
  // seeds only an empty database; prints the demo accounts once
  const seeded = await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts", "--if-empty"]);
  if (seeded !== 0) await shutdown(1);
}

const next = spawn(bin("next"), ["start", "-p", port, ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.kill(sig));
next.on("exit", (code) => void shutdown(code ?? 0));
