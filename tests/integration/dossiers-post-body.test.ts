// POST /api/v1/dossiers reads its body like every other write: 415 for a non-JSON type, 413 beyond the
// body limit (declared or streamed), both as problem+json, before anything is generated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/tokens";
import { DEFAULT_BODY_LIMIT_BYTES } from "@/lib/api/body";
import { POST } from "@/app/api/v1/dossiers/route";

let token: string;
let tokenId: string;

beforeAll(async () => {
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  const created = await createApiToken({ actor: { id: admin.id, role: admin.role, email: admin.email }, input: { name: `dossiers-body-${Date.now().toString(36)}`, scopes: ["read"] } });
  token = created.token;
  tokenId = created.view.id;
});
afterAll(async () => {
  await prisma.apiToken.deleteMany({ where: { id: tokenId } });
  await prisma.$disconnect();
});

const post = (headers: Record<string, string>, body: BodyInit) =>
  POST(new Request("http://localhost/api/v1/dossiers", { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body, duplex: "half" } as RequestInit), {
    params: Promise.resolve({}),
  });

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { status: number; title: string; detail: string };
}

describe("POST /api/v1/dossiers body checks", () => {
  it("refuses a non-JSON content type with 415 problem+json", async () => {
    const response = await post({ "content-type": "text/plain" }, JSON.stringify({ kind: "INVENTORY_REPORT" }));
    expect(response.status).toBe(415);
    expect((await problem(response)).status).toBe(415);
  });

  it("refuses a body over the limit with 413 problem+json, by Content-Length and while streaming", async () => {
    const big = JSON.stringify({ kind: "INVENTORY_REPORT", padding: "x".repeat(DEFAULT_BODY_LIMIT_BYTES) });
    const declared = await post({ "content-type": "application/json", "content-length": String(big.length) }, big);
    expect(declared.status).toBe(413);
    expect((await problem(declared)).detail).toMatch(/exceeds the limit/);

    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > DEFAULT_BODY_LIMIT_BYTES * 2) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const streamed = await post({ "content-type": "application/json" }, stream);
    expect(streamed.status).toBe(413);
    expect((await problem(streamed)).status).toBe(413);
  });

  it("still answers invalid JSON and unknown fields with 422 problem+json", async () => {
    const broken = await post({ "content-type": "application/json" }, "{");
    expect(broken.status).toBe(422);
    await problem(broken);
    const invalid = await post({ "content-type": "application/json" }, JSON.stringify({ kind: "NOPE" }));
    expect(invalid.status).toBe(422);
    await problem(invalid);
  });
});
