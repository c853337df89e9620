// The compliance facts of a few models in ONE statement: the same rows as
// `findMany({ include: FACTS_INCLUDE })` (lib/models/facts.ts), which the ORM loads in about a dozen
// sequential queries (one per relation level). Every write of a model refreshes its verdict inside its
// transaction, with the model's row lock held, so those round trips were most of a monitoring push's
// time under load. tests/integration/facts-read.test.ts checks that both reads give the same rows.
import "server-only";
import type { prisma, Tx } from "../db";
import type { FactsRow } from "./facts";

type Db = Tx | typeof prisma;

// timestamp(3) columns inside jsonb arrive as ISO text without a zone; Prisma reads them as UTC
const utc = (v: string | null): Date | null => (v === null ? null : new Date(`${v}Z`));
const utcOrThrow = (v: string): Date => new Date(`${v}Z`);

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
type RawSection = Json<Omit<FactsRow["sections"][number], "_count">> & { _count: { evidence: number } };
type RawVersion = Omit<Json<FactsRow["versions"][number]>, "biasAssessments"> & { biasAssessments: Array<Json<FactsRow["versions"][number]["biasAssessments"][number]>> };
type RawRow = Omit<FactsRow, "sections" | "versions" | "monitoringChecks" | "fria"> & {
  sections: RawSection[];
  versions: RawVersion[];
  monitoringChecks: Array<Json<FactsRow["monitoringChecks"][number]>>;
  fria: Json<NonNullable<FactsRow["fria"]>> | null;
};

/** The facts rows of the models with these ids, ordered by key (as refreshCompliance reads them). */
export async function factsRowsByIds(db: Db, ids: readonly string[]): Promise<FactsRow[]> {
  if (ids.length === 0) return [];
  // the relations come from dossier_model_facts (prisma/migrations/20261201200000_model_facts_function):
  // a PL/pgSQL function, so its large statement is planned once per connection instead of on every write
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT m.*, f."businessUnit", f."businessOwner", f."technicalOwner", f."sections", f."versions", f."monitoringConfig", f."monitoringChecks", f."fria"
    FROM "Model" m JOIN dossier_model_facts(${ids}::uuid[]) f ON f."id" = m."id"
    WHERE m."id" = ANY(${ids}::uuid[])
    ORDER BY m."key"`;
  return rows.map((row): FactsRow => ({
    ...row,
    // the ORM reads a NULL list column as []
    environments: row.environments ?? [],
    legalBasis: row.legalBasis ?? [],
    transparencyDuties: row.transparencyDuties ?? [],
    openItems: row.openItems ?? [],
    monitoringConfig: row.monitoringConfig && { ...row.monitoringConfig, features: row.monitoringConfig.features ?? [] },
    sections: row.sections.map((s) => ({ ...s, updatedAt: utcOrThrow(s.updatedAt) })),
    versions: row.versions.map((v) => ({
      ...v,
      lastRollbackDrillAt: utc(v.lastRollbackDrillAt),
      biasAssessments: v.biasAssessments.map((a) => ({ ...a, assessedAt: utcOrThrow(a.assessedAt), createdAt: utcOrThrow(a.createdAt) })),
    })),
    monitoringChecks: row.monitoringChecks.map((k) => ({ ...k, observedAt: utcOrThrow(k.observedAt) })),
    fria: row.fria && {
      ...row.fria,
      notifiedAt: utc(row.fria.notifiedAt),
      reviewedAt: utcOrThrow(row.fria.reviewedAt),
      createdAt: utcOrThrow(row.fria.createdAt),
      updatedAt: utcOrThrow(row.fria.updatedAt),
    },
  }));
}
