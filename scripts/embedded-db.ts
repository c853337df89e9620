// Embedded PostgreSQL (PGlite, Postgres compiled to WebAssembly) exposed on a local TCP port,
// so the Prisma CLI (migrate deploy) and the app (adapter-pg) use it exactly like a real server.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

export async function startEmbeddedPostgres({ dataDir, port }: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  // persisted to this folder; pg_trgm for the inventory search indexes (migration 20261201030000_search_trgm)
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 32 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
