import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { Lifecycle, RiskClass } from "../generated/prisma/enums";
import type { Actor } from "../authz/policy";

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;

/** Inventory filters as they appear in the URL and the API query string. */
export const inventoryQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  riskClass: z.enum(RiskClass).optional().catch(undefined),
  lifecycle: z.enum(Lifecycle).optional().catch(undefined),
  businessUnit: z.string().trim().max(120).optional().catch(undefined),
  owner: z.string().trim().max(320).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).optional().catch(undefined),
});
export type InventoryQuery = z.infer<typeof inventoryQuerySchema>;

const LIST_SELECT = {
  id: true,
  key: true,
  name: true,
  lifecycle: true,
  riskClass: true,
  classificationStatus: true,
  revision: true,
  businessUnit: { select: { name: true } },
  businessOwner: { select: { id: true, name: true, email: true } },
  technicalOwner: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ModelSelect;

export type InventoryRow = Prisma.ModelGetPayload<{ select: typeof LIST_SELECT }>;

export function inventoryWhere(query: InventoryQuery): Prisma.ModelWhereInput {
  const and: Prisma.ModelWhereInput[] = [];
  if (query.riskClass) and.push({ riskClass: query.riskClass });
  if (query.lifecycle) and.push({ lifecycle: query.lifecycle });
  if (query.businessUnit) and.push({ businessUnit: { name: query.businessUnit } });
  if (query.owner) {
    const owner = { email: query.owner.toLowerCase() };
    and.push({ OR: [{ businessOwner: owner }, { technicalOwner: owner }] });
  }
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    and.push({ OR: [{ name: contains }, { key: contains }, { intendedPurpose: contains }] });
  }
  return and.length ? { AND: and } : {};
}

/** Cursor = the last row's (name, key), base64url; stable because keys are unique. */
const encodeCursor = (row: { name: string; key: string }) => Buffer.from(JSON.stringify([row.name, row.key])).toString("base64url");
function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "string")) return value as [string, string];
  } catch {
    /* a malformed cursor starts from the first page */
  }
  return null;
}

/** Every signed-in role reads the whole inventory (PRODUCT.md); the actor is taken for symmetry and future scoping. */
export async function listModels({ query }: { actor: Actor; query: InventoryQuery }) {
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  const where = inventoryWhere(query);
  const after = decodeCursor(query.cursor);
  const pageWhere: Prisma.ModelWhereInput = after
    ? { AND: [where, { OR: [{ name: { gt: after[0] } }, { name: after[0], key: { gt: after[1] } }] }] }
    : where;
  const [rows, total] = await prisma.$transaction([
    prisma.model.findMany({ where: pageWhere, select: LIST_SELECT, orderBy: [{ name: "asc" }, { key: "asc" }], take: limit + 1 }),
    prisma.model.count({ where }),
  ]);
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, total, nextCursor: hasMore && last ? encodeCursor(last) : null };
}

export async function getModelByKey(key: string) {
  return prisma.model.findUnique({
    where: { key },
    include: {
      businessUnit: true,
      businessOwner: { select: { id: true, name: true, email: true } },
      technicalOwner: { select: { id: true, name: true, email: true } },
      versions: { orderBy: { createdAt: "desc" } },
    },
  });
}

export async function listBusinessUnits() {
  return prisma.businessUnit.findMany({ orderBy: { name: "asc" }, select: { name: true } });
}

export async function listAssignableOwners() {
  return prisma.user.findMany({
    where: { active: true, role: { in: ["ADMIN", "COMPLIANCE_OFFICER", "MODEL_OWNER"] } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}
