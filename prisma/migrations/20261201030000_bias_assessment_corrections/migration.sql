-- issue 14: bias assessments can be corrected (optimistic locking) and withdrawn (kept in the history)
ALTER TABLE "BiasAssessment" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "BiasAssessment" ADD COLUMN "withdrawnAt" TIMESTAMP(3);
ALTER TABLE "BiasAssessment" ADD COLUMN "withdrawnById" UUID;
ALTER TABLE "BiasAssessment" ADD COLUMN "withdrawalReason" TEXT;
