// The embedded default (`npm start` / `npm test` without a database URL) serves many connections
// from one PGlite session. Through the app's own Prisma client and pool, against an embedded
// instance this test starts itself: 4 workers × 250 mixed statements at once (queries with
// different parameter counts, multi-row reads, committed and rolled-back interactive transactions)
// give 0 errors and every answer its own; an answer of several MB arrives intact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/embedded-db";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let embedded: EmbeddedPostgres;
let db: PrismaClient;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ port: 0 });
  db = createPrismaClient(embedded.url, 8);
  await db.$executeRawUnsafe("CREATE TABLE item (id int PRIMARY KEY, owner text NOT NULL, n int NOT NULL)");
});

afterAll(async () => {
  await db?.$disconnect();
  await embedded?.stop();
});

class RolledBack extends Error {}

/** One statement of the mix, chosen by `i`; throws when the answer is not the one asked for. */
async function step(worker: number, i: number): Promise<void> {
  const id = worker * 100_000 + i;
  const tag = `w${worker}-${i}`;
  switch (i % 5) {
    case 0: {
      const [row] = await db.$queryRawUnsafe<Array<{ n: number; tag: string }>>("SELECT $1::int AS n, $2::text AS tag", id, tag);
      if (row?.n !== id || row.tag !== tag) throw new Error(`asked ${id}/${tag}, got ${JSON.stringify(row)}`);
      return;
    }
    case 1: {
      const [row] = await db.$queryRawUnsafe<Array<{ tag: string }>>("SELECT $1::text AS tag", tag);
      if (row?.tag !== tag) throw new Error(`asked ${tag}, got ${JSON.stringify(row)}`);
      return;
    }
    case 2: {
      const count = (i % 7) + 1;
      const rows = await db.$queryRawUnsafe<Array<{ k: number; tag: string }>>("SELECT k, $2::text AS tag FROM generate_series(1, $1::int) AS k", count, tag);
      if (rows.length !== count || rows.some((r) => r.tag !== tag)) throw new Error(`asked ${count} rows of ${tag}, got ${JSON.stringify(rows)}`);
      return;
    }
    case 3: {
      // a committed transaction reads back its own writes
      const seen = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO item (id, owner, n) VALUES ($1, $2, 1)", id, tag);
        await tx.$executeRawUnsafe("UPDATE item SET n = n + $2 WHERE id = $1", id, worker);
        const [row] = await tx.$queryRawUnsafe<Array<{ owner: string; n: number }>>("SELECT owner, n FROM item WHERE id = $1", id);
        return row;
      });
      if (seen?.owner !== tag || seen.n !== 1 + worker) throw new Error(`transaction ${tag} read ${JSON.stringify(seen)}`);
      return;
    }
    default: {
      // a transaction that fails halfway leaves nothing behind
      await db
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe("INSERT INTO item (id, owner, n) VALUES ($1, $2, 0)", id, tag);
          throw new RolledBack();
        })
        .catch((e: unknown) => {
          if (!(e instanceof RolledBack)) throw e;
        });
      const [row] = await db.$queryRawUnsafe<Array<{ c: number }>>("SELECT count(*)::int AS c FROM item WHERE id = $1", id);
      if (row?.c !== 0) throw new Error(`rolled-back row ${id} is there`);
    }
  }
}

describe("embedded database: concurrent connections", () => {
  it("4 workers × 250 mixed statements through the app's pool: 0 errors, every answer its own", async () => {
    const perWorker = 250;
    const errors: string[] = [];
    const started = Date.now();
    await Promise.all(
      [1, 2, 3, 4].map(async (worker) => {
        for (let i = 0; i < perWorker; i++) await step(worker, i).catch((e: unknown) => errors.push(e instanceof Error ? e.message : String(e)));
      }),
    );
    const elapsed = Date.now() - started;
    expect(errors.slice(0, 5)).toEqual([]);
    expect(errors.length).toBe(0);
    // every committed transaction's row is there with its own owner, none of the rolled-back ones
    const rows = await db.$queryRawUnsafe<Array<{ id: number; owner: string }>>("SELECT id, owner FROM item ORDER BY id");
    const expected = [1, 2, 3, 4].flatMap((w) =>
      Array.from({ length: perWorker }, (_, i) => i)
        .filter((i) => i % 5 === 3)
        .map((i) => ({ id: w * 100_000 + i, owner: `w${w}-${i}` })),
    );
    expect(rows).toEqual(expected);
    console.log(JSON.stringify({ statements: 4 * perWorker, workers: 4, errors: errors.length, elapsedMs: elapsed }));
  }, 120_000);

  it("an answer larger than the socket buffer arrives intact (20,000 rows of json and text, ~13 MB)", async () => {
    // PGlite hands its answer over piece by piece as views on its WebAssembly memory, and reuses that
    // memory for the next piece; a write the socket had to queue kept the view, not the bytes, so the
    // client read later pieces in place of earlier ones (Prisma: "Expected double-quoted property name in JSON")
    const n = 20_000;
    const rows = await db.$queryRawUnsafe<Array<{ i: number; doc: { i: number; h: string }; t: string }>>(
      `SELECT g AS i, json_build_object('i', g, 'h', repeat(md5(g::text), 10)) AS doc, repeat(md5(g::text), 10) AS t FROM generate_series(1, $1::int) AS g ORDER BY g`,
      n,
    );
    const { createHash } = await import("node:crypto");
    const expected = (i: number) => createHash("md5").update(String(i)).digest("hex").repeat(10);
    expect(rows).toHaveLength(n);
    expect(rows.filter((r, k) => r.i !== k + 1 || r.doc.i !== k + 1 || r.doc.h !== expected(k + 1) || r.t !== expected(k + 1)).length).toBe(0);
  }, 120_000);

  it("a connection that disappears inside a transaction does not leave it open for the next one", async () => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: embedded.url });
    client.on("error", () => undefined); // the abrupt end below is the point
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO item (id, owner, n) VALUES (-1, 'abandoned', 0)");
    // the socket closes without COMMIT or ROLLBACK
    (client as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const [row] = await db.$queryRawUnsafe<Array<{ c: number }>>("SELECT count(*)::int AS c FROM item WHERE id = -1");
    expect(row?.c).toBe(0);
    const [tx] = await db.$queryRawUnsafe<Array<{ xact: boolean }>>("SELECT now() = statement_timestamp() AS xact");
    expect(tx?.xact).toBe(true); // not inside someone else's transaction
  });
});
