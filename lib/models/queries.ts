import "server-only";
import { z } from "zod";
import { direct, prisma } from "../db";
import { Prisma } from "../generated/prisma/client";
import { ClassificationStatus, Lifecycle, MonitoringStatus, RiskClass } from "../generated/prisma/enums";
import type { Actor } from "../authz/policy";
import { refreshOutdatedCompliance } from "./compliance";
import { escapeLike } from "../validation";
import type { CredentialLimits } from "../authz/policy";

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

export type InventoryRow = {
  id: string;
  key: string;
  name: string;
  lifecycle: Lifecycle;
  riskClass: RiskClass;
  classificationStatus: ClassificationStatus;
  revision: number;
  complianceScore: number | null;
  undocumented: boolean;
  monitoringStatus: MonitoringStatus;
  openItems: string[];
  nextReviewAt: Date | null;
  updatedAt: Date;
  businessUnit: { name: string } | null;
  businessOwner: { id: string; name: string; email: string } | null;
  technicalOwner: { id: string; name: string; email: string } | null;
};

/**
 * The filters as one SQL condition on "Model" m (no join needed: units and owners are matched by
 * sub-select). Written in SQL rather than as a Prisma where so that the page, the total and the facets
 * are two statements (the page, one grouped count) instead of six, and so that the search uses the
 * pg_trgm indexes of migration 20261201030000_search_trgm.
 */
export function inventoryWhereSql(query: InventoryQuery, now = new Date()): Prisma.Sql {
  const and: Prisma.Sql[] = [];
  if (query.documented) and.push(Prisma.sql`m.undocumented = ${query.documented === "no"}`);
  if (query.monitoringStatus) and.push(Prisma.sql`m."monitoringStatus" = ${query.monitoringStatus}::"MonitoringStatus"`);
  if (query.reviewOverdue) and.push(Prisma.sql`m."nextReviewAt" < ${utcTimestamp(now)}::timestamp`);
  if (query.riskClass) and.push(Prisma.sql`m."riskClass" = ${query.riskClass}::"RiskClass"`);
  if (query.lifecycle) and.push(Prisma.sql`m.lifecycle = ${query.lifecycle}::"Lifecycle"`);
  if (query.businessUnit) and.push(Prisma.sql`m."businessUnitId" IN (SELECT id FROM "BusinessUnit" WHERE name = ${query.businessUnit})`);
  if (query.owner) {
    // a whole e-mail address means that person; anything else matches part of a name or an address
    const owners = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(query.owner)
      ? Prisma.sql`SELECT id FROM "User" WHERE email = ${query.owner.toLowerCase()}`
      : Prisma.sql`SELECT id FROM "User" WHERE name ILIKE ${`%${escapeLike(query.owner)}%`} OR email ILIKE ${`%${escapeLike(query.owner)}%`}`;
    and.push(Prisma.sql`(m."businessOwnerId" IN (${owners}) OR m."technicalOwnerId" IN (${owners}))`);
  }
  if (query.q) {
    // ILIKE with the wildcards of the text escaped: a trigram index answers it when the text has 3+ characters
    const pattern = `%${escapeLike(query.q)}%`;
    // (the key's index is on lower(key): see migration 20261201180000_key_search_index)
    and.push(Prisma.sql`(m.name ILIKE ${pattern} OR lower(m.key) LIKE lower(${pattern}) OR m."intendedPurpose" ILIKE ${pattern})`);
  }
  return and.length ? Prisma.join(and, " AND ") : Prisma.sql`TRUE`;
}

/** Prisma stores DateTime as UTC in `timestamp(3)` columns: compare with the UTC wall-clock text. */
const utcTimestamp = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

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
  const value: CursorValue = raw instanceof Date ? raw.toISOString() : (raw ?? 0);
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

/** Rows after the cursor in the sort order. A cursor whose value does not fit the sort starts over. */
function afterCursorSql(sort: SortKey, [value, key]: [CursorValue, string]): Prisma.Sql {
  if (sort === "name") return Prisma.sql`(m.name > ${String(value)} OR (m.name = ${String(value)} AND m.key > ${key}))`;
  if (sort === "score") {
    const v = Number(value);
    if (!Number.isFinite(v)) return Prisma.sql`TRUE`;
    return Prisma.sql`(m."complianceScore" > ${v} OR (m."complianceScore" = ${v} AND m.key > ${key}))`;
  }
  const at = new Date(String(value));
  if (Number.isNaN(at.getTime())) return Prisma.sql`TRUE`;
  const ts = utcTimestamp(at);
  return Prisma.sql`(m."updatedAt" < ${ts}::timestamp OR (m."updatedAt" = ${ts}::timestamp AND m.key > ${key}))`;
}

const ORDER_BY: Record<SortKey, Prisma.Sql> = {
  name: Prisma.sql`m.name ASC, m.key ASC`,
  score: Prisma.sql`m."complianceScore" ASC, m.key ASC`,
  updated: Prisma.sql`m."updatedAt" DESC, m.key ASC`,
};

export type InventoryFacets = {
  riskClass: Partial<Record<RiskClass, number>>;
  lifecycle: Partial<Record<Lifecycle, number>>;
  monitoringStatus: Partial<Record<MonitoringStatus, number>>;
  undocumented: number;
};

/** `to_char` pattern of a `timestamp(3)` column (UTC wall clock, as Prisma stores DateTime) as ISO 8601 UTC. */
const UTC_TEXT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';
const utcDate = (text: string | null) => (text === null ? null : new Date(text));

/** The page's row as the driver returns it: dates as UTC text. */
type RawPageRow = Omit<PageRow, "nextReviewAt" | "updatedAt"> & { nextReviewAt: string | null; updatedAt: string };

