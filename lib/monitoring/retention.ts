// Retention of raw monitoring detail. A year of daily checks for 10,000 models is 3.65 M checks and
// several times as many per-feature results (PSI, KS, Wasserstein per feature). The per-feature
// results are the bulk; the check itself (model, version, observedAt, status) is the summary that the
// model page, the overview's trends and the compliance engine read, and it is kept forever. Detail older
// than the retention window is deleted, except the latest check's of each model (its drift table).
import "server-only";
import { prisma } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit-log/record";

export type RetentionResult = { cutoff: string | null; deletedFeatureResults: number };

/** Rows per DELETE statement: short transactions, so ingestion never waits long behind the job. */
const BATCH = 20_000;

/**
 * Delete per-feature results of checks observed before now − `days` (DOSSIER_MONITORING_DETAIL_RETENTION_DAYS,
 * default 400; 0 keeps everything), batch by batch, and record one audit event for the run.
 */
export async function pruneMonitoringDetail({ now = new Date(), days = env.monitoringDetailRetentionDays() }: { now?: Date; days?: number } = {}): Promise<RetentionResult> {
  if (days <= 0) return { cutoff: null, deletedFeatureResults: 0 };
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const cutoffText = cutoff.toISOString().replace("T", " ").replace("Z", "");
  let deleted = 0;
  for (;;) {
    const n = await prisma.$executeRaw`
      DELETE FROM "MonitoringFeatureResult" WHERE id IN (
        SELECT f.id FROM "MonitoringFeatureResult" f
        JOIN "MonitoringCheck" c ON c.id = f."checkId"
        WHERE c."observedAt" < ${cutoffText}::timestamp
          -- the latest check of each model keeps its detail, however old it is
          AND c.id <> (SELECT l.id FROM "MonitoringCheck" l WHERE l."modelId" = c."modelId" ORDER BY l."observedAt" DESC, l.id DESC LIMIT 1)
        LIMIT ${BATCH})`;
    deleted += n;
    if (n < BATCH) break;
  }
  if (deleted > 0) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: null, label: "system: retention" },
        action: "monitoring.detail.prune",
        entityType: "MonitoringFeatureResult",
        entityId: cutoff.toISOString(),
        after: { cutoff: cutoff.toISOString(), retentionDays: days, deletedFeatureResults: deleted },
      }),
    );
  }
  return { cutoff: cutoff.toISOString(), deletedFeatureResults: deleted };
}
