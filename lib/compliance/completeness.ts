// Evaluates the requirement catalogue against one model's facts at an "as of" date: every applicable item
// as complete | missing | stale with its reason and fix, a weighted score, the undocumented verdict and
// findings that are not documentation gaps (a prohibited system in production, critical drift, skew).

import { applicabilityContext, itemsForContext, type DocumentationSectionKey, type RequirementItem } from "./catalogue";
import { addMonthsUtc, isoDate } from "./dates";
import { describeMonitoringStatus, type MonitoringStatusDetail } from "./monitoring-status";
import { registrationStatus } from "./eu-database";
import type { ActorRole, BiasAssessmentFacts, ModelFacts, MonitoringStatus, VersionFacts } from "./types";

export type ItemStatus = "complete" | "missing" | "stale";

export type CompletenessItem = {
  id: string;
  title: string;
  article: string;
  mandatory: boolean;
  weight: number;
  status: ItemStatus;
  /** human-readable, shown by the UI and the PDF */
  reason: string;
  fix: string;
  sectionKey?: DocumentationSectionKey;
  field: string;
};

export type FindingSeverity = "CRITICAL" | "WARNING" | "INFO";

export type Finding = {
  id: string;
  severity: FindingSeverity;
  article: string;
  reason: string;
  fix: string;
};

export type CompletenessResult = {
  modelKey: string;
  asOf: Date;
  /** the role requirements were evaluated for (Art. 25(1) may turn us into the provider) */
  effectiveRole: ActorRole;
  items: CompletenessItem[];
  /** weighted share of complete items, 0-100 with one decimal; stale and missing count zero */
  score: number;
  counts: { complete: number; missing: number; stale: number; mandatoryOpen: number };
  undocumented: boolean;
  undocumentedReasons: string[];
  findings: Finding[];
  monitoringStatus: MonitoringStatus;
  monitoringDetail: MonitoringStatusDetail;
};

type Cutoffs = { months: Map<number, number> };

// Freshness cut-offs depend only on asOf; the benchmark and the inventory evaluate thousands of models at
// one asOf, so remember the last one instead of redoing calendar arithmetic per item.
let cachedAsOf = Number.NaN;
let cachedCutoffs: Cutoffs = { months: new Map() };

function cutoffFor(asOf: Date, months: number): number {
  const time = asOf.getTime();
  if (time !== cachedAsOf) {
    cachedAsOf = time;
    cachedCutoffs = { months: new Map() };
  }
  let cutoff = cachedCutoffs.months.get(months);
  if (cutoff === undefined) {
    cutoff = addMonthsUtc(asOf, -months).getTime();
    cachedCutoffs.months.set(months, cutoff);
  }
  return cutoff;
}

const isBlank = (value: string | null | undefined): boolean => value === null || value === undefined || value.trim() === "";

type Verdict = { status: ItemStatus; reason: string };

// One scratch verdict, overwritten per item and copied into the item at once: evaluating 10,000 models
// creates ~65,000 items, and a throw-away verdict object for each was a measurable share of GC time.
const scratch: Verdict = { status: "complete", reason: "" };
const verdictOf = (status: ItemStatus, reason: string): Verdict => {
  scratch.status = status;
  scratch.reason = reason;
  return scratch;
};
const complete = (reason: string): Verdict => verdictOf("complete", reason);
const missing = (reason: string): Verdict => verdictOf("missing", reason);
const stale = (reason: string): Verdict => verdictOf("stale", reason);

const EVALUATED_PURPOSES = ["TRAINING", "VALIDATION", "TEST"] as const;

function datasetVerdict(version: VersionFacts | null, flag: "hasProvenance" | "hasBiasExamination", what: string): Verdict {
  if (version === null) return missing("No active version is recorded, so no datasets are linked.");
  const relevant = version.datasets.filter((d) => (EVALUATED_PURPOSES as readonly string[]).includes(d.purpose));
  if (!relevant.some((d) => d.purpose === "TRAINING")) return missing(`No training dataset is linked to version ${version.version}.`);
  const lacking = relevant.filter((d) => !d[flag]);
  if (lacking.length > 0) {
    return missing(`${what} missing for ${lacking.map((d) => `${d.datasetName} (${d.purpose.toLowerCase()})`).join(", ")}.`);
  }
  return complete(`${what} recorded for all ${relevant.length} linked training/validation/test dataset(s).`);
}

