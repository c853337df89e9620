import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { Lifecycle, MonitoringStatus, RiskClass } from "../generated/prisma/enums";
import type { Actor } from "../authz/policy";
import { refreshOutdatedCompliance } from "./compliance";

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;

/** Inventory filters as they appear in the URL and the API query string. */
export const inventoryQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  riskClass: z.enum(RiskClass).optional().catch(undefined),
  lifecycle: z.enum(Lifecycle).optional().catch(undefined),
  businessUnit: z.string().trim().max(120).optional().catch(undefined),
  owner: z.string().trim().max(320).optional().catch(undefined),
  /** documented=no: the undocumented models (by the engine's rule); yes: the others */
  documented: z.enum(["yes", "no"]).optional().catch(undefined),
  monitoringStatus: z.enum(MonitoringStatus).optional().catch(undefined),
  /** 1: the next review date has passed */
  reviewOverdue: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(["name", "score", "updated"]).optional().catch(undefined),
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
  complianceScore: true,
  undocumented: true,
  monitoringStatus: true,
  openItems: true,
  nextReviewAt: true,
  updatedAt: true,
  businessUnit: { select: { name: true } },
  businessOwner: { select: { id: true, name: true, email: true } },
  technicalOwner: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ModelSelect;

export type InventoryRow = Prisma.ModelGetPayload<{ select: typeof LIST_SELECT }>;

export function inventoryWhere(query: InventoryQuery, now = new Date()): Prisma.ModelWhereInput {
  const and: Prisma.ModelWhereInput[] = [];
  if (query.documented) and.push({ undocumented: query.documented === "no" });
  if (query.monitoringStatus) and.push({ monitoringStatus: query.monitoringStatus });
  if (query.reviewOverdue) and.push({ nextReviewAt: { lt: now } });
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

type SortKey = NonNullable<InventoryQuery["sort"]>;
type CursorValue = string | number;

/** Sort orders; each ends on the unique key so that the cursor is stable. */
const SORTS: Record<SortKey, { field: "name" | "complianceScore" | "updatedAt"; direction: "asc" | "desc" }> = {
  name: { field: "name", direction: "asc" },
  score: { field: "complianceScore", direction: "asc" }, // worst first: that is where the work is
  updated: { field: "updatedAt", direction: "desc" },
};

/** Cursor = the last row's (sort value, key), base64url JSON. */
function encodeCursor(sort: SortKey, row: InventoryRow): string {
  const field = SORTS[sort].field;
  const raw = row[field];
  const value: CursorValue = raw instanceof Date ? raw.toISOString() : raw ?? 0;
  return Buffer.from(JSON.stringify([value, row.key])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): [CursorValue, string] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === "string" || typeof value[0] === "number") && typeof value[1] === "string") {
      return [value[0], value[1]];
    }
  } catch {
    /* a malformed cursor starts from the first page */
  }
  return null;
}

function afterCursor(sort: SortKey, [value, key]: [CursorValue, string]): Prisma.ModelWhereInput {
  const { field, direction } = SORTS[sort];
  const v = field === "updatedAt" ? new Date(String(value)) : value;
  const beyond = direction === "asc" ? { gt: v } : { lt: v };
  return { OR: [{ [field]: beyond }, { [field]: v, key: { gt: key } }] };
}

export type InventoryFacets = {
  riskClass: Partial<Record<RiskClass, number>>;
  lifecycle: Partial<Record<Lifecycle, number>>;
  monitoringStatus: Partial<Record<MonitoringStatus, number>>;
  undocumented: number;
};

/**
 * One page of the inventory with the total and the counts per filter value. Every signed-in role
 * reads the whole inventory (PRODUCT.md); the actor is taken for symmetry and future scoping.
 */
export async function listModels({ query, withFacets = false }: { actor: Actor; query: InventoryQuery; withFacets?: boolean }) {
  await refreshOutdatedCompliance();
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  const sort: SortKey = query.sort ?? "name";
  const where = inventoryWhere(query);
  const after = decodeCursor(query.cursor);
  const pageWhere: Prisma.ModelWhereInput = after ? { AND: [where, afterCursor(sort, after)] } : where;
  const { field, direction } = SORTS[sort];
  const [rows, total] = await Promise.all([
    prisma.model.findMany({ where: pageWhere, select: LIST_SELECT, orderBy: [{ [field]: direction }, { key: "asc" }], take: limit + 1 }),
    prisma.model.count({ where }),
  ]);
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    items,
    total,
    nextCursor: hasMore && last ? encodeCursor(sort, last) : null,
    facets: withFacets ? await inventoryFacets(where) : null,
  };
}

async function inventoryFacets(where: Prisma.ModelWhereInput): Promise<InventoryFacets> {
  const [byClass, byLifecycle, byMonitoring, undocumented] = await Promise.all([
    prisma.model.groupBy({ by: ["riskClass"], where, _count: { _all: true }, orderBy: { riskClass: "asc" } }),
    prisma.model.groupBy({ by: ["lifecycle"], where, _count: { _all: true }, orderBy: { lifecycle: "asc" } }),
    prisma.model.groupBy({ by: ["monitoringStatus"], where, _count: { _all: true }, orderBy: { monitoringStatus: "asc" } }),
    prisma.model.count({ where: { AND: [where, { undocumented: true }] } }),
  ]);
  return {
    riskClass: Object.fromEntries(byClass.map((r) => [r.riskClass, r._count._all])),
    lifecycle: Object.fromEntries(byLifecycle.map((r) => [r.lifecycle, r._count._all])),
    monitoringStatus: Object.fromEntries(byMonitoring.map((r) => [r.monitoringStatus, r._count._all])),
    undocumented,
  };
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

/** How many models are in production, and how many of those are undocumented (stored verdicts). */
export async function productionCounts(): Promise<{ production: number; undocumented: number }> {
  const [production, undocumented] = await Promise.all([
    prisma.model.count({ where: { lifecycle: "PRODUCTION" } }),
    prisma.model.count({ where: { lifecycle: "PRODUCTION", undocumented: true } }),
  ]);
  return { production, undocumented };
}
