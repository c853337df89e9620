// Idempotency keys on POST (lib/api/idempotency.ts), on the real database, with the first request
// held open by the test itself: no timing assumptions.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { withIdempotency } from "@/lib/api/idempotency";
import type { Principal } from "@/lib/api/principal";

let principal: Principal;
const key = `test-idem-${Date.now().toString(36)}`;
const post = (body: string) => new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "idempotency-key": key, "content-type": "text/csv" }, body });

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

describe("an Idempotency-Key whose request died with its server", () => {
  it("is held while the lease runs, then a retry runs the request again; the dead request wrote nothing", async () => {
    const deadKey = `test-idem-dead-${Date.now().toString(36)}`;
    const marker = `test.idempotency.${deadKey}`;
    const leaseMs = 1_500;
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/idempotency-holder.ts", principal.user.id, deadKey, marker], {
      env: { ...process.env, TSX_TSCONFIG_PATH: "tests/support/tsconfig.node.json", DOSSIER_IDEMPOTENCY_LEASE_MS: String(leaseMs) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("holding") && resolve());
        child.on("exit", (code) => reject(new Error(`holder exited early (${code})`)));
      });
      // the server dies mid-request: no release, no answer, its transaction is rolled back by PostgreSQL
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));

      process.env.DOSSIER_IDEMPOTENCY_LEASE_MS = String(leaseMs);
      const request = () => new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "idempotency-key": deadKey, "content-type": "text/csv" }, body: "a,b" });
      let runs = 0;
      const handler = async () => {
        runs++;
        return Response.json({ created: 1 }, { status: 201 });
      };
      // while the lease may still be renewed by a live holder, a retry is a conflict
      const early = await withIdempotency(principal, request(), handler).catch((e: unknown) => e);
      const record = await prisma.idempotencyRecord.findUniqueOrThrow({ where: { principal_key: { principal: `user:${principal.user.id}`, key: deadKey } } });
      if (record.leaseExpiresAt.getTime() > Date.now()) {
        expect((early as AppError).code).toBe("CONFLICT");
        await new Promise((r) => setTimeout(r, record.leaseExpiresAt.getTime() - Date.now() + 50));
      }
      const retry = await withIdempotency(principal, request(), handler);
      expect(retry.status).toBe(201);
      expect(runs).toBe(1);
      // the answer is stored: a further retry replays it without running the handler
      const replay = await withIdempotency(principal, request(), handler);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(runs).toBe(1);
      expect(await prisma.setting.findUnique({ where: { key: marker } })).toBeNull();
    } finally {
      child.kill("SIGKILL");
      delete process.env.DOSSIER_IDEMPOTENCY_LEASE_MS;
      await prisma.idempotencyRecord.deleteMany({ where: { key: deadKey } });
    }
  });

  it("a holder that lost its lease (taken over) cannot store its answer or release the new holder's claim", async () => {
    const k = `test-idem-fence-${Date.now().toString(36)}`;
    process.env.DOSSIER_IDEMPOTENCY_LEASE_MS = "60000";
    const req = () => new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "idempotency-key": k, "content-type": "text/csv" }, body: "a,b" });
    const gated = (body: object) => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      return { open, handler: async () => (await gate, Response.json(body, { status: 201 })) };
    };
    try {
      const a = gated({ by: "a" });
      const first = withIdempotency(principal, req(), a.handler);
      for (let i = 0; i < 100 && !(await prisma.idempotencyRecord.findFirst({ where: { key: k } })); i++) await new Promise((r) => setTimeout(r, 20));
      // A stalls past its lease (as if its process hung): B takes the key over
      const claimedByA = (await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: k } })).createdAt.getTime();
      await prisma.idempotencyRecord.updateMany({ where: { key: k }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
      const b = gated({ by: "b" });
      const second = withIdempotency(principal, req(), b.handler);
      // wait until B has taken the key over (the claim time changes)
      for (let i = 0; i < 200 && (await prisma.idempotencyRecord.findFirstOrThrow({ where: { key: k } })).createdAt.getTime() === claimedByA; i++) await new Promise((r) => setTimeout(r, 20));
      a.open();
      expect((await first).status).toBe(201);
      // A's answer was not stored and B still holds the key
      const during = await withIdempotency(principal, req(), async () => new Response(null, { status: 500 })).catch((e: unknown) => e);
      expect((during as AppError).code).toBe("CONFLICT");
      b.open();
      expect(await (await second).json()).toEqual({ by: "b" });
      const replay = await withIdempotency(principal, req(), async () => new Response(null, { status: 500 }));
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(await replay.json()).toEqual({ by: "b" });
    } finally {
      delete process.env.DOSSIER_IDEMPOTENCY_LEASE_MS;
      await prisma.idempotencyRecord.deleteMany({ where: { key: k } });
    }
  });

  it("of several retries after the lease ran out, exactly one runs the request", async () => {
    const k = `test-idem-race-${Date.now().toString(36)}`;
    process.env.DOSSIER_IDEMPOTENCY_LEASE_MS = "60000";
    try {
      await prisma.idempotencyRecord.create({
        data: { principal: `user:${principal.user.id}`, key: k, method: "POST", path: "/api/v1/imports", requestHash: "", status: 0, responseBody: {}, leaseExpiresAt: new Date(Date.now() - 1000) },
      });
      // same request hash as the record: computed like withIdempotency does
      const { createHash } = await import("node:crypto");
      const hash = createHash("sha256").update("POST\n/api/v1/imports\na,b").digest("hex");
      await prisma.idempotencyRecord.updateMany({ where: { key: k }, data: { requestHash: hash } });
      let runs = 0;
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const handler = async () => {
        runs++;
        await gate;
        return Response.json({ ok: true }, { status: 201 });
      };
      const req = () => new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "idempotency-key": k, "content-type": "text/csv" }, body: "a,b" });
      const results = Promise.allSettled(Array.from({ length: 5 }, () => withIdempotency(principal, req(), handler)));
      await new Promise((r) => setTimeout(r, 300));
      release();
      const settled = await results;
      expect(runs).toBe(1);
      // one ran it; the others were refused while it ran, or (arriving after it finished, on a slow
      // machine) got its stored answer replayed
      const ran = settled.filter((s) => s.status === "fulfilled" && s.value.headers.get("idempotent-replayed") !== "true");
      expect(ran).toHaveLength(1);
      expect((ran[0] as PromiseFulfilledResult<Response>).value.status).toBe(201);
      for (const s of settled) {
        if (s.status === "rejected") expect((s.reason as AppError).code).toBe("CONFLICT");
        else expect(s.value.status).toBe(201);
      }
    } finally {
      delete process.env.DOSSIER_IDEMPOTENCY_LEASE_MS;
      await prisma.idempotencyRecord.deleteMany({ where: { key: k } });
    }
  });
});
