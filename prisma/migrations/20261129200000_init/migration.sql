-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'COMPLIANCE_OFFICER', 'MODEL_OWNER', 'EXECUTIVE', 'AUDITOR');

-- CreateEnum
CREATE TYPE "RiskClass" AS ENUM ('PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL', 'OUT_OF_SCOPE', 'UNCLASSIFIED');

-- CreateEnum
CREATE TYPE "ActorRole" AS ENUM ('PROVIDER', 'DEPLOYER', 'IMPORTER', 'DISTRIBUTOR');

-- CreateEnum
CREATE TYPE "Lifecycle" AS ENUM ('DEVELOPMENT', 'VALIDATION', 'PRODUCTION', 'RETIRED');

-- CreateEnum
CREATE TYPE "ClassificationStatus" AS ENUM ('NONE', 'PROPOSED', 'CONFIRMED');

-- CreateEnum
CREATE TYPE "DatasetPurpose" AS ENUM ('TRAINING', 'VALIDATION', 'TEST', 'MONITORING_REFERENCE');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'FINAL');

-- CreateEnum
CREATE TYPE "CheckStatus" AS ENUM ('HEALTHY', 'WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "SectionStatus" AS ENUM ('EMPTY', 'DRAFT', 'COMPLETE');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'REOPENED');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'SERIOUS');

-- CreateEnum
CREATE TYPE "IncidentDeadlineRule" AS ENUM ('STANDARD', 'DEATH', 'WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE');

-- CreateEnum
CREATE TYPE "DossierKind" AS ENUM ('MODEL_DOSSIER', 'INVENTORY_REPORT');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "modelKeys" TEXT[],
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessUnit" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "BusinessUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Model" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "intendedPurpose" TEXT,
    "foreseeableMisuse" TEXT,
    "businessUnitId" UUID,
    "actorRole" "ActorRole" NOT NULL DEFAULT 'DEPLOYER',
    "publicAuthority" BOOLEAN NOT NULL DEFAULT false,
    "lifecycle" "Lifecycle" NOT NULL DEFAULT 'DEVELOPMENT',
    "environments" TEXT[],
    "riskClass" "RiskClass" NOT NULL DEFAULT 'UNCLASSIFIED',
    "legalBasis" TEXT[],
    "riskRationale" TEXT,
    "transparencyDuties" TEXT[],
    "classificationStatus" "ClassificationStatus" NOT NULL DEFAULT 'NONE',
    "classificationAnswers" JSONB,
    "classifiedAt" TIMESTAMP(3),
    "classifiedById" UUID,
    "gpai" BOOLEAN NOT NULL DEFAULT false,
    "gpaiSystemicRisk" BOOLEAN NOT NULL DEFAULT false,
    "businessOwnerId" UUID,
    "technicalOwnerId" UUID,
    "nextReviewAt" TIMESTAMP(3),
    "euDatabaseId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "registryUri" TEXT,
    "stage" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "deployedAt" TIMESTAMP(3),
    "trainingPipelineVersion" TEXT,
    "servingPipelineVersion" TEXT,
    "metrics" JSONB,
    "rollbackTargetVersion" TEXT,
    "rollbackProcedure" TEXT,
    "lastRollbackDrillAt" TIMESTAMP(3),
    "lastRollbackDrillMinutes" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "description" TEXT,
    "source" TEXT,
    "provenance" TEXT,
    "collectionPeriod" TEXT,
    "collectionMethod" TEXT,
    "preprocessing" TEXT,
    "size" TEXT,
    "licence" TEXT,
    "personalData" BOOLEAN NOT NULL DEFAULT false,
    "specialCategoryData" BOOLEAN NOT NULL DEFAULT false,
    "knownBiases" TEXT,
    "biasMitigations" TEXT,
    "ownerId" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersionDataset" (
    "versionId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "purpose" "DatasetPurpose" NOT NULL,

    CONSTRAINT "ModelVersionDataset_pkey" PRIMARY KEY ("versionId","datasetId","purpose")
);

