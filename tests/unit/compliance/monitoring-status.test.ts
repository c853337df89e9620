import { describe, expect, it } from "vitest";
import { deriveMonitoringStatus, describeMonitoringStatus, latestCheck } from "@/lib/compliance/monitoring-status";
import type { CheckStatus, MonitoringCheckFacts, MonitoringConfigFacts } from "@/lib/compliance/types";

const AS_OF = new Date("2026-09-15T12:00:00.000Z");
const DAY = 86_400_000;
const ago = (ms: number) => new Date(AS_OF.getTime() - ms);
const config = (overrides: Partial<MonitoringConfigFacts> = {}): MonitoringConfigFacts => ({
  enabled: true,
  cadenceDays: 7,
  warningThreshold: 0.1,
  criticalThreshold: 0.25,
  features: ["x"],
  ...overrides,
});
const check = (msAgo: number, status: CheckStatus): MonitoringCheckFacts => ({ observedAt: ago(msAgo), status });

describe("deriveMonitoringStatus", () => {
  it.each([
    ["no config", null, [check(DAY, "HEALTHY")], "NOT_MONITORED"],
    ["disabled config", config({ enabled: false }), [check(DAY, "HEALTHY")], "NOT_MONITORED"],
    ["enabled, never checked", config(), [], "STALE"],
    ["check exactly 7 days old (boundary: fresh)", config(), [check(7 * DAY, "HEALTHY")], "HEALTHY"],
    ["check 7 days + 1 ms old", config(), [check(7 * DAY + 1, "HEALTHY")], "STALE"],
    ["stale beats a critical old check", config(), [check(8 * DAY, "CRITICAL")], "STALE"],
    ["latest CRITICAL", config(), [check(3 * DAY, "HEALTHY"), check(DAY, "CRITICAL")], "CRITICAL"],
    ["latest WARNING", config(), [check(DAY, "WARNING"), check(2 * DAY, "CRITICAL")], "WARNING"],
    ["latest HEALTHY after a critical one", config(), [check(2 * DAY, "CRITICAL"), check(DAY, "HEALTHY")], "HEALTHY"],
    ["same timestamp: the most severe wins", config(), [check(DAY, "HEALTHY"), check(DAY, "CRITICAL"), check(DAY, "WARNING")], "CRITICAL"],
    ["30-day cadence, 30 days old", config({ cadenceDays: 30 }), [check(30 * DAY, "WARNING")], "WARNING"],
    ["invalid cadence 0 falls back to 7 days", config({ cadenceDays: 0 }), [check(6 * DAY, "HEALTHY")], "HEALTHY"],
    ["invalid cadence 0, 8 days old", config({ cadenceDays: 0 }), [check(8 * DAY, "HEALTHY")], "STALE"],
    ["check in the future (clock skew) counts as fresh", config(), [check(-60_000, "HEALTHY")], "HEALTHY"],
  ] as const)("%s → %s", (_label, cfg, checks, expected) => {
    expect(deriveMonitoringStatus(cfg, checks, AS_OF)).toBe(expected);
  });

  it("explains itself for the UI", () => {
    const stale = describeMonitoringStatus(config(), [check(10 * DAY, "HEALTHY")], AS_OF);
    expect(stale.reason).toMatch(/10 days ago.*7-day cadence/);
    expect(stale.ageDays).toBe(10);
    expect(describeMonitoringStatus(null, [], AS_OF).reason).toMatch(/No drift monitoring/);
  });

  it("latestCheck ignores invalid dates", () => {
    expect(latestCheck([{ observedAt: new Date(Number.NaN), status: "CRITICAL" }, check(DAY, "HEALTHY")])?.status).toBe("HEALTHY");
    expect(latestCheck([])).toBeNull();
  });
});
