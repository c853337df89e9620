// Derived monitoring status of a model. STALE is the silent-failure case the product exists for: a model
// whose checks stopped arriving looks healthy in every other dashboard.

import { DAY_MS, isoDate } from "./dates";
import type { CheckStatus, MonitoringCheckFacts, MonitoringConfigFacts, MonitoringStatus } from "./types";

/** Cadence used when a config carries an unusable one (0, negative, NaN): the product default. */
export const DEFAULT_CADENCE_DAYS = 7;

const SEVERITY: Record<CheckStatus, number> = { HEALTHY: 0, WARNING: 1, CRITICAL: 2 };

export type MonitoringStatusDetail = {
  status: MonitoringStatus;
  reason: string;
  latestCheckAt: Date | null;
  /** the cadence actually applied */
  cadenceDays: number | null;
  /** whole days since the latest check (0 when it is in the future, e.g. clock skew) */
  ageDays: number | null;
};

export function effectiveCadenceDays(config: MonitoringConfigFacts): number {
  return Number.isFinite(config.cadenceDays) && config.cadenceDays > 0 ? config.cadenceDays : DEFAULT_CADENCE_DAYS;
}

/**
 * The latest check; when several share the latest timestamp the most severe wins, so a batch that
 * reports one CRITICAL feature and one HEALTHY one never reads as healthy.
 */
export function latestCheck(checks: readonly MonitoringCheckFacts[]): MonitoringCheckFacts | null {
  let latest: MonitoringCheckFacts | null = null;
  let latestTime = -Infinity;
  for (const check of checks) {
    const time = check.observedAt.getTime();
    if (Number.isNaN(time)) continue;
    if (time > latestTime || (time === latestTime && latest !== null && SEVERITY[check.status] > SEVERITY[latest.status])) {
      latest = check;
      latestTime = time;
    }
  }
  return latest;
}

/**
 * Rules, in order: no config or a disabled one → NOT_MONITORED; no check, or the latest check older
 * than the cadence → STALE; otherwise the latest check's status.
 * Boundary: a check exactly `cadenceDays` × 24 h old is still fresh; one millisecond older is STALE.
 * A check dated after `asOf` (clock skew between the pipeline and the server) counts as fresh.
 */
export function describeMonitoringStatus(config: MonitoringConfigFacts | null, checks: readonly MonitoringCheckFacts[], asOf: Date): MonitoringStatusDetail {
  if (config === null || !config.enabled) {
    return {
      status: "NOT_MONITORED",
      reason: config === null ? "No drift monitoring is configured." : "Drift monitoring is configured but disabled.",
      latestCheckAt: null,
      cadenceDays: null,
      ageDays: null,
    };
  }
  const cadenceDays = effectiveCadenceDays(config);
  const latest = latestCheck(checks);
  if (latest === null) {
    return { status: "STALE", reason: `No monitoring check has ever been recorded (expected every ${cadenceDays} days).`, latestCheckAt: null, cadenceDays, ageDays: null };
  }
  const ageMs = Math.max(0, asOf.getTime() - latest.observedAt.getTime());
  const ageDays = Math.floor(ageMs / DAY_MS);
  if (ageMs > cadenceDays * DAY_MS) {
    return {
      status: "STALE",
      reason: `Last monitoring check was ${ageDays} days ago (${isoDate(latest.observedAt)}), beyond the ${cadenceDays}-day cadence.`,
      latestCheckAt: latest.observedAt,
      cadenceDays,
      ageDays,
    };
  }
  const verdict: Record<CheckStatus, string> = {
    HEALTHY: "within thresholds",
    WARNING: "above the warning threshold",
    CRITICAL: "above the critical threshold",
  };
  return {
    status: latest.status,
    reason: `Latest check (${isoDate(latest.observedAt)}, ${ageDays} days ago) is ${verdict[latest.status]}.`,
    latestCheckAt: latest.observedAt,
    cadenceDays,
    ageDays,
  };
}

export function deriveMonitoringStatus(config: MonitoringConfigFacts | null, checks: readonly MonitoringCheckFacts[], asOf: Date): MonitoringStatus {
  return describeMonitoringStatus(config, checks, asOf).status;
}
