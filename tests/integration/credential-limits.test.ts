// A token limited to some models: GET /api/v1/dossiers filters by its model keys in SQL, before the
// page limit, so that newer records of other models cannot leave it a short (or empty) page; and every
// read of a model (the inventory, the model, its versions, its EU registration) stays within its models.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { listRecords, storeRecord } from "@/lib/dossier/records";

let admin: { id: string; role: "ADMIN"; name: string };
let limitedTo: string;

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: "ADMIN", name: u.name };
  const [target, other] = await prisma.model.findMany({ orderBy: { key: "asc" }, take: 2, select: { id: true, key: true } });
  limitedTo = target!.key;
  const store = (model: { id: string; key: string }, n: number) =>
    storeRecord({
      id: randomUUID(),
      actor: admin,
      kind: "MODEL_DOSSIER",
      modelId: model.id,
      parameters: { format: "pdf", modelKey: model.key, contentSha256: "0".repeat(64), includesAuditLog: false },
      completeness: null,
      fileName: `limits-${model.key}-${n}.pdf`,
      mediaType: "application/pdf",
      content: new TextEncoder().encode(`credential-limits ${model.key} ${n} ${randomUUID()}`),
    });
  // two records of the token's model, then three newer ones of another model
  for (const n of [1, 2]) await store(target!, n);
  for (const n of [1, 2, 3]) await store(other!, n);
});

describe("credential model limits filter in SQL", () => {
  it("a limited credential gets a full page of its own models' records", async () => {
    const page = await listRecords({ actor: admin, limits: { modelKeys: new Set([limitedTo]) }, limit: 2 });
    expect(page).toHaveLength(2);
    expect(page.every((r) => r.model?.key === limitedTo)).toBe(true);
  });

  it("without a limit the newest records come first, whatever their model", async () => {
    const page = await listRecords({ actor: admin, limit: 2 });
    expect(page).toHaveLength(2);
    expect(page.some((r) => r.model?.key !== limitedTo)).toBe(true);
  });
});

describe("a model-limited token reads only its models through the API", () => {
  type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const get = async (path: string, token: string, handler: Handler, params: Record<string, string> = {}) =>
    handler(new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) });

  it("the inventory lists only its models, and the model, its versions and its registration of another model are 403", async () => {
    const { createApiToken } = await import("@/lib/tokens/tokens");
    const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
    const [mine, other] = await prisma.model.findMany({ where: { versions: { some: {} } }, orderBy: { key: "asc" }, take: 2, select: { key: true } });
    const { token } = await createApiToken({ actor: { id: u.id, role: u.role, email: u.email }, input: { name: `limited ${randomUUID()}`, scopes: ["read"], modelKeys: [mine!.key] } });
    const list = (await import("@/app/api/v1/models/route")).GET as unknown as Handler;
    const model = (await import("@/app/api/v1/models/[key]/route")).GET as unknown as Handler;
    const versions = (await import("@/app/api/v1/models/[key]/versions/route")).GET as unknown as Handler;
    const registration = (await import("@/app/api/v1/models/[key]/eu-registration/route")).GET as unknown as Handler;

    const listed = await get("/api/v1/models?limit=100", token, list);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { items: Array<{ key: string }>; total: number };
    expect(body.items.map((m) => m.key)).toEqual([mine!.key]);
    expect(body.total).toBe(1);

    for (const handler of [model, versions, registration]) {
      expect((await get(`/api/v1/models/${mine!.key}`, token, handler, { key: mine!.key })).status).toBe(200);
      const refused = await get(`/api/v1/models/${other!.key}`, token, handler, { key: other!.key });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
