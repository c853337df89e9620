-- Group commit for the audit log (issue 13): a writer inserts its events here, inside its own
-- transaction and without the global chain lock; the appender links them into "AuditEvent" in batches
-- (one transaction per batch: the pending rows are deleted in the transaction that chains them).
CREATE TABLE "AuditPending" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" UUID,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "modelId" UUID,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditPending_pkey" PRIMARY KEY ("id")
);
