// Backup and restore of Dossier's database (`npm run backup`, `npm run restore`). Everything Dossier
// keeps is in the database: models, documentation, evidence files and issued dossiers (bytea), the
// audit log, scheduled jobs. Two kinds of database, two file formats, told apart by their first bytes:
// - a PostgreSQL server (DATABASE_URL set): pg_dump's custom format (`.dump`), restored with pg_restore;
// - the embedded database (PGlite under DOSSIER_DATA_DIR): a gzipped tarball of its data folder
//   (`.tar.gz`, PGlite's own dumpDataDir), taken and restored while `npm start` is stopped (PGlite
//   serves one process; its server is PostgreSQL 18, which pg_dump 15 refuses to dump).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readSync, closeSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";

export type BackupKind = "pg_dump" | "pglite";

/** libpq does not know Prisma's URL parameters; the password goes through the environment, not argv. */
export function libpqTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  for (const p of ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"]) url.searchParams.delete(p);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = "";
  }
  return { url: url.href, env };
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "pipe"], env });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on("error", (e) => reject(new Error(`${cmd}: ${e.message} (is the PostgreSQL client installed? apt-get install postgresql-client)`)));
    child.on("exit", (code) => (code === 0 ? resolvePromise() : reject(new Error(`${cmd} failed (exit ${code}): ${stderr.trim().split("\n").pop() ?? ""}`))));
  });
}

export function embeddedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env.DOSSIER_DATA_DIR ?? ".data"), "pglite");
}

/** Is something (a running `npm start`) serving the embedded database's port? */
export function portInUse(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("timeout", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });
}

async function assertEmbeddedIdle(env: NodeJS.ProcessEnv) {
  const port = Number(env.PGLITE_PORT ?? 55432);
  if (await portInUse(port)) {
    throw new Error(`the embedded database is in use (something listens on 127.0.0.1:${port}, e.g. \`npm start\`): stop it first, then run this again`);
  }
}

function defaultFile(kind: BackupKind): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  return join("backups", `dossier-${stamp}${kind === "pg_dump" ? ".dump" : ".tar.gz"}`);
}

export async function backup({ out, env = process.env }: { out?: string; env?: NodeJS.ProcessEnv }): Promise<{ file: string; kind: BackupKind; bytes: number }> {
  const kind: BackupKind = env.DATABASE_URL ? "pg_dump" : "pglite";
  const file = resolve(out ?? defaultFile(kind));
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  if (kind === "pg_dump") {
    const target = libpqTarget(env.DATABASE_URL!);
    await exec("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${target.url}`], target.env);
  } else {
    await assertEmbeddedIdle(env);
    const dataDir = embeddedDataDir(env);
    if (!existsSync(join(dataDir, "PG_VERSION"))) throw new Error(`no embedded database in ${dataDir} (set DOSSIER_DATA_DIR, or DATABASE_URL for a server)`);
    const db = await PGlite.create(dataDir);
    try {
      const tarball = await db.dumpDataDir("gzip");
      writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  // a file under the final name is always complete
  renameSync(partial, file);
  return { file, kind, bytes: statSync(file).size };
}

export function backupKindOf(file: string): BackupKind {
  const head = Buffer.alloc(5);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  throw new Error(`${file} is neither a pg_dump custom-format file nor an embedded-database tarball`);
}

/**
 * Replace the database's contents with a backup. A database that already holds Dossier's tables is
 * only replaced with `replace: true`, and what it held is first saved next to the backup file
 * (`<file>.before-restore-<time>`), so a restore into the wrong place can be undone.
 */
export async function restore({ file, replace = false, env = process.env }: { file: string; replace?: boolean; env?: NodeJS.ProcessEnv }): Promise<{ kind: BackupKind; savedPrevious?: string }> {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`no such backup file: ${path}`);
  const kind = backupKindOf(path);
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  if (kind === "pg_dump") {
    if (!env.DATABASE_URL) throw new Error("this is a PostgreSQL server backup (pg_dump): set DATABASE_URL to the database to restore it into");
    const target = libpqTarget(env.DATABASE_URL);
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    let savedPrevious: string | undefined;
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss')`);
      if (rows[0]!.n > 0) {
        if (!replace) throw new Error("the target database is not empty: pass --replace to replace its contents (they are saved first)");
        savedPrevious = (await backup({ out: `${path}.before-restore-${stamp}.dump`, env })).file;
        await client.query("BEGIN");
        await client.query("DROP SCHEMA IF EXISTS pgboss CASCADE");
        await client.query("DROP SCHEMA IF EXISTS public CASCADE");
        await client.query("CREATE SCHEMA public");
        await client.query("COMMIT");
      }
    } finally {
      await client.end();
    }
    // one transaction: a restore that fails part-way leaves nothing half-restored
    await exec("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${target.url}`, path], target.env);
    return { kind, savedPrevious };
  }

  if (env.DATABASE_URL) throw new Error("this is an embedded-database backup: unset DATABASE_URL to restore it into the embedded database (DOSSIER_DATA_DIR)");
  await assertEmbeddedIdle(env);
  const dataDir = embeddedDataDir(env);
  const hasData = existsSync(join(dataDir, "PG_VERSION"));
  if (hasData && !replace) throw new Error(`${dataDir} already holds a database: pass --replace to replace it (it is kept as ${dataDir}.before-restore-<time>)`);
  const incoming = `${dataDir}.restoring`;
  rmSync(incoming, { recursive: true, force: true });
  mkdirSync(dirname(dataDir), { recursive: true });
  // unpack into a sibling folder first, check it opens and answers, then swap the folders
  const db = await PGlite.create(incoming, { loadDataDir: new Blob([readFileSync(path)]) });
  try {
    await db.query("SELECT 1");
  } finally {
    await db.close();
  }
  let savedPrevious: string | undefined;
  if (hasData) {
    savedPrevious = `${dataDir}.before-restore-${stamp}`;
    renameSync(dataDir, savedPrevious);
  } else {
    rmSync(dataDir, { recursive: true, force: true });
  }
  renameSync(incoming, dataDir);
  return { kind, savedPrevious };
}
