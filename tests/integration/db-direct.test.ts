// `direct` (lib/db.ts): hot-path statements sent to the driver without the ORM must run on the same
// connection as the transaction they belong to — otherwise a lock, an insert or an audit event would
// escape its transaction (committed while the change rolls back, or deadlocked against it).
import { afterAll, describe, expect, it } from "vitest";
import { direct, prisma, sql } from "@/lib/db";

const key = `direct-${Date.now().toString(36)}`;
afterAll(async () => {
  await prisma.setting.deleteMany({ where: { key: { startsWith: key } } });
  await prisma.$disconnect();
});

class Rollback extends Error {}

describe("direct statements", () => {
  it("inside a transaction run on its connection: they see its uncommitted rows, and roll back with it", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        const [ownPid] = await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
        const [directPid] = await direct<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
        expect(directPid!.pid).toBe(ownPid!.pid);
        await tx.setting.create({ data: { key: `${key}-orm`, value: 1 } });
        expect(await direct(tx, sql`SELECT 1 FROM "Setting" WHERE "key" = ${`${key}-orm`}`)).toHaveLength(1);
        await direct(tx, sql`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${`${key}-direct`}, '2'::jsonb, now())`);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await prisma.setting.count({ where: { key: { startsWith: key } } })).toBe(0);
  });

  it("after its transaction ended (Prisma's timeout rolled it back) a direct statement is refused, not run on a pooled connection", async () => {
    let late: Promise<unknown> | undefined;
    await expect(
      prisma.$transaction(
        async (tx) => {
          await new Promise((r) => setTimeout(r, 600)); // the transaction times out meanwhile
          late = direct(tx, sql`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${`${key}-late`}, '3'::jsonb, now())`);
          await late;
        },
        { timeout: 200 },
      ),
    ).rejects.toThrow();
    await expect(late).rejects.toMatchObject({ code: "P2028" });
    expect(await prisma.setting.count({ where: { key: `${key}-late` } })).toBe(0);
  });

  it("outside a transaction use the client's pool, bind every value as a parameter, and read the driver's types", async () => {
    const hostile = `'; DROP TABLE "Setting"; --`;
    const [row] = await direct<{ text: string; n: number; f: number; ok: boolean; ids: string[]; j: { a: number } }>(
      prisma,
      sql`SELECT ${hostile}::text AS text, ${42}::int AS n, ${0.30000000000000004}::float8 AS f, true AS ok, ${["a", "b"]}::text[] AS ids, '{"a": 1}'::jsonb AS j`,
    );
    expect(row).toEqual({ text: hostile, n: 42, f: 0.30000000000000004, ok: true, ids: ["a", "b"], j: { a: 1 } });
    expect(await direct(prisma, sql`SELECT to_regclass('"Setting"') IS NOT NULL AS present`)).toEqual([{ present: true }]);
  });
});
