-- CreateEnum
CREATE TYPE "MonitoringStatus" AS ENUM ('NOT_MONITORED', 'STALE', 'CRITICAL', 'WARNING', 'HEALTHY');

-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "complianceEvaluatedAt" TIMESTAMP(3),
ADD COLUMN     "complianceScore" DOUBLE PRECISION,
ADD COLUMN     "monitoringStatus" "MonitoringStatus" NOT NULL DEFAULT 'NOT_MONITORED',
ADD COLUMN     "openItems" TEXT[],
ADD COLUMN     "undocumented" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" UUID NOT NULL,
    "principal" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "responseBody" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "principal" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitWindow_pkey" PRIMARY KEY ("principal","windowStart")
);

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_principal_key_key" ON "IdempotencyRecord"("principal", "key");

-- CreateIndex
CREATE INDEX "RateLimitWindow_windowStart_idx" ON "RateLimitWindow"("windowStart");

-- CreateIndex
CREATE INDEX "Model_lifecycle_undocumented_idx" ON "Model"("lifecycle", "undocumented");

-- CreateIndex
CREATE INDEX "Model_monitoringStatus_idx" ON "Model"("monitoringStatus");

-- CreateIndex
CREATE INDEX "Model_complianceEvaluatedAt_idx" ON "Model"("complianceEvaluatedAt");

