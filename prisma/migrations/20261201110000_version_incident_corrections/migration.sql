-- issue 14: versions and incidents can be corrected (optimistic locking) and withdrawn (kept in the history)
ALTER TABLE "ModelVersion" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "ModelVersion" ADD COLUMN "withdrawnAt" TIMESTAMP(3);
ALTER TABLE "ModelVersion" ADD COLUMN "withdrawnById" UUID;
ALTER TABLE "ModelVersion" ADD COLUMN "withdrawalReason" TEXT;
ALTER TABLE "Incident" ADD COLUMN "withdrawnAt" TIMESTAMP(3);
ALTER TABLE "Incident" ADD COLUMN "withdrawnById" UUID;
ALTER TABLE "Incident" ADD COLUMN "withdrawalReason" TEXT;
