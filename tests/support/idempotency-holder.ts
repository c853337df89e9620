// A stand-in for an API server that dies mid-request (tests/integration/api-idempotency.test.ts):
// it takes an Idempotency-Key through the real withIdempotency, writes inside a transaction that it
// never commits, prints "holding", and waits to be killed with SIGKILL.
// argv: <user id> <key> <marker setting key>
import { prisma } from "@/lib/db";
import { withIdempotency } from "@/lib/api/idempotency";

const [userId, key, marker] = process.argv.slice(2) as [string, string, string];
const u = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
const principal = { user: { id: u.id, role: u.role, email: u.email, name: u.name }, tokenId: null, scopes: new Set(["read", "write", "monitoring"] as const), modelKeys: null };
const request = new Request("http://localhost/api/v1/imports", { method: "POST", headers: { "idempotency-key": key, "content-type": "text/csv" }, body: "a,b" });
await withIdempotency(principal, request, () =>
  prisma.$transaction(
    async (tx) => {
      await tx.setting.create({ data: { key: marker, value: { by: "the request that dies" } } });
      console.log("holding");
      await new Promise(() => undefined); // until SIGKILL
      return new Response(null, { status: 500 });
    },
    { timeout: 600_000 },
  ),
);
