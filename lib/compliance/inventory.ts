// Inventory-wide headline counts: the first numbers of every report ("247 production models, 89 documented").
// Only production models enter the headline counts; the monitoring breakdown is over production models too,
// because a model in development has nothing to monitor yet.

import type { CompletenessResult } from "./completeness";
import { MONITORING_STATUSES, RISK_CLASSES, type ModelFacts, type MonitoringStatus, type RiskClass } from "./types";

export type CoverageCounts = { production: number; documented: number; undocumented: number };

export type InventorySummary = {
  productionModels: number;
  documented: number;
  undocumented: number;
  /** documented / production × 100, one decimal; 100 when there is no production model */
  documentedPercent: number;
  byRiskClass: Record<RiskClass, CoverageCounts>;
  /** models without a business unit are grouped under UNASSIGNED_BUSINESS_UNIT */
  byBusinessUnit: Record<string, CoverageCounts>;
  byMonitoringStatus: Record<MonitoringStatus, number>;
  /** production models classified PROHIBITED (each is a CRITICAL finding) */
  prohibitedFindings: number;
  /** all models by lifecycle, for context next to the headline */
  byLifecycle: Record<ModelFacts["lifecycle"], number>;
  /** mean completeness score of production models, one decimal (0 when none) */
  meanProductionScore: number;
};

export const UNASSIGNED_BUSINESS_UNIT = "(no business unit)";

const emptyCoverage = (): CoverageCounts => ({ production: 0, documented: 0, undocumented: 0 });

/** Zero coverage for every risk class, and zero models in every monitoring status. */
export const emptyCoverageByRiskClass = () => Object.fromEntries(RISK_CLASSES.map((c) => [c, emptyCoverage()])) as Record<RiskClass, CoverageCounts>;
export const emptyMonitoringCounts = () => Object.fromEntries(MONITORING_STATUSES.map((s) => [s, 0])) as Record<MonitoringStatus, number>;

/** The unit a model is counted under: none (or a blank name) is UNASSIGNED_BUSINESS_UNIT. */
export const countedBusinessUnit = (unit: string | null | undefined): string => (unit && unit.trim() !== "" ? unit : UNASSIGNED_BUSINESS_UNIT);

/** The coverage counts of a unit, made empty the first time it is seen. */
export const unitCoverage = (units: Map<string, CoverageCounts>, unit: string): CoverageCounts => units.get(unit) ?? units.set(unit, emptyCoverage()).get(unit)!;

/** Adds `n` production models, documented or not, to each of `targets`. */
export function addCoverage(targets: CoverageCounts[], n: number, undocumented: boolean): void {
  for (const counts of targets) {
    counts.production += n;
    if (undocumented) counts.undocumented += n;
    else counts.documented += n;
  }
}

export function summarizeInventory(rows: ReadonlyArray<{ facts: ModelFacts; result: CompletenessResult }>): InventorySummary {
  const byRiskClass = emptyCoverageByRiskClass();
  const byMonitoringStatus = emptyMonitoringCounts();
  const byBusinessUnit: Record<string, CoverageCounts> = {};
  const byLifecycle: InventorySummary["byLifecycle"] = { DEVELOPMENT: 0, VALIDATION: 0, PRODUCTION: 0, RETIRED: 0 };
  let production = 0;
  let undocumented = 0;
  let prohibited = 0;
  let scoreSum = 0;
  for (const { facts, result } of rows) {
    byLifecycle[facts.lifecycle]++;
    if (facts.lifecycle !== "PRODUCTION") continue;
    production++;
    scoreSum += result.score;
    const isUndocumented = result.undocumented;
    if (isUndocumented) undocumented++;
    const unitCounts = (byBusinessUnit[countedBusinessUnit(facts.businessUnit)] ??= emptyCoverage());
    addCoverage([byRiskClass[facts.classification.riskClass], unitCounts], 1, isUndocumented);
    byMonitoringStatus[result.monitoringStatus]++;
    if (facts.classification.riskClass === "PROHIBITED") prohibited++;
  }
  const documented = production - undocumented;
  return {
    productionModels: production,
    documented,
    undocumented,
    documentedPercent: documentedPercent(documented, production),
    byRiskClass,
    byBusinessUnit,
    byMonitoringStatus,
    prohibitedFindings: prohibited,
    byLifecycle,
    meanProductionScore: meanScore(scoreSum, production),
  };
}

/** The share of production models documented, in percent with one decimal; 100 when nothing is in production. */
export const documentedPercent = (documented: number, production: number): number => (production === 0 ? 100 : Math.round((1000 * documented) / production) / 10);

/** The mean of the production models' scores, one decimal; 0 when nothing is in production. */
export const meanScore = (scoreSum: number, production: number): number => (production === 0 ? 0 : Math.round((10 * scoreSum) / production) / 10);
