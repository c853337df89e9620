// Idempotency keys on POST (lib/api/idempotency.ts), on the real database, with the first request
// held open by the test itself: no timing assumptions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { withIdempotency } from "@/lib/api/idempotency";
import type { Principal } from "@/lib/api/principal";

let principal: Principal;
const key = `test-idem-${Date.now().toString(36)}`;
const post = (body: string) =>
  new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "idempotency-key": key, "content-type": "text/csv" }, body });

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  principal = { user: { id: u.id, role: u.role, email: u.email, name: u.name }, tokenId: null, scopes: new Set(["read", "write", "monitoring"]), modelKeys: null };
});
afterAll(async () => {
  await prisma.idempotencyRecord.deleteMany({ where: { key } });
  await prisma.$disconnect();
});

describe("withIdempotency", () => {
  it("answers a retry that arrives while the first request still runs with 409, then replays the stored answer", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const handler = async () => {
      runs++;
      await gate;
      return Response.json({ created: 1 }, { status: 201 });
    };
    const first = withIdempotency(principal, post("a,b"), handler);
    // wait until the first request has claimed the key
    for (let i = 0; i < 100 && !(await prisma.idempotencyRecord.findFirst({ where: { key } })); i++) await new Promise((r) => setTimeout(r, 20));
    const concurrent = await withIdempotency(principal, post("a,b"), handler).catch((e: unknown) => e);
    expect(concurrent).toBeInstanceOf(AppError);
    expect((concurrent as AppError).code).toBe("CONFLICT");
    expect((concurrent as AppError).message).toMatch(/still being processed/);
    release();
    expect((await first).status).toBe(201);
    const replay = await withIdempotency(principal, post("a,b"), handler);
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual({ created: 1 });
    expect(runs).toBe(1);
    const other = await withIdempotency(principal, post("other body"), handler).catch((e: unknown) => e);
    expect((other as AppError).code).toBe("VALIDATION");
  });
});
