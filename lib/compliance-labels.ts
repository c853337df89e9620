// Human labels for derived compliance values (pages and PDFs share them).
import { REQUIREMENTS } from "./compliance";
import type { MonitoringStatus } from "./generated/prisma/enums";

const REQUIREMENT_TITLES = new Map(REQUIREMENTS.map((r) => [r.id, r.title]));
export const requirementTitle = (id: string) => REQUIREMENT_TITLES.get(id) ?? id;

export const MONITORING_LABELS: Record<MonitoringStatus, string> = {
  NOT_MONITORED: "Not monitored",
  STALE: "Stale",
  CRITICAL: "Critical",
  WARNING: "Warning",
  HEALTHY: "Healthy",
};
