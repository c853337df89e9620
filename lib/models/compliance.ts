import "server-only";
import { direct, prisma, sql, type Tx } from "../db";
import { evaluateCompleteness, summarizeInventory, type CompletenessResult, type InventorySummary, type ModelFacts } from "../compliance";
import type { Model, Prisma } from "../generated/prisma/client";
import { FACTS_INCLUDE, toModelFacts, type FactsRow } from "./facts";
import { factsRowsByIds } from "./facts-read";

export type EvaluatedModel = { facts: ModelFacts; result: CompletenessResult };
type Db = Tx | typeof prisma;

/** Load models with everything the engine reads and evaluate them as of `asOf`. */
export async function evaluateModels({ where = {}, asOf = new Date(), db = prisma }: { where?: Prisma.ModelWhereInput; asOf?: Date; db?: Db } = {}): Promise<EvaluatedModel[]> {
  const rows = await db.model.findMany({ where, include: FACTS_INCLUDE, orderBy: { key: "asc" } });
  return rows.map((row) => {
    const facts = toModelFacts(row);
    return { facts, result: evaluateCompleteness(facts, asOf) };
  });
}

export async function evaluateModel(key: string, asOf = new Date()): Promise<EvaluatedModel | null> {
  const [evaluated] = await evaluateModels({ where: { key }, asOf });
  return evaluated ?? null;
}

/** The inventory headline counts, by the engine's rules, computed from the facts (not the cache). */
export async function inventorySummary(asOf = new Date()): Promise<InventorySummary> {
  return summarizeInventory(await evaluateModels({ asOf }));
}

const REFRESH_CHUNK = 500;
/** Up to this many models, a refresh reads the facts in one statement (lib/models/facts-read.ts). */
const ONE_STATEMENT_MAX = 50;

/**
 * Re-evaluate models and store the verdict on the Model row (score, undocumented, monitoring status,
 * open item ids), so the inventory can filter and count in SQL. Call it inside the transaction of any
 * change to a model's facts, with that model's id.
 */
export async function refreshCompliance(db: Db, { modelIds, asOf = new Date() }: { modelIds?: string[]; asOf?: Date } = {}): Promise<number> {
  if (modelIds && modelIds.length <= ONE_STATEMENT_MAX) return (await refreshVerdicts(db, modelIds, asOf)).length;
  let done = 0;
  let cursor: string | undefined;
  for (;;) {
    const where: Prisma.ModelWhereInput = {
      ...(modelIds ? { id: { in: modelIds } } : {}),
      ...(cursor ? { key: { gt: cursor } } : {}),
    };
    const rows = await db.model.findMany({ where, include: FACTS_INCLUDE, orderBy: { key: "asc" }, take: REFRESH_CHUNK });
    if (rows.length === 0) break;
    await storeVerdicts(db, rows, asOf);
    done += rows.length;
    cursor = rows.at(-1)!.key;
    if (rows.length < REFRESH_CHUNK) break;
  }
  return done;
}

/**
 * refreshCompliance for a few models (a write's own): one read of their facts, one UPDATE; returns the
 * stored verdicts, so the caller need not read them back.
 */
export async function refreshVerdicts(db: Db, modelIds: readonly string[], asOf = new Date()): Promise<StoredVerdict[]> {
  const rows = await factsRowsByIds(db, modelIds);
  return rows.length ? storeVerdicts(db, rows, asOf) : [];
}

export type StoredVerdict = ReturnType<typeof verdictOf>;

/** The stored verdict of one model (the Model columns the inventory filters and counts on). */
function verdictOf(row: FactsRow, asOf: Date) {
  const result = evaluateCompleteness(toModelFacts(row), asOf);
  return {
    id: row.id,
    score: result.score,
    undocumented: result.undocumented,
    monitoringStatus: result.monitoringStatus,
    openItems: result.items.filter((i) => i.status !== "complete").map((i) => i.id),
  };
}

/**
 * Evaluate the rows and store each verdict on its Model row, in one UPDATE — only where it changed or was
 * last stored before today (the daily refresh, refreshOutdatedCompliance, looks for those). A monitoring
 * push mostly leaves the verdict as it was, and rewriting the row each time cost a new version of a wide
 * row in all 18 of its indexes (three trigram GINs among them): the push's costliest statement, and bloat
 * on the inventory's table. So complianceEvaluatedAt is when the current verdict was stored: on a change,
 * and at least once a day.
 */
async function storeVerdicts(db: Db, rows: FactsRow[], asOf: Date): Promise<StoredVerdict[]> {
  const values = rows.map((row) => verdictOf(row, asOf));
  await direct(
    db,
    sql`
    UPDATE "Model" AS m SET
      "complianceScore" = v.score,
      "undocumented" = v.undocumented,
      "monitoringStatus" = v."monitoringStatus"::"MonitoringStatus",
      "openItems" = ARRAY(SELECT jsonb_array_elements_text(v."openItems")),
      "complianceEvaluatedAt" = ${asOf.toISOString()}::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      AS v(id uuid, score float8, undocumented boolean, "monitoringStatus" text, "openItems" jsonb)
    WHERE m.id = v.id
      AND (m."complianceEvaluatedAt" IS NULL OR m."complianceEvaluatedAt" < date_trunc('day', ${asOf.toISOString()}::timestamp(3))
        OR m."complianceScore" IS DISTINCT FROM v.score OR m."undocumented" IS DISTINCT FROM v.undocumented
        OR m."monitoringStatus"::text IS DISTINCT FROM v."monitoringStatus"
        OR m."openItems" IS DISTINCT FROM ARRAY(SELECT jsonb_array_elements_text(v."openItems")))`,
  );
  return values;
}