const utcDay = (d: Date) => Math.floor(d.getTime() / 86_400_000);

/**
 * The assessment that speaks for the version: the latest assessment day wins; on the same day (forms
 * record dates, not times) the one recorded last wins, so a failing reassessment on the day of a
 * passing one is not hidden behind it.
 */
export function isLaterAssessment(a: BiasAssessmentFacts, b: BiasAssessmentFacts): boolean {
  if (utcDay(a.assessedAt) !== utcDay(b.assessedAt)) return utcDay(a.assessedAt) > utcDay(b.assessedAt);
  const recorded = (x: BiasAssessmentFacts) => (x.recordedAt ?? x.assessedAt).getTime();
  if (recorded(a) !== recorded(b)) return recorded(a) > recorded(b);
  return a.assessedAt.getTime() > b.assessedAt.getTime();
}

function latestFinalAssessment(assessments: readonly BiasAssessmentFacts[]): BiasAssessmentFacts | null {
  let latest: BiasAssessmentFacts | null = null;
  for (const a of assessments) {
    if (a.status === "FINAL" && (latest === null || isLaterAssessment(a, latest))) latest = a;
  }
  return latest;
}

function evaluateItem(item: RequirementItem, facts: ModelFacts, asOf: Date, monitoring: MonitoringStatusDetail): Verdict {
  const check = item.check;
  const version = facts.activeVersion;
  switch (check.kind) {
    case "owners": {
      if (facts.businessOwner && facts.technicalOwner) {
        return complete(`Business owner ${facts.businessOwner.name}; technical owner ${facts.technicalOwner.name}.`);
      }
      const absent = [facts.businessOwner ? null : "business owner", facts.technicalOwner ? null : "technical owner"].filter(Boolean);
      return missing(`No ${absent.join(" and no ")} assigned.`);
    }
    case "intendedPurpose":
      return isBlank(facts.intendedPurpose) ? missing("The intended purpose is not described.") : complete("Intended purpose described.");
    case "classification": {
      const c = facts.classification;
      if (c.riskClass === "UNCLASSIFIED") return missing("The model has not been classified.");
      if (!c.confirmed) return missing(`The ${c.riskClass} classification is an owner's proposal; a compliance officer has not confirmed it.`);
      if (isBlank(c.rationale)) return missing(`The ${c.riskClass} classification has no recorded rationale.`);
      if (c.classifiedAt === null) return missing(`The ${c.riskClass} classification has no review date.`);
      const months = item.freshness.kind === "maxAgeMonths" ? item.freshness.months : 12;
      if (c.classifiedAt.getTime() < cutoffFor(asOf, months)) {
        return stale(`Classification last reviewed ${isoDate(c.classifiedAt)}, more than ${months} months before ${isoDate(asOf)}.`);
      }
      return complete(`Classified ${c.riskClass}, confirmed and reviewed ${isoDate(c.classifiedAt)}.`);
    }
    case "section": {
      const section = facts.documentation[check.sectionKey];
      if (section === undefined || section.status === "EMPTY") return missing("Section not started.");
      if (section.status === "DRAFT") return missing(`Section is a draft (last edited ${isoDate(section.updatedAt)}); only COMPLETE counts.`);
      if (item.freshness.kind === "maxAgeMonths" && section.updatedAt.getTime() < cutoffFor(asOf, item.freshness.months)) {
        return stale(`Section last updated ${isoDate(section.updatedAt)}, more than ${item.freshness.months} months before ${isoDate(asOf)}.`);
      }
      return complete(`Section complete (updated ${isoDate(section.updatedAt)}${section.evidenceCount > 0 ? `, ${section.evidenceCount} evidence file(s)` : ""}).`);
    }
    case "datasetProvenance":
      return datasetVerdict(version, "hasProvenance", "Source and provenance");
    case "datasetBiasExamination":
      return datasetVerdict(version, "hasBiasExamination", "Bias examination");
    case "biasAssessment": {
      if (version === null) return missing("No active version is recorded.");
      const latest = latestFinalAssessment(version.biasAssessments);
      if (latest === null) {
        return missing(version.biasAssessments.length > 0 ? `Version ${version.version} has only draft bias assessments.` : `Version ${version.version} has no bias assessment.`);
      }
      const months = item.freshness.kind === "maxAgeMonths" ? item.freshness.months : 12;
      if (latest.assessedAt.getTime() < cutoffFor(asOf, months)) {
        return stale(`Latest final bias assessment of version ${version.version} is from ${isoDate(latest.assessedAt)}, more than ${months} months before ${isoDate(asOf)}.`);
      }
      return complete(
        `Final bias assessment of version ${version.version} on ${isoDate(latest.assessedAt)}${latest.allPassed ? ", all metrics within thresholds" : ", with failing metrics (see findings)"}.`,
      );
    }
    case "euRegistration": {
      const st = registrationStatus(check.section, facts.euRegistration ?? null, facts.euDatabaseId);
      if (st.registrationId === null) {
        return missing(
          st.missing.length > 0
            ? `No EU database registration id recorded; the Annex VIII Section ${check.section} data lacks point(s) ${st.missing.map((x) => x.point).join(", ")}.`
            : "No EU database registration id recorded.",
        );
      }
      if (st.missing.length > 0) {
        return missing(`Registered as ${st.registrationId}, but the Annex VIII Section ${check.section} data lacks point(s) ${st.missing.map((x) => `${x.point} (${x.label})`).join("; ")}.`);
      }
      return complete(`Registered in the EU database as ${st.registrationId}; Annex VIII Section ${check.section} data complete.`);
    }
    case "euDatabaseId":
      return isBlank(facts.euDatabaseId) ? missing("No EU database registration id recorded.") : complete(`Registered in the EU database as ${facts.euDatabaseId}.`);
    case "fria": {
      const fria = facts.fria ?? null;
      if (fria === null) return missing("No fundamental rights impact assessment is recorded (Art. 27(1)).");
      if (fria.elementsMissing.length > 0) {
        return missing(`The assessment lacks element(s) ${fria.elementsMissing.map((l) => `(${l})`).join(", ")} of Art. 27(1).`);
      }
      if (fria.notifiedAt === null || isBlank(fria.notificationReference)) {
        return missing("The results are not notified to the market surveillance authority (Art. 27(3)): record the date and reference.");
      }
      const classifiedAt = facts.classification.classifiedAt;
      if (classifiedAt !== null && classifiedAt.getTime() > fria.reviewedAt.getTime()) {
        return stale(`The classification changed on ${isoDate(classifiedAt)}, after the assessment was last reviewed on ${isoDate(fria.reviewedAt)}: review it (Art. 27(2)).`);
      }
      return complete(`Assessment complete, reviewed ${isoDate(fria.reviewedAt)}, notified ${isoDate(fria.notifiedAt)} (${fria.notificationReference}).`);
    }
    case "monitoringConfig": {
      const config = facts.monitoring.config;
      if (config === null) return missing("No drift monitoring is configured.");
      if (!config.enabled) return missing("Drift monitoring is configured but disabled.");
      if (config.features.length === 0) return missing("Drift monitoring watches no features.");
      const { warningThreshold: w, criticalThreshold: c } = config;
      if (!(Number.isFinite(w) && Number.isFinite(c) && w > 0 && c > w)) {
        return missing(`Thresholds are not usable (warning ${w}, critical ${c}); need 0 < warning < critical.`);
      }
      return complete(`Monitoring ${config.features.length} feature(s), warning ${w}, critical ${c}, every ${config.cadenceDays} days.`);
    }
    case "monitoringCheck": {
      if (monitoring.status === "NOT_MONITORED") return missing(monitoring.reason);
      if (monitoring.status === "STALE") return monitoring.latestCheckAt === null ? missing(monitoring.reason) : stale(monitoring.reason);
      return complete(monitoring.reason);
    }
    case "rollbackPlan": {
      if (version === null) return missing("No active version is recorded.");
      const absent = [isBlank(version.rollbackTargetVersion) ? "rollback target version" : null, isBlank(version.rollbackProcedure) ? "rollback procedure" : null].filter(Boolean);
      if (absent.length > 0) return missing(`Version ${version.version} has no ${absent.join(" and no ")}.`);
      return complete(`Rollback of version ${version.version} to ${version.rollbackTargetVersion} documented.`);
    }
    case "rollbackDrill": {
      if (version === null) return missing("No active version is recorded.");
      const rule = item.freshness.kind === "rollbackDrill" ? item.freshness : { maxAgeMonths: 6, maxMinutes: 10 };
      if (version.lastRollbackDrillAt === null || version.lastRollbackDrillMinutes === null) return missing("No rollback drill has been recorded.");
      const minutes = version.lastRollbackDrillMinutes;
      // a slow drill is not outdated information: the rollback itself does not meet the target
      if (!(minutes <= rule.maxMinutes)) {
        return missing(`The last rollback drill (${isoDate(version.lastRollbackDrillAt)}) took ${minutes} minutes; the target is ${rule.maxMinutes} minutes or less.`);
      }
      if (version.lastRollbackDrillAt.getTime() < cutoffFor(asOf, rule.maxAgeMonths)) {
        return stale(`The last rollback drill was on ${isoDate(version.lastRollbackDrillAt)}, more than ${rule.maxAgeMonths} months before ${isoDate(asOf)}.`);
      }
      return complete(`Rollback drill on ${isoDate(version.lastRollbackDrillAt)} took ${minutes} minutes.`);
    }
    case "pipelineSkew": {
      if (version === null) return missing("No active version is recorded.");
      const { trainingPipelineVersion: t, servingPipelineVersion: s } = version;
      if (isBlank(t) || isBlank(s)) return missing(`The ${isBlank(t) ? "training" : "serving"} feature-pipeline version is not recorded, so skew cannot be audited.`);
      if (t !== s) return missing(`Training-serving skew: trained with feature pipeline ${t}, served with ${s}.`);
      return complete(`Training and serving use feature pipeline ${t}.`);
    }
  }
}

