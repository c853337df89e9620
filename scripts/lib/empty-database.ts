// An empty database beside a given one, for tests that need a second, truly empty database (the
// export round trip's target, the e2e stage's freshly seeded demo). On a PostgreSQL server:
// `<name>_<suffix>`, dropped and created again. PGlite serves a single database whatever name a
// client asks for, so beside an embedded instance the sibling is a second embedded instance.
import pg from "pg";
import { startEmbeddedPostgres } from "../embedded-db";

export type EmptyDatabase = { url: string; drop: () => Promise<void> };

/** Whether `url` is served by the embedded PostgreSQL (PGlite) rather than a PostgreSQL server. */
export async function isEmbedded(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    return /PGlite/i.test(rows[0]?.version ?? "");
  } finally {
    await client.end();
  }
}

export async function emptyDatabaseBeside(url: string, suffix: string, { dataDir }: { dataDir?: string } = {}): Promise<EmptyDatabase> {
  if (await isEmbedded(url)) {
    const embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
    return { url: embedded.url, drop: embedded.stop };
  }
  const target = new URL(url);
  const name = `${decodeURIComponent(target.pathname.slice(1)) || "postgres"}_${suffix}`.replaceAll('"', "");
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  target.pathname = `/${encodeURIComponent(name)}`;
  return { url: target.href, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