/** What a model about to be inserted by a bulk path has besides its own columns. */
export type CreatedModelRelations = {
  businessUnit: { name: string } | null;
  businessOwner: { id: string; name: string } | null;
  technicalOwner: { id: string; name: string } | null;
  activeVersion: { version: string; trainingPipelineVersion: string | null; servingPipelineVersion: string | null } | null;
};

/** The columns a bulk path inserts a new model with; the rest take the schema's defaults. */
export type NewModelColumns = Pick<
  Model,
  | "id"
  | "key"
  | "name"
  | "description"
  | "intendedPurpose"
  | "foreseeableMisuse"
  | "businessUnitId"
  | "lifecycle"
  | "environments"
  | "businessOwnerId"
  | "technicalOwnerId"
  | "nextReviewAt"
  | "euDatabaseId"
> &
  Partial<Pick<Model, "actorRole" | "publicAuthority">>;

/** The stored verdict columns, as a bulk INSERT takes them (lib/imports/bulk-insert.ts). */
export const VERDICT_INSERT_COLUMNS = {
  complianceScore: "float8",
  undocumented: "boolean",
  monitoringStatus: '"MonitoringStatus"',
  openItems: "text[]",
  complianceEvaluatedAt: "timestamp(3)",
} as const;

/**
 * The verdict of models a bulk path is about to insert with no documentation, monitoring, datasets or
 * assessments yet, to be inserted with the row (VERDICT_INSERT_COLUMNS): the engine gets the facts the
 * row will have (the schema's defaults for the columns left out) plus what the caller knows, so the
 * rows are neither re-read nor updated afterwards (that read and UPDATE were most of a 10,000-row import).
 */
export function newModelVerdicts(models: ReadonlyArray<{ columns: NewModelColumns; relations: CreatedModelRelations }>, asOf = new Date()) {
  return models.map(({ columns, relations }) => {
    const v = relations.activeVersion;
    const row: FactsRow = {
      ...NEW_MODEL_DEFAULTS,
      ...columns,
      createdAt: asOf,
      updatedAt: asOf,
      businessUnit: relations.businessUnit,
      businessOwner: relations.businessOwner,
      technicalOwner: relations.technicalOwner,
      sections: [],
      versions: v ? [{ ...v, rollbackTargetVersion: null, rollbackProcedure: null, lastRollbackDrillAt: null, lastRollbackDrillMinutes: null, datasets: [], biasAssessments: [] }] : [],
      monitoringConfig: null,
      monitoringChecks: [],
      fria: null,
    };
    const { id, score, undocumented, monitoringStatus, openItems } = verdictOf(row, asOf);
    return { id, complianceScore: score, undocumented, monitoringStatus, openItems, complianceEvaluatedAt: asOf };
  });
}

// prisma/schema.prisma's defaults for what newModelVerdicts' callers leave out
const NEW_MODEL_DEFAULTS = {
  actorRole: "DEPLOYER",
  publicAuthority: false,
  riskClass: "UNCLASSIFIED",
  legalBasis: [],
  riskRationale: null,
  transparencyDuties: [],
  classificationStatus: "NONE",
  classificationAnswers: null,
  classifiedAt: null,
  classifiedById: null,
  gpai: false,
  gpaiSystemicRisk: false,
  classificationRuleSet: null,
  reclassificationNeeded: false,
  reclassification: null,
  euRegistration: null,
  revision: 1,
  complianceScore: null,
  undocumented: false,
  monitoringStatus: "NOT_MONITORED",
  openItems: [],
  complianceEvaluatedAt: null,
} as const satisfies Omit<Model, Exclude<keyof NewModelColumns, "actorRole" | "publicAuthority"> | "createdAt" | "updatedAt">;

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
let inFlight: Promise<number> | null = null;

/**
 * Freshness rules move with the calendar (a check ages into STALE without any write), so verdicts
 * computed before today are recomputed before the inventory is read. One refresh at a time per process.
 */
export function refreshOutdatedCompliance(now = new Date()): Promise<number> {
  inFlight ??= (async () => {
    try {
      // on pg directly: this runs beside every inventory read, and the ORM's findMany costs ~10x the query
      // (Prisma's compiler, even for raw SQL, several times this statement)
      const dayStart = startOfUtcDay(now).toISOString().replace("T", " ").replace("Z", "");
      const outdated = await direct<{ id: string }>(prisma, sql`SELECT id::text AS id FROM "Model" WHERE "complianceEvaluatedAt" IS NULL OR "complianceEvaluatedAt" < ${dayStart}::timestamp`);
      if (outdated.length === 0) return 0;
      return await refreshCompliance(prisma, { modelIds: outdated.map((m) => m.id), asOf: now });
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}
