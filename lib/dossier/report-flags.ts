// The flags of a model row in the inventory report: what an auditor must see at a glance. Pure.
import type { CompletenessResult, ModelFacts } from "../compliance";

export const FLAG_LABELS: Record<string, string> = {
  PROHIBITED: "Prohibited practice in production (Art. 5)",
  UNCLASSIFIED: "Not classified",
  NO_OWNER: "No accountable owner",
  DRIFT_CRITICAL: "Drift critical",
  DRIFT_WARNING: "Drift warning",
  STALE: "Monitoring stale",
  NOT_MONITORED: "Not monitored",
  SKEW: "Training-serving skew",
  NO_ROLLBACK_DRILL: "Rollback drill missing or stale",
  BIAS_FAILED: "Bias metrics outside thresholds",
};

/** Compact labels for the PDF table. */
export const FLAG_LABELS_SHORT: Record<string, string> = {
  PROHIBITED: "PROHIBITED",
  UNCLASSIFIED: "unclassified",
  NO_OWNER: "no owner",
  DRIFT_CRITICAL: "drift critical",
  DRIFT_WARNING: "drift warning",
  STALE: "stale monitoring",
  NOT_MONITORED: "not monitored",
  SKEW: "skew",
  NO_ROLLBACK_DRILL: "no rollback drill",
  BIAS_FAILED: "bias failed",
};

export function flagsOf(facts: ModelFacts, result: CompletenessResult): string[] {
  const flags: string[] = [];
  const finding = (id: string) => result.findings.some((f) => f.id === id);
  const open = (id: string) => result.items.some((i) => i.id === id && i.status !== "complete");
  if (finding("PROHIBITED_IN_PRODUCTION")) flags.push("PROHIBITED");
  if (facts.classification.riskClass === "UNCLASSIFIED") flags.push("UNCLASSIFIED");
  if (open("ACCOUNTABLE_OWNERS")) flags.push("NO_OWNER");
  if (finding("DRIFT_CRITICAL")) flags.push("DRIFT_CRITICAL");
  if (finding("DRIFT_WARNING")) flags.push("DRIFT_WARNING");
  if (result.monitoringStatus === "STALE") flags.push("STALE");
  if (result.monitoringStatus === "NOT_MONITORED") flags.push("NOT_MONITORED");
  if (finding("TRAINING_SERVING_SKEW")) flags.push("SKEW");
  if (open("MLOPS_ROLLBACK_DRILL")) flags.push("NO_ROLLBACK_DRILL");
  if (finding("BIAS_THRESHOLD_FAILED")) flags.push("BIAS_FAILED");
  return flags;
}