function buildFindings(facts: ModelFacts, items: readonly CompletenessItem[], monitoring: MonitoringStatusDetail, effectiveRole: ActorRole): Finding[] {
  const findings: Finding[] = [];
  const c = facts.classification;
  if (c.riskClass === "PROHIBITED") {
    const basis = c.legalBasis.length > 0 ? c.legalBasis.join(", ") : "Art. 5";
    if (facts.lifecycle === "PRODUCTION") {
      findings.push({
        id: "PROHIBITED_IN_PRODUCTION",
        severity: "CRITICAL",
        article: "Art. 5; Art. 99(3)",
        reason: `A prohibited AI practice (${basis}) is in production. This is not a documentation gap: the system may not be used (fines up to EUR 35M or 7 % of worldwide turnover).`,
        fix: "Withdraw the system from service now, then retire it in Dossier and record the withdrawal.",
      });
    } else if (facts.lifecycle !== "RETIRED") {
      findings.push({
        id: "PROHIBITED_IN_DEVELOPMENT",
        severity: "WARNING",
        article: "Art. 5",
        reason: `The system is classified as a prohibited practice (${basis}); it must never be put into service.`,
        fix: "Stop the development or change the intended purpose and reclassify.",
      });
    }
  }
  if (facts.lifecycle === "PRODUCTION" && (monitoring.status === "CRITICAL" || monitoring.status === "WARNING")) {
    findings.push({
      id: monitoring.status === "CRITICAL" ? "DRIFT_CRITICAL" : "DRIFT_WARNING",
      severity: monitoring.status,
      article: c.riskClass === "HIGH" ? "Art. 72; Art. 26(5)" : "MLOps policy",
      reason: monitoring.reason,
      fix: monitoring.status === "CRITICAL" ? "Investigate the drift now: retrain, roll back or suspend the model." : "Investigate the drifting features and plan retraining.",
    });
  }
  const skew = items.find((i) => i.id === "MLOPS_TRAINING_SERVING_SKEW");
  if (skew && skew.status !== "complete" && skew.reason.startsWith("Training-serving skew")) {
    findings.push({ id: "TRAINING_SERVING_SKEW", severity: "WARNING", article: "MLOps policy", reason: skew.reason, fix: skew.fix });
  }
  const latestBias = facts.activeVersion ? latestFinalAssessment(facts.activeVersion.biasAssessments) : null;
  if (latestBias && !latestBias.allPassed && items.some((i) => i.id === "HR_P_BIAS_ASSESSMENT")) {
    findings.push({
      id: "BIAS_THRESHOLD_FAILED",
      severity: "WARNING",
      article: "Art. 10(2)(f)-(g), 15",
      reason: `The latest final bias assessment (${isoDate(latestBias.assessedAt)}) has metrics outside their thresholds.`,
      fix: "Mitigate the bias and reassess before relying on the system.",
    });
  }
  if (c.riskClass !== "UNCLASSIFIED" && !c.confirmed) {
    findings.push({
      id: "CLASSIFICATION_UNCONFIRMED",
      severity: "INFO",
      article: "Art. 6",
      reason: `The ${c.riskClass} classification is an owner's proposal awaiting a compliance officer's confirmation.`,
      fix: "A compliance officer reviews and confirms the classification.",
    });
  }
  if (effectiveRole !== facts.actorRole) {
    findings.push({
      id: "ART_25_PROVIDER",
      severity: "INFO",
      article: "Art. 25(1)",
      reason: `Recorded as ${facts.actorRole.toLowerCase()}, but Art. 25(1) makes us the provider of this high-risk system; provider requirements apply.`,
      fix: "Record our role as provider.",
    });
  }
  return findings;
}

