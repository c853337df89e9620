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
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT m.*,
      (SELECT jsonb_build_object('name', b."name") FROM "BusinessUnit" b WHERE b."id" = m."businessUnitId") AS "businessUnit",
      (SELECT jsonb_build_object('id', u."id", 'name', u."name") FROM "User" u WHERE u."id" = m."businessOwnerId") AS "businessOwner",
      (SELECT jsonb_build_object('id', u."id", 'name', u."name") FROM "User" u WHERE u."id" = m."technicalOwnerId") AS "technicalOwner",
      COALESCE((
        SELECT jsonb_agg(jsonb_build_object('sectionKey', s."sectionKey", 'status', s."status", 'updatedAt', s."updatedAt",
                 '_count', jsonb_build_object('evidence', (SELECT count(*) FROM "EvidenceFile" e WHERE e."sectionId" = s."id"))))
        FROM "DocumentationSection" s WHERE s."modelId" = m."id"), '[]'::jsonb) AS "sections",
      COALESCE((
        SELECT jsonb_agg(v.doc) FROM (
          SELECT jsonb_build_object(
            'version', v."version", 'trainingPipelineVersion', v."trainingPipelineVersion", 'servingPipelineVersion', v."servingPipelineVersion",
            'rollbackTargetVersion', v."rollbackTargetVersion", 'rollbackProcedure', v."rollbackProcedure",
            'lastRollbackDrillAt', v."lastRollbackDrillAt", 'lastRollbackDrillMinutes', v."lastRollbackDrillMinutes",
            'datasets', COALESCE((
              SELECT jsonb_agg(jsonb_build_object('purpose', l."purpose", 'dataset', jsonb_build_object('key', d."key", 'name', d."name", 'source', d."source",
                       'provenance', d."provenance", 'collectionMethod', d."collectionMethod", 'knownBiases', d."knownBiases", 'biasMitigations', d."biasMitigations")))
              FROM "ModelVersionDataset" l JOIN "Dataset" d ON d."id" = l."datasetId" WHERE l."versionId" = v."id"), '[]'::jsonb),
            'biasAssessments', COALESCE((
              SELECT jsonb_agg(jsonb_build_object('assessedAt', a."assessedAt", 'createdAt', a."createdAt", 'status', a."status",
                       'metrics', COALESCE((SELECT jsonb_agg(jsonb_build_object('passed', bm."passed")) FROM "BiasMetric" bm WHERE bm."assessmentId" = a."id"), '[]'::jsonb)))
              FROM "BiasAssessment" a WHERE a."versionId" = v."id" AND a."withdrawnAt" IS NULL), '[]'::jsonb)
          ) AS doc
          FROM "ModelVersion" v WHERE v."modelId" = m."id" AND v."active" AND v."withdrawnAt" IS NULL
          ORDER BY v."id" LIMIT 1) v), '[]'::jsonb) AS "versions",
      (SELECT jsonb_build_object('enabled', c."enabled", 'cadenceDays', c."cadenceDays", 'warningThreshold', c."warningThreshold",
                'criticalThreshold', c."criticalThreshold", 'features', c."features")
       FROM "MonitoringConfig" c WHERE c."modelId" = m."id") AS "monitoringConfig",
      COALESCE((
        SELECT jsonb_agg(jsonb_build_object('observedAt', k."observedAt", 'status', k."status")) FROM (
          SELECT k."observedAt", k."status" FROM "MonitoringCheck" k WHERE k."modelId" = m."id"
          ORDER BY k."observedAt" DESC, k."createdAt" DESC LIMIT 1) k), '[]'::jsonb) AS "monitoringChecks",
      (SELECT to_jsonb(f) FROM "FundamentalRightsAssessment" f WHERE f."modelId" = m."id") AS "fria"
    FROM "Model" m
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
