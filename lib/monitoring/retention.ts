// Retention of raw monitoring detail. A year of daily checks for 10,000 models is 3.65 M checks and
// several times as many per-feature results (PSI, KS, Wasserstein per feature). The per-feature
// results are the bulk; the check itself (model, version, observedAt, status) is the summary that the
// model page, the overview's trends and the compliance engine read, and it is kept forever. Detail older
// than the retention window is deleted, except the latest check's of each model (its drift table).
import "server-only";
import { prisma } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit-log/record";

export type RetentionResult = {
  cutoff: string | null;
  deletedFeatureResults: number;
  /** checks whose detail this run deleted (now marked) */
  prunedChecks: number;
  /** checks this run read: those it pruned, each model's latest (kept) and any already without detail but unmarked */
  readChecks: number;
};

/**
 * Checks per statement (a few to a few dozen feature results each): short transactions, so ingestion never
 * waits long behind the job.
 */
const BATCH_CHECKS = 2_000;

/**
 * Delete per-feature results of checks observed before now − `days` (DOSSIER_MONITORING_DETAIL_RETENTION_DAYS,
 * default 400; 0 keeps everything), batch by batch, and record one audit event for the run.
 *
 * Each pruned check is marked (`detailPrunedAt`), and the job walks the partial index of the checks not yet
 * pruned ("MonitoringCheck_detail_observedAt_idx") in (observedAt, id) order, each batch from where the last
 * stopped: a run reads each check at most once and never again once pruned, so a catch-up is linear in what it
 * deletes and a daily run reads one day. The only checks read again are each model's latest (kept) and any
 * check whose detail arrived late (an import, a backfill): those are still unmarked, so the next run finds them.
 */
export async function pruneMonitoringDetail({
  now = new Date(),
  days = env.monitoringDetailRetentionDays(),
  batchChecks = BATCH_CHECKS,
}: { now?: Date; days?: number; batchChecks?: number } = {}): Promise<RetentionResult> {
  if (days <= 0) return { cutoff: null, deletedFeatureResults: 0, prunedChecks: 0, readChecks: 0 };
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const cutoffText = cutoff.toISOString().replace("T", " ").replace("Z", "");
  const nowText = now.toISOString().replace("T", " ").replace("Z", "");
  let deleted = 0;
  let pruned = 0;
  let read = 0;
  // the last check read: (observedAt, id), the time as ISO text whatever the session's DateStyle
  let after = { at: "-infinity", id: "00000000-0000-0000-0000-000000000000" };
  for (;;) {
    // one statement, so a batch's results go with the mark on their checks, or neither does
    const [batch] = await prisma.$queryRaw<Array<{ read: number; deleted: number; marked: number; lastAt: string | null; lastId: string | null }>>`
      WITH candidate AS (
        SELECT c.id, c."modelId", c."observedAt" FROM "MonitoringCheck" c
        WHERE c."detailPrunedAt" IS NULL AND c."observedAt" < ${cutoffText}::timestamp
          AND (c."observedAt", c.id) > (${after.at}::timestamp, ${after.id}::uuid)
        ORDER BY c."observedAt", c.id
        LIMIT ${batchChecks}),
      -- the latest check of each model keeps its detail, however old it is
      doomed AS (
        SELECT d.id FROM candidate d
        WHERE d.id <> (SELECT l.id FROM "MonitoringCheck" l WHERE l."modelId" = d."modelId" ORDER BY l."observedAt" DESC, l.id DESC LIMIT 1)),
      gone AS (DELETE FROM "MonitoringFeatureResult" f USING doomed WHERE f."checkId" = doomed.id RETURNING 1),
      marked AS (UPDATE "MonitoringCheck" c SET "detailPrunedAt" = ${nowText}::timestamp FROM doomed WHERE c.id = doomed.id RETURNING 1),
      last AS (SELECT "observedAt", id FROM candidate ORDER BY "observedAt" DESC, id DESC LIMIT 1)
      SELECT (SELECT count(*)::int FROM candidate) AS read, (SELECT count(*)::int FROM gone) AS deleted,
        (SELECT count(*)::int FROM marked) AS marked, (SELECT to_char("observedAt", 'YYYY-MM-DD"T"HH24:MI:SS.US') FROM last) AS "lastAt", (SELECT id::text FROM last) AS "lastId"`;
    deleted += batch!.deleted;
    pruned += batch!.marked;
    read += batch!.read;
    if (batch!.read < batchChecks || !batch!.lastAt || !batch!.lastId) break;
    after = { at: batch!.lastAt, id: batch!.lastId };
  }
  if (deleted > 0) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: null, label: "system: retention" },
        action: "monitoring.detail.prune",
        entityType: "MonitoringFeatureResult",
        entityId: cutoff.toISOString(),
        after: { cutoff: cutoff.toISOString(), retentionDays: days, deletedFeatureResults: deleted, prunedChecks: pruned },
      }),
    );
  }
  return { cutoff: cutoff.toISOString(), deletedFeatureResults: deleted, prunedChecks: pruned, readChecks: read };
}