-- CreateTable
CREATE TABLE "BiasAssessment" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "assessedAt" TIMESTAMP(3) NOT NULL,
    "assessorId" UUID,
    "methodology" TEXT NOT NULL,
    "protectedAttributes" TEXT[],
    "findings" TEXT,
    "mitigations" TEXT,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BiasAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BiasMetric" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "passed" BOOLEAN NOT NULL,

    CONSTRAINT "BiasMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringConfig" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "features" TEXT[],
    "metrics" TEXT[],
    "warningThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "criticalThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.25,
    "cadenceDays" INTEGER NOT NULL DEFAULT 7,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonitoringConfig_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringCheck" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "versionId" UUID,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "status" "CheckStatus" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitoringCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitoringFeatureResult" (
    "id" UUID NOT NULL,
    "checkId" UUID NOT NULL,
    "feature" TEXT NOT NULL,
    "featureType" TEXT NOT NULL DEFAULT 'numeric',
    "psi" DOUBLE PRECISION,
    "ksStatistic" DOUBLE PRECISION,
    "ksPValue" DOUBLE PRECISION,
    "wasserstein" DOUBLE PRECISION,
    "metricName" TEXT,
    "metricValue" DOUBLE PRECISION,
    "status" "CheckStatus" NOT NULL,

    CONSTRAINT "MonitoringFeatureResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentationSection" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "sectionKey" TEXT NOT NULL,
    "content" TEXT NOT NULL DEFAULT '',
    "status" "SectionStatus" NOT NULL DEFAULT 'EMPTY',
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,

    CONSTRAINT "DocumentationSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" UUID NOT NULL,
    "sectionId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedById" UUID,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'SUBMITTED',
    "modelRevision" INTEGER NOT NULL,
    "submittedById" UUID NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submissionNote" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,
    "snapshot" JSONB,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "awareAt" TIMESTAMP(3) NOT NULL,
    "severity" "IncidentSeverity" NOT NULL,
    "deadlineRule" "IncidentDeadlineRule" NOT NULL DEFAULT 'STANDARD',
    "description" TEXT NOT NULL,
    "affectedPersons" TEXT,
    "correctiveActions" TEXT,
    "authorityNotifiedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdById" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "modelId" UUID,
    "before" JSONB,
    "after" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "DossierRecord" (
    "id" UUID NOT NULL,
    "kind" "DossierKind" NOT NULL,
    "modelId" UUID,
    "parameters" JSONB NOT NULL,
    "generatedById" UUID,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sha256" TEXT NOT NULL,
    "completeness" DOUBLE PRECISION,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "DossierRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "BusinessUnit_name_key" ON "BusinessUnit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Model_key_key" ON "Model"("key");

-- CreateIndex
CREATE INDEX "Model_businessUnitId_idx" ON "Model"("businessUnitId");

-- CreateIndex
CREATE INDEX "Model_businessOwnerId_idx" ON "Model"("businessOwnerId");

-- CreateIndex
CREATE INDEX "Model_technicalOwnerId_idx" ON "Model"("technicalOwnerId");

-- CreateIndex
CREATE INDEX "Model_classifiedById_idx" ON "Model"("classifiedById");

-- CreateIndex
CREATE INDEX "Model_lifecycle_riskClass_idx" ON "Model"("lifecycle", "riskClass");

-- CreateIndex
CREATE INDEX "Model_riskClass_idx" ON "Model"("riskClass");

-- CreateIndex
CREATE INDEX "Model_nextReviewAt_idx" ON "Model"("nextReviewAt");

-- CreateIndex
CREATE INDEX "Model_name_idx" ON "Model"("name");

-- CreateIndex
CREATE INDEX "ModelVersion_modelId_active_idx" ON "ModelVersion"("modelId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelId_version_key" ON "ModelVersion"("modelId", "version");

-- CreateIndex
CREATE INDEX "Dataset_ownerId_idx" ON "Dataset"("ownerId");

-- CreateIndex
CREATE INDEX "Dataset_name_idx" ON "Dataset"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_key_version_key" ON "Dataset"("key", "version");

-- CreateIndex
CREATE INDEX "ModelVersionDataset_datasetId_idx" ON "ModelVersionDataset"("datasetId");

-- CreateIndex
CREATE INDEX "BiasAssessment_versionId_assessedAt_idx" ON "BiasAssessment"("versionId", "assessedAt");

-- CreateIndex
CREATE INDEX "BiasAssessment_assessorId_idx" ON "BiasAssessment"("assessorId");

-- CreateIndex
CREATE INDEX "BiasMetric_assessmentId_idx" ON "BiasMetric"("assessmentId");

-- CreateIndex
CREATE UNIQUE INDEX "MonitoringConfig_modelId_key" ON "MonitoringConfig"("modelId");

-- CreateIndex
CREATE INDEX "MonitoringCheck_modelId_observedAt_idx" ON "MonitoringCheck"("modelId", "observedAt" DESC);

-- CreateIndex
CREATE INDEX "MonitoringCheck_versionId_idx" ON "MonitoringCheck"("versionId");

-- CreateIndex
CREATE INDEX "MonitoringFeatureResult_checkId_idx" ON "MonitoringFeatureResult"("checkId");

-- CreateIndex
CREATE INDEX "DocumentationSection_updatedById_idx" ON "DocumentationSection"("updatedById");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentationSection_modelId_sectionKey_key" ON "DocumentationSection"("modelId", "sectionKey");

-- CreateIndex
CREATE INDEX "EvidenceFile_sectionId_idx" ON "EvidenceFile"("sectionId");

-- CreateIndex
CREATE INDEX "EvidenceFile_uploadedById_idx" ON "EvidenceFile"("uploadedById");

-- CreateIndex
CREATE INDEX "Review_modelId_submittedAt_idx" ON "Review"("modelId", "submittedAt" DESC);

-- CreateIndex
CREATE INDEX "Review_status_idx" ON "Review"("status");

-- CreateIndex
CREATE INDEX "Review_submittedById_idx" ON "Review"("submittedById");

-- CreateIndex
CREATE INDEX "Review_decidedById_idx" ON "Review"("decidedById");

-- CreateIndex
CREATE INDEX "Incident_modelId_idx" ON "Incident"("modelId");

-- CreateIndex
CREATE INDEX "Incident_createdById_idx" ON "Incident"("createdById");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_modelId_seq_idx" ON "AuditEvent"("modelId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "DossierRecord_modelId_idx" ON "DossierRecord"("modelId");

-- CreateIndex
CREATE INDEX "DossierRecord_generatedById_idx" ON "DossierRecord"("generatedById");

-- CreateIndex
CREATE INDEX "DossierRecord_sha256_idx" ON "DossierRecord"("sha256");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_businessUnitId_fkey" FOREIGN KEY ("businessUnitId") REFERENCES "BusinessUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_classifiedById_fkey" FOREIGN KEY ("classifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_businessOwnerId_fkey" FOREIGN KEY ("businessOwnerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_technicalOwnerId_fkey" FOREIGN KEY ("technicalOwnerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dataset" ADD CONSTRAINT "Dataset_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersionDataset" ADD CONSTRAINT "ModelVersionDataset_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersionDataset" ADD CONSTRAINT "ModelVersionDataset_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiasAssessment" ADD CONSTRAINT "BiasAssessment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiasAssessment" ADD CONSTRAINT "BiasAssessment_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiasMetric" ADD CONSTRAINT "BiasMetric_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "BiasAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringConfig" ADD CONSTRAINT "MonitoringConfig_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringCheck" ADD CONSTRAINT "MonitoringCheck_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringCheck" ADD CONSTRAINT "MonitoringCheck_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitoringFeatureResult" ADD CONSTRAINT "MonitoringFeatureResult_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "MonitoringCheck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentationSection" ADD CONSTRAINT "DocumentationSection_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentationSection" ADD CONSTRAINT "DocumentationSection_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "DocumentationSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierRecord" ADD CONSTRAINT "DossierRecord_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DossierRecord" ADD CONSTRAINT "DossierRecord_generatedById_fkey" FOREIGN KEY ("generatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

