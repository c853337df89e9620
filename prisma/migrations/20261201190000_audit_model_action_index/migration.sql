-- The model page lists a model's corrections and withdrawals (action IN (...correct, ...withdraw)). Through
-- ("modelId", "seq") that read fetched every audit event of the model and filtered on "action": with a year
-- of daily monitoring events (10,000 models × 365, issue 13) that is ~365 heap pages, one per event, about
-- 60 ms cold for nothing found, and it grows with every day of history. On ("modelId", "action") it reads
-- only the matching entries.
-- CreateIndex
CREATE INDEX "AuditEvent_modelId_action_idx" ON "AuditEvent"("modelId", "action");
