-- The compliance facts of models (lib/models/facts-read.ts), as a PL/pgSQL function so that the plan of
-- this large statement (a dozen correlated subqueries) is made once per connection and reused: planning
-- it cost ~2.4 ms of the database's CPU on every audited write that refreshes a verdict (a monitoring push
-- most of all), ten times its execution. The outer read joins the Model rows to this function's columns.
-- Keep in step with FactsRow (lib/models/facts.ts): tests/integration/facts-read.test.ts compares the two.
CREATE OR REPLACE FUNCTION dossier_model_facts(model_ids uuid[])
RETURNS TABLE ("id" uuid, "businessUnit" jsonb, "businessOwner" jsonb, "technicalOwner" jsonb, "sections" jsonb,
               "versions" jsonb, "monitoringConfig" jsonb, "monitoringChecks" jsonb, "fria" jsonb)
LANGUAGE plpgsql STABLE ROWS 10
SET plan_cache_mode = force_generic_plan
AS $fn$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT m."id",
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
    WHERE m."id" = ANY(model_ids);
END
$fn$;
