// What the scheduled jobs do. Plain functions, so tests and the standalone worker call the same code.
import "server-only";
import { refreshOutdatedCompliance } from "../models/compliance";
import { checkRuleSets } from "../models/rule-sets";
import { recordSnapshot } from "../dashboard/snapshot";
import { scanDeadlines, type ScanResult } from "../notifications/scan";
import { deliverPendingEmails, type DeliveryResult } from "../notifications/email";
import { pruneMonitoringDetail, type RetentionResult } from "../monitoring/retention";

/**
 * Every scan interval: classifications made under an older rule set checked against the current rules
 * (changed verdicts flagged), fresh verdicts, today's trend point, deadline notifications, then the emails.
 */
export async function runScan({ now = new Date() }: { now?: Date } = {}): Promise<{ refreshed: number; scan: ScanResult; delivery: DeliveryResult }> {
  await checkRuleSets();
  const refreshed = await refreshOutdatedCompliance(now);
  await recordSnapshot({ now });
  const scan = await scanDeadlines({ now });
  const delivery = await deliverPendingEmails({ now });
  return { refreshed, scan, delivery };
}

/** Every minute: emails for notifications created by user actions (reviews) since the last run. */
export async function runDelivery({ now = new Date() }: { now?: Date } = {}): Promise<DeliveryResult> {
  return deliverPendingEmails({ now });
}

/** Daily: raw monitoring detail older than the retention window (the checks themselves are kept). */
export async function runRetention({ now = new Date() }: { now?: Date } = {}): Promise<RetentionResult> {
  return pruneMonitoringDetail({ now });
}
