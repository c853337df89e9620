-- Retention without re-reading what it already pruned. The job found the checks whose detail it may delete
-- by scanning every check older than the cutoff, pruned or not, once per 20,000-row batch: a first run's
-- catch-up was quadratic in its batches (1.3 M results: 13.6 min) and each daily run grew with the history
-- kept (26 s for one day's 20,000 results on a year of 10,000 models). A check now records when its detail
-- was pruned, and the job walks an index of only the checks that still hold detail, in observedAt order.
-- The column is nullable without a default: adding it rewrites nothing.
ALTER TABLE "MonitoringCheck" ADD COLUMN "detailPrunedAt" TIMESTAMP(3);

-- Prisma's schema cannot express a partial index: it lives here only (see the comment in schema.prisma).
CREATE INDEX "MonitoringCheck_detail_observedAt_idx" ON "MonitoringCheck" ("observedAt", "id") WHERE "detailPrunedAt" IS NULL;