export function evaluateCompleteness(facts: ModelFacts, asOf: Date): CompletenessResult {
  const context = applicabilityContext(facts);
  const monitoring = describeMonitoringStatus(facts.monitoring.config, facts.monitoring.checks, asOf);
  const catalogueItems = itemsForContext(context);

  const items: CompletenessItem[] = new Array<CompletenessItem>(catalogueItems.length);
  let totalWeight = 0;
  let completeWeight = 0;
  let nComplete = 0;
  let nMissing = 0;
  let nStale = 0;
  let mandatoryOpen = 0;
  for (let i = 0; i < catalogueItems.length; i++) {
    const item = catalogueItems[i] as RequirementItem;
    const verdict = evaluateItem(item, facts, asOf, monitoring);
    const out: CompletenessItem = {
      id: item.id,
      title: item.title,
      article: item.article,
      mandatory: item.mandatory,
      weight: item.weight,
      status: verdict.status,
      reason: verdict.reason,
      fix: item.fix,
      // always present (undefined when the item is not a section) so every item has one hidden class
      sectionKey: item.sectionKey,
      field: item.field,
    };
    items[i] = out;
    totalWeight += item.weight;
    if (verdict.status === "complete") {
      completeWeight += item.weight;
      nComplete++;
    } else {
      if (verdict.status === "missing") nMissing++;
      else nStale++;
      if (item.mandatory) mandatoryOpen++;
    }
  }
  const score = totalWeight === 0 ? 100 : Math.round((1000 * completeWeight) / totalWeight) / 10;

  // PRODUCT.md: undocumented = in production AND (a mandatory item missing or stale, OR unclassified,
  // OR no accountable owner). Non-production models are never undocumented.
  const undocumentedReasons: string[] = [];
  if (facts.lifecycle === "PRODUCTION") {
    if (facts.classification.riskClass === "UNCLASSIFIED") undocumentedReasons.push("Risk class is UNCLASSIFIED.");
    if (!facts.businessOwner || !facts.technicalOwner) {
      undocumentedReasons.push(`No accountable owner: ${[facts.businessOwner ? null : "business owner", facts.technicalOwner ? null : "technical owner"].filter(Boolean).join(" and ")} missing.`);
    }
    for (const item of items) {
      if (item.mandatory && item.status !== "complete") undocumentedReasons.push(`${item.title} (${item.article}) is ${item.status}: ${item.reason}`);
    }
  }

  return {
    modelKey: facts.key,
    asOf,
    effectiveRole: context.role,
    items,
    score,
    counts: { complete: nComplete, missing: nMissing, stale: nStale, mandatoryOpen },
    undocumented: undocumentedReasons.length > 0,
    undocumentedReasons,
    findings: buildFindings(facts, items, monitoring, context.role),
    monitoringStatus: monitoring.status,
    monitoringDetail: monitoring,
  };
}
