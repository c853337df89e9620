-- Issue 12: versioned rule sets. Each classification records the rule-set version it was made under; a
-- verdict that would change under the current rules is flagged with old vs new side by side.
ALTER TABLE "Model" ADD COLUMN "classificationRuleSet" TEXT;
ALTER TABLE "Model" ADD COLUMN "reclassificationNeeded" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Model" ADD COLUMN "reclassification" JSONB;

-- Classifications that exist before this migration were made under the rules before the 2026 Omnibus.
UPDATE "Model" SET "classificationRuleSet" = 'eu-ai-act@2024-08-01' WHERE "riskClass" <> 'UNCLASSIFIED';

CREATE INDEX "Model_reclassificationNeeded_idx" ON "Model"("reclassificationNeeded");
CREATE INDEX "Model_classificationRuleSet_idx" ON "Model"("classificationRuleSet");
