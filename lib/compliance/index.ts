// Public API of the compliance engine: pure functions over plain DTOs (see types.ts).

export * from "./types";
export {
  QUESTIONS,
  QUESTIONS_BY_ID,
  ANNEX_III_AREAS,
  ART_50_EXEMPTION_QUESTIONS,
  ANNEX_I_OPTIONS,
  ART_5_OPTIONS,
  SYSTEMIC_RISK_FLOP_THRESHOLD,
  YES,
  NO,
  NONE,
  annexIIIQuestionId,
  evaluateCondition,
  isRelevant,
  relevantQuestions,
  nextQuestion,
  validateAnswer,
  type Answers,
  type AnswerValue,
  type AnswerOption,
  type AnswerProblem,
  type Condition,
  type Question,
  type QuestionKind,
} from "./questionnaire";
export { ARTICLE_TABLE, LEGAL_BASES, OMNIBUS, describeLegalBasis, resolveArticle, type ArticleEntry } from "./articles";
export { classify, obligationsFor, OBLIGATION_RULES, type ClassificationResult, type Obligation, type ObligationContext, type ReasoningStep } from "./classify";
export { deriveBasisFlags, type BasisFlags } from "./basis-flags";
export {
  DOCUMENTATION_SECTIONS,
  DOCUMENTATION_SECTIONS_BY_KEY,
  REQUIREMENTS,
  REQUIREMENTS_BY_ID,
  MODEL_PAGE_FORMS,
  REQUIREMENT_OWNERS,
  CLASSIFICATION_MAX_AGE_MONTHS,
  BIAS_ASSESSMENT_MAX_AGE_MONTHS,
  RISK_MANAGEMENT_MAX_AGE_MONTHS,
  ROLLBACK_DRILL_MAX_AGE_MONTHS,
  ROLLBACK_DRILL_MAX_MINUTES,
  applicableRequirements,
  applicabilityContext,
  effectiveRoleOf,
  itemsForContext,
  requiredSectionKeys,
  type ApplicabilityContext,
  type DocumentationSection,
  type DocumentationSectionKey,
  type FixTarget,
  type FreshnessRule,
  type ModelPageForm,
  type RequirementOwner,
  type RequirementCheck,
  type RequirementCondition,
  type RequirementItem,
} from "./catalogue";
export { evaluateCompleteness, type CompletenessItem, type CompletenessResult, type Finding, type FindingSeverity, type ItemStatus } from "./completeness";
export { documentedPercent, meanScore, summarizeInventory, UNASSIGNED_BUSINESS_UNIT, type CoverageCounts, type InventorySummary } from "./inventory";
export { DEFAULT_CADENCE_DAYS, deriveMonitoringStatus, describeMonitoringStatus, effectiveCadenceDays, latestCheck, type MonitoringStatusDetail } from "./monitoring-status";
export {
  AI_ACT_CALENDAR,
  CALENDAR_ENTRY_IDS,
  PENALTY_TIERS,
  applicationDate,
  calendarOn,
  maximumFine,
  obligationsApplicableOn,
  resolveCalendar,
  type ApplicableObligationGroup,
  type CalendarEntry,
  type CalendarEntryId,
  type CalendarOverrides,
  type PenaltyTier,
  type ResolvedCalendarEntry,
} from "./calendar";
export { addMonthsUtc, DAY_MS } from "./dates";
export {
  ANNEX_VIII_SECTIONS,
  registrationExport,
  registrationStatus,
  type RegistrationData,
  type RegistrationField,
  type RegistrationSection,
  type RegistrationSectionId,
  type RegistrationStatus,
} from "./eu-database";
export {
  CURRENT_RULE_SET,
  LEGACY_RULE_SET,
  RULE_SETS,
  isKnownRuleSet,
  migrateAnswers,
  reassess,
  type ProvisionChange,
  type Reassessment,
  type RuleSet,
  type RuleSetChange,
  type VerdictSnapshot,
} from "./rule-sets";
