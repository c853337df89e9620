// A token limited to some models: GET /api/v1/dossiers filters by its model keys in SQL, before the
// page limit, so that newer records of other models cannot leave it a short (or empty) page.
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
