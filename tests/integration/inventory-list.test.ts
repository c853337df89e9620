// The inventory's data function reads its page on pg directly (lib/db.ts `direct`): every field, dates
// included, must be what the ORM reads for the same model, and the cursor (built from those dates) must
// page through without losing or repeating a model.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { inventoryQuerySchema, listModels } from "@/lib/models/queries";
import type { ModelActor } from "@/lib/models/mutations";
import { actorOf } from "../support/actors";
import { deleteTestModelsAfterAll } from "../support/models";

const P = `invlist-${Date.now().toString(36)}`;
let admin: ModelActor;

beforeAll(async () => {
  admin = await actorOf("admin@northwind.example");
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: "owner@northwind.example" } });
  for (let i = 0; i < 5; i++) {
    await prisma.model.create({
      data: {
        key: `${P}-${i}`,
        name: `Inventory list ${P} ${i}`,
        lifecycle: "PRODUCTION",
        businessOwnerId: owner.id,
        // a millisecond on each, and one model without a review date
        nextReviewAt: i === 0 ? null : new Date(Date.UTC(2027, 0, i, 23, 59, 59, 123 + i)),
        complianceScore: i / 7,
        openItems: i % 2 ? ["a gap", "another"] : [],
      },
    });
  }
});
deleteTestModelsAfterAll(P);

describe("the inventory page's rows", () => {
  it("carry what the ORM reads for each model, dates to the millisecond", async () => {
    const { items, total, facets } = await listModels({ actor: admin, query: inventoryQuerySchema.parse({ q: P, limit: "50" }), withFacets: true });
    expect(total).toBe(5);
    expect(facets?.lifecycle.PRODUCTION).toBe(5);
    const stored = await prisma.model.findMany({ where: { key: { startsWith: P } }, include: { businessOwner: { select: { id: true, name: true, email: true } } } });
    for (const m of stored) {
      const row = items.find((r) => r.key === m.key)!;
      expect(row).toMatchObject({ id: m.id, name: m.name, revision: m.revision, complianceScore: m.complianceScore, openItems: m.openItems, undocumented: m.undocumented });
      expect(row.updatedAt).toBeInstanceOf(Date);
      expect(row.updatedAt.getTime()).toBe(m.updatedAt.getTime());
      expect(row.nextReviewAt?.getTime() ?? null).toBe(m.nextReviewAt?.getTime() ?? null);
      expect(row.businessOwner).toEqual(m.businessOwner);
      expect(row.technicalOwner).toBeNull();
    }
  });

  it("pages by every sort with the cursor, each model once", async () => {
    for (const sort of ["name", "score", "updated"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const { items, nextCursor } = await listModels({ actor: admin, query: inventoryQuerySchema.parse({ q: P, sort, limit: "2", ...(cursor ? { cursor } : {}) }) });
        seen.push(...items.map((r) => r.key));
        if (!nextCursor) break;
        cursor = nextCursor;
      }
      expect([...seen].sort(), sort).toEqual(Array.from({ length: 5 }, (_, i) => `${P}-${i}`));
    }
  });
});
