-- Issue 12: the Art. 27 fundamental rights impact assessment as a structured record (one per model).
CREATE TABLE "FundamentalRightsAssessment" (
    "id" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "processes" TEXT,
    "periodAndFrequency" TEXT,
    "affectedPersons" TEXT,
    "specificRisks" TEXT,
    "humanOversight" TEXT,
    "mitigationMeasures" TEXT,
    "notifiedAt" TIMESTAMP(3),
    "notificationReference" TEXT,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "reviewNote" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundamentalRightsAssessment_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "FundamentalRightsAssessment_modelId_key" ON "FundamentalRightsAssessment"("modelId");

ALTER TABLE "FundamentalRightsAssessment" ADD CONSTRAINT "FundamentalRightsAssessment_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