type PageRow = Omit<InventoryRow, "businessUnit" | "businessOwner" | "technicalOwner"> & {
  unitName: string | null;
  boId: string | null;
  boName: string | null;
  boEmail: string | null;
  toId: string | null;
  toName: string | null;
  toEmail: string | null;
};

/**
 * One page of the inventory with the total and the counts per filter value. Every signed-in role
 * reads the whole inventory (PRODUCT.md); the actor is taken for symmetry and future scoping.
 * Two statements: the page (with its joins), and one grouped count that gives the total and, when
 * asked, every facet.
 */
export async function listModels({
  query,
  withFacets = false,
  limits,
}: {
  actor: Actor;
  query: InventoryQuery;
  withFacets?: boolean;
  /** an API credential limited to some models sees only those (in SQL, before the page limit) */
  limits?: Pick<CredentialLimits, "modelKeys">;
}) {
  const limit = query.limit ?? PAGE_SIZE_DEFAULT;
  const sort: SortKey = query.sort ?? "name";
  const filters = inventoryWhereSql(query);
  const where = limits?.modelKeys ? Prisma.sql`${filters} AND m.key = ANY(${[...limits.modelKeys]})` : filters;
  const after = decodeCursor(query.cursor);
  const pageWhere = after ? Prisma.sql`${where} AND ${afterCursorSql(sort, after)}` : where;
  const load = () =>
    Promise.all([
      // on pg directly (lib/db.ts `direct`): Prisma's query compiler cost more CPU than these statements
      // (data function p95 3.2-3.5x the same SQL at 10,000 models); timestamps come back as UTC text
      direct<RawPageRow>(
        prisma,
        Prisma.sql`
      SELECT m.id::text AS id, m.key, m.name, m.lifecycle::text AS lifecycle, m."riskClass"::text AS "riskClass",
        m."classificationStatus"::text AS "classificationStatus", m.revision, m."complianceScore", m.undocumented,
        m."monitoringStatus"::text AS "monitoringStatus", m."openItems",
        to_char(m."nextReviewAt", ${UTC_TEXT}) AS "nextReviewAt", to_char(m."updatedAt", ${UTC_TEXT}) AS "updatedAt",
        bu.name AS "unitName", bo.id::text AS "boId", bo.name AS "boName", bo.email AS "boEmail",
        tn.id::text AS "toId", tn.name AS "toName", tn.email AS "toEmail"
      FROM "Model" m
      LEFT JOIN "BusinessUnit" bu ON bu.id = m."businessUnitId"
      LEFT JOIN "User" bo ON bo.id = m."businessOwnerId"
      LEFT JOIN "User" tn ON tn.id = m."technicalOwnerId"
      WHERE ${pageWhere}
      ORDER BY ${ORDER_BY[sort]}
      LIMIT ${limit + 1}`,
      ),
      withFacets
        ? direct<FacetGroup>(
            prisma,
            Prisma.sql`
          SELECT g."riskClass"::text AS "riskClass", g.lifecycle::text AS lifecycle, g."monitoringStatus"::text AS "monitoringStatus", g.undocumented, g.n
          FROM (
            -- grouped on the enum values themselves: casting every row to text first costs 2-3x
            SELECT m."riskClass", m.lifecycle, m."monitoringStatus", m.undocumented, count(*)::int AS n
            FROM "Model" m WHERE ${where}
            GROUP BY 1, 2, 3, 4
          ) g`,
          )
        : direct<FacetGroup>(prisma, Prisma.sql`SELECT count(*)::int AS n FROM "Model" m WHERE ${where}`),
    ]);
  // the daily compliance refresh is checked beside the reads, not before them: it finds nothing on
  // all but the first request of a day, and when it did refresh something the page is read again
  const [refreshed, first] = await Promise.all([refreshOutdatedCompliance(), load()]);
  const [rows, groups] = refreshed > 0 ? await load() : first;
  const hasMore = rows.length > limit;
  const items = (hasMore ? rows.slice(0, limit) : rows).map((r) => toInventoryRow({ ...r, nextReviewAt: utcDate(r.nextReviewAt), updatedAt: utcDate(r.updatedAt)! }));
  const last = items.at(-1);
  return {
    items,
    total: groups.reduce((sum, g) => sum + g.n, 0),
    nextCursor: hasMore && last ? encodeCursor(sort, last) : null,
    facets: withFacets ? foldFacets(groups) : null,
  };
}

type FacetGroup = { riskClass?: RiskClass; lifecycle?: Lifecycle; monitoringStatus?: MonitoringStatus; undocumented?: boolean; n: number };

function foldFacets(groups: FacetGroup[]): InventoryFacets {
  const facets: InventoryFacets = { riskClass: {}, lifecycle: {}, monitoringStatus: {}, undocumented: 0 };
  for (const g of groups) {
    for (const dim of ["riskClass", "lifecycle", "monitoringStatus"] as const) {
      const value = g[dim];
      if (value !== undefined) (facets[dim] as Record<string, number>)[value] = ((facets[dim] as Record<string, number>)[value] ?? 0) + g.n;
    }
    if (g.undocumented) facets.undocumented += g.n;
  }
  return facets;
}

function toInventoryRow({ unitName, boId, boName, boEmail, toId, toName, toEmail, ...m }: PageRow): InventoryRow {
  return {
    ...m,
    businessUnit: unitName === null ? null : { name: unitName },
    businessOwner: boId === null ? null : { id: boId, name: boName!, email: boEmail! },
    technicalOwner: toId === null ? null : { id: toId, name: toName!, email: toEmail! },
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
  const [production, undocumented] = await Promise.all([prisma.model.count({ where: { lifecycle: "PRODUCTION" } }), prisma.model.count({ where: { lifecycle: "PRODUCTION", undocumented: true } })]);
  return { production, undocumented };
}
