// The requirement catalogue as data: which item each (risk class × role × lifecycle) must hold, the article
// it comes from, how much it weighs in the score, and how fresh it must be. `completeness.ts` evaluates it;
// the seed generator and the UI read DOCUMENTATION_SECTIONS and `applicableRequirements` to know which
// sections a model needs.

import { deriveBasisFlags } from "./basis-flags";
import { ACTOR_ROLES, LIFECYCLES, RISK_CLASSES, type ActorRole, type Lifecycle, type ModelFacts, type RiskClass } from "./types";

// ---------- documentation sections ----------

export type DocumentationSection = { key: string; title: string; article: string; help: string };

export const DOCUMENTATION_SECTIONS = [
  // technical documentation, laid out as Annex IV (Art. 11); 5, 8 and 9 double as Art. 9, 47 and 72
  {
    key: "annex-iv-1-general-description",
    title: "General description of the AI system",
    article: "Art. 11; Annex IV(1)",
    help: "Intended purpose, provider, version, how it interacts with other hardware/software, forms placed on the market, hardware it runs on, user interface, instructions for use.",
  },
  {
    key: "annex-iv-2-development",
    title: "Elements of the system and its development process",
    article: "Art. 11; Annex IV(2)",
    help: "Methods and steps of development, pre-trained components, design specifications and key choices, architecture, data requirements and datasheets, human-oversight assessment, pre-determined changes, validation and testing procedures and logs, cybersecurity measures.",
  },
  {
    key: "annex-iv-3-monitoring-control",
    title: "Monitoring, functioning and control",
    article: "Art. 11; Annex IV(3)",
    help: "Capabilities and limitations in performance, accuracy for the persons or groups it is used on, foreseeable unintended outcomes and risks, human oversight measures, input data specifications.",
  },
  {
    key: "annex-iv-4-performance-metrics",
    title: "Appropriateness of the performance metrics",
    article: "Art. 11; Annex IV(4)",
    help: "Why the chosen metrics fit this system and its intended purpose.",
  },
  {
    key: "annex-iv-5-risk-management",
    title: "Risk management system",
    article: "Art. 9; Annex IV(5)",
    help: "Known and foreseeable risks to health, safety and fundamental rights, risk estimation, adopted measures, residual risk, testing; reviewed regularly (here: at least every 12 months).",
  },
  {
    key: "annex-iv-6-lifecycle-changes",
    title: "Relevant changes through the lifecycle",
    article: "Art. 11; Annex IV(6)",
    help: "Changes made to the system over its lifecycle (versions, retraining, rollbacks).",
  },
  {
    key: "annex-iv-7-standards",
    title: "Harmonised standards and other specifications applied",
    article: "Art. 11, 40, 41; Annex IV(7)",
    help: "Harmonised standards or common specifications applied; where none, the solutions adopted to meet Chapter III Section 2.",
  },
  {
    key: "annex-iv-8-declaration-of-conformity",
    title: "EU declaration of conformity",
    article: "Art. 47; Annex IV(8); Annex V",
    help: "The signed declaration (Annex V content), kept for 10 years.",
  },
  {
    key: "annex-iv-9-post-market-monitoring",
    title: "Post-market monitoring system and plan",
    article: "Art. 72; Annex IV(9)",
    help: "How performance is evaluated after placing on the market, including the post-market monitoring plan.",
  },
  // other high-risk provider duties
  {
    key: "data-governance",
    title: "Data governance and management",
    article: "Art. 10(2)-(5); Art. 4a",
    help: "Design choices, collection processes and origin, preparation (annotation, labelling, cleaning), assumptions, availability and suitability, bias examination and mitigation, data gaps. Special categories of personal data may be processed to detect and correct bias only where strictly necessary and under the safeguards of Art. 4a (inserted by Reg. (EU) 2026/1744): record the necessity, the safeguards and the deletion.",
  },
  { key: "logging", title: "Record-keeping (logging) and log retention", article: "Art. 12, 19", help: "What the system logs automatically, for how long (at least six months), and where." },
  {
    key: "instructions-for-use",
    title: "Instructions for use",
    article: "Art. 13",
    help: "Provider identity, characteristics, capabilities and limitations, accuracy levels, human oversight measures, expected lifetime, maintenance, log collection.",
  },
  { key: "human-oversight", title: "Human oversight measures", article: "Art. 14", help: "Who can monitor, interpret, override or stop the system, and how automation bias is countered." },
  {
    key: "accuracy-robustness-cybersecurity",
    title: "Accuracy, robustness and cybersecurity",
    article: "Art. 15",
    help: "Declared accuracy metrics and levels, resilience to errors and feedback loops, protection against data poisoning, adversarial examples and model flaws.",
  },
  {
    key: "provider-identification",
    title: "Provider name and contact on the system",
    article: "Art. 16(b)",
    help: "Name, registered trade name or trademark and contact address indicated on the system, its packaging or documentation.",
  },
  { key: "accessibility", title: "Accessibility requirements", article: "Art. 16(l)", help: "Conformity with Directives (EU) 2016/2102 and (EU) 2019/882." },
  {
    key: "quality-management-system",
    title: "Quality management system",
    article: "Art. 17",
    help: "Reference to the QMS covering this system: compliance strategy, design and development control, testing, data management, risk management, post-market monitoring, incident reporting, accountability.",
  },
  {
    key: "record-keeping",
    title: "Documentation retention (10 years)",
    article: "Art. 18",
    help: "Where the technical documentation, QMS documentation, notified-body decisions and declaration are kept for 10 years.",
  },
  {
    key: "corrective-actions",
    title: "Corrective action procedure",
    article: "Art. 20",
    help: "How non-conformity is corrected, the system withdrawn, disabled or recalled, and distributors, deployers and authorities informed.",
  },
  { key: "conformity-assessment", title: "Conformity assessment", article: "Art. 43", help: "Procedure followed (internal control, Annex VI, or notified body, Annex VII / sectoral) and its result." },
  { key: "ce-marking", title: "CE marking", article: "Art. 48", help: "How and where the CE marking is affixed (digital marking for digital-only systems)." },
  {
    key: "serious-incident-procedure",
    title: "Serious incident reporting procedure",
    article: "Art. 73",
    help: "How serious incidents are detected and reported: within 15 days of awareness, 10 days for a death, 2 days for widespread infringement or serious disruption of critical infrastructure.",
  },
  // deployer duties (Art. 26, 27)
  {
    key: "deployer-instructions-compliance",
    title: "Use in accordance with the instructions",
    article: "Art. 26(1)",
    help: "Technical and organisational measures ensuring use per the provider's instructions for use.",
  },
  { key: "deployer-human-oversight", title: "Human oversight assignees", article: "Art. 26(2)", help: "Named people with the competence, training, authority and support to oversee the system." },
  {
    key: "deployer-input-data",
    title: "Input data relevance",
    article: "Art. 26(4)",
    help: "How input data under our control is kept relevant and sufficiently representative for the intended purpose.",
  },
  {
    key: "deployer-monitoring",
    title: "Operational monitoring and provider information",
    article: "Art. 26(5)",
    help: "Monitoring per the instructions; informing the provider and authority and suspending use on risk; serious incident reporting.",
  },
  { key: "deployer-log-retention", title: "Log retention (at least six months)", article: "Art. 26(6)", help: "Logs under our control kept for at least six months." },
  {
    key: "deployer-worker-information",
    title: "Information of workers and their representatives",
    article: "Art. 26(7)",
    help: "Workers' representatives and affected workers informed before use at the workplace.",
  },
  {
    key: "deployer-affected-persons-information",
    title: "Information of affected persons and explanations",
    article: "Art. 26(11), 86",
    help: "How people subject to decisions are informed, and how explanations are given on request.",
  },
  {
    key: "fria",
    title: "Fundamental rights impact assessment: template and evidence",
    article: "Art. 27(3), 27(5)",
    help: "The six elements are recorded in the structured assessment (FRIA page); here: the filled-out template as notified to the market surveillance authority, and supporting evidence (e.g. data protection impact assessment, Art. 27(4)).",
  },
  // importer / distributor
  {
    key: "importer-verification",
    title: "Importer verification",
    article: "Art. 23(1)-(2)",
    help: "Conformity assessment carried out, technical documentation drawn up, CE marking, declaration of conformity and instructions present, authorised representative appointed.",
  },
  {
    key: "importer-identification-records",
    title: "Importer identification and records",
    article: "Art. 23(3), 23(5)",
    help: "Importer name and address on the system or packaging; certificate, instructions and declaration kept for 10 years.",
  },
  {
    key: "distributor-verification",
    title: "Distributor verification and corrective action",
    article: "Art. 24",
    help: "CE marking, declaration of conformity and instructions verified; provider and importer obligations met; corrective action on non-conformity.",
  },
  // transparency, derogation
  {
    key: "transparency-disclosure",
    title: "Art. 50 disclosure text and where it is shown",
    article: "Art. 50(1), 50(3), 50(4)",
    help: "The exact notice people see (interaction with AI, emotion recognition / biometric categorisation, deep fake or AI-generated text) and where and when it is shown.",
  },
  {
    key: "content-marking",
    title: "Machine-readable marking of synthetic content",
    article: "Art. 50(2)",
    help: "How generated audio, image, video or text is marked and made detectable as artificially generated (watermark, metadata, provenance).",
  },
  {
    key: "derogation-assessment",
    title: "Art. 6(3) derogation assessment",
    article: "Art. 6(4)",
    help: "Why the Annex III system does not pose a significant risk: which Art. 6(3) condition applies and why there is no profiling; documented before placing on the market or putting into service.",
  },
  // GPAI
  {
    key: "gpai-technical-documentation",
    title: "GPAI technical documentation",
    article: "Art. 53(1)(a); Annex XI",
    help: "Model description, training and testing process and results, for the AI Office and national authorities.",
  },
  {
    key: "gpai-downstream-information",
    title: "Information for downstream providers",
    article: "Art. 53(1)(b); Annex XII",
    help: "Capabilities and limitations so that downstream providers can comply.",
  },
  { key: "gpai-copyright-policy", title: "Copyright compliance policy", article: "Art. 53(1)(c)", help: "Policy to comply with Union copyright law, including text-and-data-mining opt-outs." },
  {
    key: "gpai-training-content-summary",
    title: "Public summary of training content",
    article: "Art. 53(1)(d)",
    help: "Sufficiently detailed summary of the content used for training, per the AI Office template.",
  },
  {
    key: "gpai-commission-notification",
    title: "Notification to the Commission",
    article: "Art. 52(1)",
    help: "Notification within two weeks after the systemic-risk threshold is met or known to be met.",
  },
  {
    key: "gpai-systemic-risk-evaluation",
    title: "Model evaluation, adversarial testing and systemic-risk mitigation",
    article: "Art. 55(1)(a)-(b)",
    help: "State-of-the-art evaluations incl. adversarial testing; assessment and mitigation of systemic risks at Union level.",
  },
  {
    key: "gpai-incident-reporting",
    title: "Serious incident tracking and reporting (GPAI)",
    article: "Art. 55(1)(c)",
    help: "Tracking, documenting and reporting serious incidents and corrective measures to the AI Office.",
  },
  {
    key: "gpai-cybersecurity",
    title: "Cybersecurity of the model and its infrastructure",
    article: "Art. 55(1)(d)",
    help: "Adequate cybersecurity protection for the model and its physical infrastructure.",
  },
  // all in-scope systems
  {
    key: "ai-literacy",
    title: "AI literacy measures",
    article: "Art. 4, as amended by Reg. (EU) 2026/1744",
    help: "The measures we take to support a sufficient level of AI literacy of staff and other persons who operate or use the system on our behalf (training, guidance), considering their knowledge, experience and the context of use.",
  },
] as const satisfies readonly DocumentationSection[];

export type DocumentationSectionKey = (typeof DOCUMENTATION_SECTIONS)[number]["key"];

export const DOCUMENTATION_SECTIONS_BY_KEY: ReadonlyMap<string, DocumentationSection> = new Map(DOCUMENTATION_SECTIONS.map((s) => [s.key, s]));

// ---------- requirement items ----------

/** How an item is checked; each kind reads specific ModelFacts fields (see `field`). */
export type RequirementCheck =
  | { kind: "owners" }
  | { kind: "intendedPurpose" }
  | { kind: "classification" }
  | { kind: "section"; sectionKey: DocumentationSectionKey }
  | { kind: "datasetProvenance" }
  | { kind: "datasetBiasExamination" }
  | { kind: "biasAssessment" }
  | { kind: "euDatabaseId" }
  | { kind: "euRegistration"; section: "A" | "B" | "C" }
  | { kind: "fria" }
  | { kind: "monitoringConfig" }
  | { kind: "monitoringCheck" }
  | { kind: "rollbackPlan" }
  | { kind: "rollbackDrill" }
  | { kind: "pipelineSkew" };

/**
 * Freshness. `maxAgeMonths`: the dated fact must be no older than N calendar months before "as of"
 * (exactly N months old is still fresh). `monitoringCadence`: the latest check no older than the config's
 * cadence in days (exactly cadence × 24 h is fresh). `rollbackDrill`: a drill within N months that took
 * at most `maxMinutes` (exactly 10 minutes passes).
 */
export type FreshnessRule = { kind: "none" } | { kind: "maxAgeMonths"; months: number } | { kind: "monitoringCadence" } | { kind: "rollbackDrill"; maxAgeMonths: number; maxMinutes: number };

/** Extra applicability beyond class × role × lifecycle, named so the catalogue stays data. */
export type RequirementCondition =
  | "annexIIIHighOutsidePoint2"
  | "publicServiceAnnexIIIHigh"
  | "fria"
  | "derogation"
  | "gpai"
  | "gpaiNotOpenSourceExempt"
  | "gpaiSystemicRisk"
  | "aiSystem"
  | "transparencyProviderDisclosure"
  | "transparencyProviderMarking"
  | "transparencyDeployerDisclosure";

/** The forms on the model page that record what an item checks (their anchors: lib/models/fix-href.ts). */
export const MODEL_PAGE_FORMS = ["version", "drill", "dataset", "bias", "monitoring", "incident"] as const;
export type ModelPageForm = (typeof MODEL_PAGE_FORMS)[number];

/**
 * Where a gap is closed, so a "what is missing" link opens the form that fixes it. `documentation`: the
 * item's section in the documentation editor; a model sub-page; or a form on the model page, where
 * `needsVersion` sends a model without a version to the version form first and `orDatasetLacking` sends
 * the user to the edit form of the first linked dataset that lacks that datasheet field.
 */
export type FixTarget =
  | { page: "documentation"; section: DocumentationSectionKey }
  | { page: "classification" | "fria" | "edit" | "eu-registration" }
  | { page: "model"; form: ModelPageForm; needsVersion?: true; orDatasetLacking?: "provenance" | "biasExamination" };

/** Who closes a gap: the model's technical or business owner (the other one stands in), or the compliance officer. */
export const REQUIREMENT_OWNERS = ["technical-owner", "business-owner", "compliance-officer"] as const;
export type RequirementOwner = (typeof REQUIREMENT_OWNERS)[number];

export type RequirementItem = {
  id: string;
  title: string;
  article: string;
  /** AI_ACT: a legal duty; DOSSIER_POLICY: the organisation's MLOps / governance rule (no AI Act article of its own) */
  source: "AI_ACT" | "DOSSIER_POLICY";
  riskClasses: readonly RiskClass[];
  roles: readonly ActorRole[];
  lifecycles: readonly Lifecycle[];
  when?: RequirementCondition;
  mandatory: boolean;
  weight: number;
  check: RequirementCheck;
  freshness: FreshnessRule;
  sectionKey?: DocumentationSectionKey;
  /** the ModelFacts field(s) the check reads, as documentation for callers */
  field: string;
  /** what to do, in words */
  fix: string;
  /** where it is done */
  fixAt: FixTarget;
  owner: RequirementOwner;
  /** listed under the dossier's rollback readiness as well */
  rollbackReadiness?: true;
};

export const CLASSIFICATION_MAX_AGE_MONTHS = 12;
export const BIAS_ASSESSMENT_MAX_AGE_MONTHS = 12;
export const RISK_MANAGEMENT_MAX_AGE_MONTHS = 12;
export const ROLLBACK_DRILL_MAX_AGE_MONTHS = 6;
export const ROLLBACK_DRILL_MAX_MINUTES = 10;

const ALL_CLASSES = RISK_CLASSES;
const ALL_ROLES = ACTOR_ROLES;
const ALL_LIFECYCLES = LIFECYCLES;
const IN_SCOPE: readonly RiskClass[] = ["HIGH", "LIMITED", "MINIMAL"];
/** MLOps items: everything running in production except what must be withdrawn anyway */
const OPERATED_CLASSES: readonly RiskClass[] = ["HIGH", "LIMITED", "MINIMAL", "OUT_OF_SCOPE", "UNCLASSIFIED"];
const OPERATORS: readonly ActorRole[] = ["PROVIDER", "DEPLOYER"];
const PRODUCTION: readonly Lifecycle[] = ["PRODUCTION"];

type SectionItemSpec = {
  id: string;
  sectionKey: DocumentationSectionKey;
  riskClasses: readonly RiskClass[];
  roles: readonly ActorRole[];
  weight: number;
  mandatory?: boolean;
  when?: RequirementCondition;
  freshness?: FreshnessRule;
  title?: string;
  /** business owner unless given */
  owner?: RequirementOwner;
};

function sectionItem(spec: SectionItemSpec): RequirementItem {
  const section = DOCUMENTATION_SECTIONS_BY_KEY.get(spec.sectionKey);
  if (!section) throw new Error(`Unknown documentation section ${spec.sectionKey}`);
  return {
    id: spec.id,
    title: spec.title ?? section.title,
    article: section.article,
    source: "AI_ACT",
    riskClasses: spec.riskClasses,
    roles: spec.roles,
    lifecycles: ALL_LIFECYCLES,
    ...(spec.when ? { when: spec.when } : {}),
    mandatory: spec.mandatory ?? true,
    weight: spec.weight,
    check: { kind: "section", sectionKey: spec.sectionKey },
    freshness: spec.freshness ?? { kind: "none" },
    sectionKey: spec.sectionKey,
    field: `documentation["${spec.sectionKey}"].status${spec.freshness && spec.freshness.kind !== "none" ? " + .updatedAt" : ""}`,
    fix: `Complete the "${section.title}" section (${section.article}) and mark it COMPLETE.`,
    fixAt: { page: "documentation", section: spec.sectionKey },
    owner: spec.owner ?? "business-owner",
  };
}

const HP = { riskClasses: ["HIGH"], roles: ["PROVIDER"] } as const;
const HD = { riskClasses: ["HIGH"], roles: ["DEPLOYER"] } as const;

export const REQUIREMENTS: readonly RequirementItem[] = [
  // ----- every model -----
  {
    id: "ACCOUNTABLE_OWNERS",
    title: "Accountable business owner and technical owner",
    article: "Governance policy; cf. Art. 17(1)(m), 26(2)",
    source: "DOSSIER_POLICY",
    riskClasses: ALL_CLASSES,
    roles: ALL_ROLES,
    lifecycles: ALL_LIFECYCLES,
    mandatory: true,
    weight: 3,
    check: { kind: "owners" },
    freshness: { kind: "none" },
    field: "businessOwner, technicalOwner",
    fix: "Assign both a business owner and a technical owner.",
    fixAt: { page: "edit" },
    owner: "compliance-officer",
  },
  {
    id: "INTENDED_PURPOSE",
    title: "Intended purpose",
    article: "Art. 3(12), 13(3)(b)(i); Annex IV(1)(a)",
    source: "AI_ACT",
    riskClasses: ALL_CLASSES,
    roles: ALL_ROLES,
    lifecycles: ALL_LIFECYCLES,
    mandatory: true,
    weight: 2,
    check: { kind: "intendedPurpose" },
    freshness: { kind: "none" },
    field: "intendedPurpose",
    fix: "Describe the use for which the system is intended, including the context and conditions of use.",
    fixAt: { page: "edit" },
    owner: "business-owner",
  },
  {
    id: "RISK_CLASSIFICATION",
    title: "Risk classification with rationale, confirmed and reviewed within 12 months",
    article: "Art. 5, 6, 50; Art. 6(4)",
    source: "AI_ACT",
    riskClasses: ALL_CLASSES,
    roles: ALL_ROLES,
    lifecycles: ALL_LIFECYCLES,
    mandatory: true,
    weight: 3,
    check: { kind: "classification" },
    freshness: { kind: "maxAgeMonths", months: CLASSIFICATION_MAX_AGE_MONTHS },
    field: "classification.riskClass, .confirmed, .rationale, .classifiedAt",
    fix: "Complete the classification questionnaire, record the rationale and have a compliance officer confirm it.",
    fixAt: { page: "classification" },
    owner: "business-owner",
  },
  sectionItem({ id: "AI_LITERACY", sectionKey: "ai-literacy", riskClasses: IN_SCOPE, roles: OPERATORS, weight: 1, mandatory: false, when: "aiSystem" }),

  // ----- high-risk, provider -----
  sectionItem({ id: "HR_P_ANNEX_IV_1", sectionKey: "annex-iv-1-general-description", ...HP, weight: 2 }),
  sectionItem({ id: "HR_P_ANNEX_IV_2", sectionKey: "annex-iv-2-development", ...HP, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_P_ANNEX_IV_3", sectionKey: "annex-iv-3-monitoring-control", ...HP, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_P_ANNEX_IV_4", sectionKey: "annex-iv-4-performance-metrics", ...HP, weight: 2, owner: "technical-owner" }),
  sectionItem({
    id: "HR_P_RISK_MANAGEMENT",
    sectionKey: "annex-iv-5-risk-management",
    ...HP,
    weight: 3,
    freshness: { kind: "maxAgeMonths", months: RISK_MANAGEMENT_MAX_AGE_MONTHS },
  }),
  sectionItem({ id: "HR_P_ANNEX_IV_6", sectionKey: "annex-iv-6-lifecycle-changes", ...HP, weight: 1, owner: "technical-owner" }),
  sectionItem({ id: "HR_P_ANNEX_IV_7", sectionKey: "annex-iv-7-standards", ...HP, weight: 1 }),
  sectionItem({ id: "HR_P_DECLARATION_OF_CONFORMITY", sectionKey: "annex-iv-8-declaration-of-conformity", ...HP, weight: 2 }),
  sectionItem({ id: "HR_P_POST_MARKET_MONITORING", sectionKey: "annex-iv-9-post-market-monitoring", ...HP, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_P_DATA_GOVERNANCE", sectionKey: "data-governance", ...HP, weight: 2, owner: "technical-owner" }),
  {
    id: "HR_P_DATA_PROVENANCE",
    title: "Provenance of every training, validation and test dataset",
    article: "Art. 10(2)(b); Annex IV(2)(d)",
    source: "AI_ACT",
    ...HP,
    lifecycles: ALL_LIFECYCLES,
    mandatory: true,
    weight: 3,
    check: { kind: "datasetProvenance" },
    freshness: { kind: "none" },
    field: "activeVersion.datasets[purpose in TRAINING|VALIDATION|TEST].hasProvenance (at least one TRAINING link)",
    fix: "Link the training, validation and test datasets to the active version and record source, provenance and collection method for each.",
    fixAt: { page: "model", form: "dataset", needsVersion: true, orDatasetLacking: "provenance" },
    owner: "technical-owner",
  },
  {
    id: "HR_P_DATA_BIAS_EXAMINATION",
    title: "Bias examination and mitigation for every training, validation and test dataset",
    article: "Art. 10(2)(f)-(g)",
    source: "AI_ACT",
    ...HP,
    lifecycles: ALL_LIFECYCLES,
    mandatory: true,
    weight: 3,
    check: { kind: "datasetBiasExamination" },
    freshness: { kind: "none" },
    field: "activeVersion.datasets[purpose in TRAINING|VALIDATION|TEST].hasBiasExamination (at least one TRAINING link)",
    fix: "Record the known or possible biases of each dataset and the measures taken to detect, prevent and mitigate them.",
    fixAt: { page: "model", form: "dataset", needsVersion: true, orDatasetLacking: "biasExamination" },
    owner: "technical-owner",
  },
  {
    id: "HR_P_BIAS_ASSESSMENT",
    title: "Bias assessment of the active version within 12 months",
    article: "Art. 10(2)(f), 15; Annex IV(2)(g)",
    source: "AI_ACT",
    ...HP,
    lifecycles: ALL_LIFECYCLES,
    mandatory: true,
    weight: 3,
    check: { kind: "biasAssessment" },
    freshness: { kind: "maxAgeMonths", months: BIAS_ASSESSMENT_MAX_AGE_MONTHS },
    field: "activeVersion.biasAssessments[status = FINAL].assessedAt",
    fix: "Run and finalise a bias assessment of the active version (protected attributes, fairness metrics, thresholds).",
    fixAt: { page: "model", form: "bias", needsVersion: true },
    owner: "technical-owner",
  },
  sectionItem({ id: "HR_P_LOGGING", sectionKey: "logging", ...HP, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_P_INSTRUCTIONS_FOR_USE", sectionKey: "instructions-for-use", ...HP, weight: 2 }),
  sectionItem({ id: "HR_P_HUMAN_OVERSIGHT", sectionKey: "human-oversight", ...HP, weight: 3 }),
  sectionItem({ id: "HR_P_ACCURACY_ROBUSTNESS_CYBERSECURITY", sectionKey: "accuracy-robustness-cybersecurity", ...HP, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_P_PROVIDER_IDENTIFICATION", sectionKey: "provider-identification", ...HP, weight: 1 }),
  sectionItem({ id: "HR_P_ACCESSIBILITY", sectionKey: "accessibility", ...HP, weight: 1 }),
  sectionItem({ id: "HR_P_QMS", sectionKey: "quality-management-system", ...HP, weight: 2 }),
  sectionItem({ id: "HR_P_RECORD_KEEPING", sectionKey: "record-keeping", ...HP, weight: 1 }),
  sectionItem({ id: "HR_P_CORRECTIVE_ACTIONS", sectionKey: "corrective-actions", ...HP, weight: 1 }),
  sectionItem({ id: "HR_P_CONFORMITY_ASSESSMENT", sectionKey: "conformity-assessment", ...HP, weight: 3 }),
  sectionItem({ id: "HR_P_CE_MARKING", sectionKey: "ce-marking", ...HP, weight: 1 }),
  {
    id: "HR_P_EU_DATABASE_REGISTRATION",
    title: "Registration in the EU database",
    article: "Art. 49(1), 71; Annex VIII Section A",
    source: "AI_ACT",
    ...HP,
    lifecycles: ALL_LIFECYCLES,
    when: "annexIIIHighOutsidePoint2",
    mandatory: true,
    weight: 2,
    check: { kind: "euRegistration", section: "A" },
    freshness: { kind: "none" },
    field: "euDatabaseId, euRegistration (Annex VIII Section A)",
    fix: "Record the Annex VIII Section A data, register the system in the EU database before placing it on the market and record the registration id.",
    fixAt: { page: "eu-registration" },
    owner: "business-owner",
  },
  sectionItem({ id: "HR_P_SERIOUS_INCIDENT_PROCEDURE", sectionKey: "serious-incident-procedure", ...HP, weight: 2 }),

  // ----- high-risk, deployer -----
  sectionItem({ id: "HR_D_INSTRUCTIONS_COMPLIANCE", sectionKey: "deployer-instructions-compliance", ...HD, weight: 2 }),
  sectionItem({ id: "HR_D_HUMAN_OVERSIGHT", sectionKey: "deployer-human-oversight", ...HD, weight: 3 }),
  sectionItem({ id: "HR_D_INPUT_DATA", sectionKey: "deployer-input-data", ...HD, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_D_MONITORING", sectionKey: "deployer-monitoring", ...HD, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_D_LOG_RETENTION", sectionKey: "deployer-log-retention", ...HD, weight: 2, owner: "technical-owner" }),
  sectionItem({ id: "HR_D_WORKER_INFORMATION", sectionKey: "deployer-worker-information", ...HD, weight: 1 }),
  sectionItem({
    id: "HR_D_AFFECTED_PERSONS_INFORMATION",
    sectionKey: "deployer-affected-persons-information",
    ...HD,
    weight: 1,
    when: "annexIIIHighOutsidePoint2",
  }),
  // the assessment itself is structured data (check "fria"); the section holds the notified template and evidence
  sectionItem({ id: "HR_D_FRIA_EVIDENCE", sectionKey: "fria", ...HD, weight: 1, mandatory: false, when: "fria", title: "FRIA: notified template and supporting evidence" }),
  {
    id: "HR_D_FRIA",
    title: "Fundamental rights impact assessment, notified and reviewed",
    article: "Art. 27(1)-(3)",
    source: "AI_ACT",
    ...HD,
    lifecycles: ALL_LIFECYCLES,
    when: "fria",
    mandatory: true,
    weight: 3,
    check: { kind: "fria" },
    freshness: { kind: "none" },
    field: "fria (elements (a)-(f), notifiedAt + notificationReference, reviewedAt vs classification.classifiedAt)",
    fix: "Complete the fundamental rights impact assessment (all six elements of Art. 27(1)), notify its results to the market surveillance authority with the date and reference, and review it when the circumstances change.",
    fixAt: { page: "fria" },
    owner: "business-owner",
  },
  {
    id: "HR_D_EU_DATABASE_REGISTRATION",
    title: "Registration of our use in the EU database (public-authority deployer)",
    article: "Art. 26(8), 49(3); Annex VIII Section C",
    source: "AI_ACT",
    ...HD,
    lifecycles: ALL_LIFECYCLES,
    when: "publicServiceAnnexIIIHigh",
    mandatory: true,
    weight: 2,
    check: { kind: "euRegistration", section: "C" },
    freshness: { kind: "none" },
    field: "euDatabaseId, euRegistration (Annex VIII Section C; publicAuthority = true)",
    fix: "Record the Annex VIII Section C data, register our use of the system in the EU database before using it and record the registration id.",
    fixAt: { page: "eu-registration" },
    owner: "business-owner",
  },

  // ----- high-risk, importer / distributor -----
  sectionItem({ id: "HR_I_VERIFICATION", sectionKey: "importer-verification", riskClasses: ["HIGH"], roles: ["IMPORTER"], weight: 3 }),
  sectionItem({ id: "HR_I_IDENTIFICATION_RECORDS", sectionKey: "importer-identification-records", riskClasses: ["HIGH"], roles: ["IMPORTER"], weight: 2 }),
  sectionItem({ id: "HR_DIST_VERIFICATION", sectionKey: "distributor-verification", riskClasses: ["HIGH"], roles: ["DISTRIBUTOR"], weight: 3 }),

  // ----- Art. 6(3) derogation (the class is then limited or minimal) -----
  sectionItem({ id: "DEROGATION_ASSESSMENT", sectionKey: "derogation-assessment", riskClasses: ["LIMITED", "MINIMAL"], roles: ["PROVIDER"], weight: 3, when: "derogation" }),
  {
    id: "DEROGATION_REGISTRATION",
    title: "Registration of the derogated Annex III system in the EU database",
    article: "Art. 49(2)",
    source: "AI_ACT",
    riskClasses: ["LIMITED", "MINIMAL"],
    roles: ["PROVIDER"],
    lifecycles: ALL_LIFECYCLES,
    when: "derogation",
    mandatory: true,
    weight: 1,
    check: { kind: "euRegistration", section: "B" },
    freshness: { kind: "none" },
    field: "euDatabaseId, euRegistration (Annex VIII Section B)",
    fix: "Record the Annex VIII Section B data, register the system in the EU database (Art. 49(2)) and record the registration id.",
    fixAt: { page: "eu-registration" },
    owner: "business-owner",
  },
  sectionItem({
    id: "DEROGATION_ASSESSMENT_FROM_PROVIDER",
    sectionKey: "derogation-assessment",
    riskClasses: ["LIMITED", "MINIMAL"],
    roles: ["DEPLOYER", "IMPORTER", "DISTRIBUTOR"],
    weight: 1,
    mandatory: false,
    when: "derogation",
    title: "Provider's Art. 6(3) derogation assessment (obtained)",
  }),

  // ----- Art. 50 transparency (on top of any in-scope class) -----
  sectionItem({
    id: "TRANSPARENCY_PROVIDER_DISCLOSURE",
    sectionKey: "transparency-disclosure",
    riskClasses: IN_SCOPE,
    roles: ["PROVIDER"],
    weight: 2,
    when: "transparencyProviderDisclosure",
    title: "Art. 50(1) notice that people interact with an AI system",
  }),
  sectionItem({
    id: "TRANSPARENCY_CONTENT_MARKING",
    sectionKey: "content-marking",
    riskClasses: IN_SCOPE,
    roles: ["PROVIDER"],
    weight: 2,
    when: "transparencyProviderMarking",
    owner: "technical-owner",
  }),
  sectionItem({
    id: "TRANSPARENCY_DEPLOYER_DISCLOSURE",
    sectionKey: "transparency-disclosure",
    riskClasses: IN_SCOPE,
    roles: ["DEPLOYER"],
    weight: 2,
    when: "transparencyDeployerDisclosure",
    title: "Art. 50(3)-(4) disclosure to exposed people",
  }),

  // ----- GPAI models (provider) -----
  // Art. 53(2): the open-source exemption lifts (a)-(b), never for a systemic-risk model
  sectionItem({
    id: "GPAI_TECHNICAL_DOCUMENTATION",
    sectionKey: "gpai-technical-documentation",
    riskClasses: IN_SCOPE,
    roles: ["PROVIDER"],
    weight: 2,
    when: "gpaiNotOpenSourceExempt",
    owner: "technical-owner",
  }),
  sectionItem({ id: "GPAI_DOWNSTREAM_INFORMATION", sectionKey: "gpai-downstream-information", riskClasses: IN_SCOPE, roles: ["PROVIDER"], weight: 2, when: "gpaiNotOpenSourceExempt" }),
  sectionItem({ id: "GPAI_COPYRIGHT_POLICY", sectionKey: "gpai-copyright-policy", riskClasses: IN_SCOPE, roles: ["PROVIDER"], weight: 2, when: "gpai" }),
  sectionItem({ id: "GPAI_TRAINING_CONTENT_SUMMARY", sectionKey: "gpai-training-content-summary", riskClasses: IN_SCOPE, roles: ["PROVIDER"], weight: 2, when: "gpai" }),
  sectionItem({ id: "GPAI_COMMISSION_NOTIFICATION", sectionKey: "gpai-commission-notification", riskClasses: IN_SCOPE, roles: ["PROVIDER"], weight: 1, when: "gpaiSystemicRisk" }),
  sectionItem({
    id: "GPAI_SYSTEMIC_RISK_EVALUATION",
    sectionKey: "gpai-systemic-risk-evaluation",
    riskClasses: IN_SCOPE,
    roles: ["PROVIDER"],
    weight: 3,
    when: "gpaiSystemicRisk",
    owner: "technical-owner",
  }),
  sectionItem({ id: "GPAI_INCIDENT_REPORTING", sectionKey: "gpai-incident-reporting", riskClasses: IN_SCOPE, roles: ["PROVIDER"], weight: 2, when: "gpaiSystemicRisk" }),
  sectionItem({ id: "GPAI_CYBERSECURITY", sectionKey: "gpai-cybersecurity", riskClasses: IN_SCOPE, roles: ["PROVIDER"], weight: 2, when: "gpaiSystemicRisk" }),

  // ----- production MLOps (every operated model in production) -----
  {
    id: "MLOPS_DRIFT_MONITORING",
    title: "Drift monitoring configured with thresholds",
    article: "MLOps policy; cf. Art. 15, 26(5), 72",
    source: "DOSSIER_POLICY",
    riskClasses: OPERATED_CLASSES,
    roles: OPERATORS,
    lifecycles: PRODUCTION,
    mandatory: true,
    weight: 2,
    check: { kind: "monitoringConfig" },
    freshness: { kind: "none" },
    field: "monitoring.config (enabled, features.length > 0, 0 < warningThreshold < criticalThreshold)",
    fix: "Configure drift monitoring: enable it, list the watched features and set warning < critical thresholds (PSI defaults 0.1 / 0.25).",
    fixAt: { page: "model", form: "monitoring" },
    owner: "technical-owner",
  },
  {
    id: "MLOPS_MONITORING_FRESH",
    title: "Monitoring check within the cadence",
    article: "MLOps policy; cf. Art. 26(5), 72",
    source: "DOSSIER_POLICY",
    riskClasses: OPERATED_CLASSES,
    roles: OPERATORS,
    lifecycles: PRODUCTION,
    mandatory: true,
    weight: 3,
    check: { kind: "monitoringCheck" },
    freshness: { kind: "monitoringCadence" },
    field: "monitoring.config.enabled, .cadenceDays; monitoring.checks[].observedAt",
    fix: "Run the drift check (POST /api/v1/models/{key}/monitoring-checks) and schedule it within the cadence.",
    fixAt: { page: "model", form: "monitoring" },
    owner: "technical-owner",
  },
  {
    id: "MLOPS_ROLLBACK_PLAN",
    title: "Rollback target and procedure documented",
    article: "MLOps policy; cf. Art. 15(4), 20",
    source: "DOSSIER_POLICY",
    riskClasses: OPERATED_CLASSES,
    roles: OPERATORS,
    lifecycles: PRODUCTION,
    mandatory: true,
    weight: 2,
    check: { kind: "rollbackPlan" },
    freshness: { kind: "none" },
    field: "activeVersion.rollbackTargetVersion, activeVersion.rollbackProcedure",
    fix: "Record the version to roll back to and the step-by-step rollback procedure on the active version.",
    fixAt: { page: "model", form: "version" },
    owner: "technical-owner",
    rollbackReadiness: true,
  },
  {
    id: "MLOPS_ROLLBACK_DRILL",
    title: `Rollback drill within ${ROLLBACK_DRILL_MAX_AGE_MONTHS} months, completed in ${ROLLBACK_DRILL_MAX_MINUTES} minutes or less`,
    article: "MLOps policy; cf. Art. 15(4), 20",
    source: "DOSSIER_POLICY",
    riskClasses: OPERATED_CLASSES,
    roles: OPERATORS,
    lifecycles: PRODUCTION,
    mandatory: true,
    weight: 2,
    check: { kind: "rollbackDrill" },
    freshness: { kind: "rollbackDrill", maxAgeMonths: ROLLBACK_DRILL_MAX_AGE_MONTHS, maxMinutes: ROLLBACK_DRILL_MAX_MINUTES },
    field: "activeVersion.lastRollbackDrillAt, activeVersion.lastRollbackDrillMinutes",
    fix: `Rehearse the rollback and record the date and the measured minutes (target: ${ROLLBACK_DRILL_MAX_MINUTES} or less).`,
    fixAt: { page: "model", form: "drill", needsVersion: true },
    owner: "technical-owner",
    rollbackReadiness: true,
  },
  {
    id: "MLOPS_TRAINING_SERVING_SKEW",
    title: "Training and serving feature pipelines at the same version (skew audit)",
    article: "MLOps policy; cf. Art. 10, 15(1)",
    source: "DOSSIER_POLICY",
    riskClasses: OPERATED_CLASSES,
    roles: OPERATORS,
    lifecycles: PRODUCTION,
    mandatory: true,
    weight: 2,
    check: { kind: "pipelineSkew" },
    freshness: { kind: "none" },
    field: "activeVersion.trainingPipelineVersion, activeVersion.servingPipelineVersion",
    fix: "Serve with the feature pipeline version the model was trained with (or retrain), and record both versions.",
    fixAt: { page: "model", form: "version" },
    owner: "technical-owner",
    rollbackReadiness: true,
  },
];

export const REQUIREMENTS_BY_ID: ReadonlyMap<string, RequirementItem> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

// ---------- applicability ----------

export type ApplicabilityContext = {
  riskClass: RiskClass;
  /** the role the Act treats us as (after Art. 25(1)) */
  role: ActorRole;
  lifecycle: Lifecycle;
  conditions: Readonly<Record<RequirementCondition, boolean>>;
};

/** The role the Act treats us as: Art. 25(1) turns a deployer/importer/distributor of a high-risk system into its provider. */
export function effectiveRoleOf(facts: ModelFacts): ActorRole {
  const c = facts.classification;
  if (c.riskClass === "HIGH" && facts.actorRole !== "PROVIDER" && c.legalBasis.some((b) => b.startsWith("ART_25_1_"))) {
    return "PROVIDER";
  }
  return facts.actorRole;
}

export function applicabilityContext(facts: ModelFacts): ApplicabilityContext {
  const c = facts.classification;
  const flags = deriveBasisFlags(c.riskClass, c.legalBasis, facts.publicAuthority);
  const duties = c.transparencyDuties;
  return {
    riskClass: c.riskClass,
    role: effectiveRoleOf(facts),
    lifecycle: facts.lifecycle,
    conditions: {
      annexIIIHighOutsidePoint2: flags.annexIIIHighOutsidePoint2,
      publicServiceAnnexIIIHigh: facts.publicAuthority && flags.annexIIIHighOutsidePoint2,
      fria: flags.fria,
      derogation: flags.derogation,
      gpai: c.gpai,
      gpaiNotOpenSourceExempt: c.gpai && (c.gpaiSystemicRisk || !c.legalBasis.includes("ART_53_2")),
      gpaiSystemicRisk: c.gpai && c.gpaiSystemicRisk,
      aiSystem: flags.aiSystem,
      transparencyProviderDisclosure: duties.includes("ART_50_1"),
      transparencyProviderMarking: duties.includes("ART_50_2"),
      transparencyDeployerDisclosure: duties.some((d) => d === "ART_50_3" || d.startsWith("ART_50_4")),
    },
  };
}

// Precomputed once: the items for each class × role × lifecycle, so evaluating 10,000 models only tests the
// few conditional items instead of filtering the whole catalogue per model. Indexed by position rather than
// a string key so a lookup allocates nothing.
const indexOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v, i) => [v, i])) as Record<T, number>;
const RISK_CLASS_INDEX = indexOf(RISK_CLASSES);
const ROLE_INDEX = indexOf(ACTOR_ROLES);
const LIFECYCLE_INDEX = indexOf(LIFECYCLES);
const INDEX: readonly (readonly (readonly (readonly RequirementItem[])[])[])[] = RISK_CLASSES.map((riskClass) =>
  ACTOR_ROLES.map((role) => LIFECYCLES.map((lifecycle) => REQUIREMENTS.filter((r) => r.riskClasses.includes(riskClass) && r.roles.includes(role) && r.lifecycles.includes(lifecycle)))),
);

export function itemsForContext(context: ApplicabilityContext): RequirementItem[] {
  const candidates = INDEX[RISK_CLASS_INDEX[context.riskClass]]?.[ROLE_INDEX[context.role]]?.[LIFECYCLE_INDEX[context.lifecycle]] ?? [];
  const result: RequirementItem[] = [];
  for (const item of candidates) {
    if (item.when === undefined || context.conditions[item.when]) result.push(item);
  }
  return result;
}

/** Every requirement item that applies to this model as it is classified now. */
export function applicableRequirements(facts: ModelFacts): RequirementItem[] {
  return itemsForContext(applicabilityContext(facts));
}

/** The documentation section keys this model needs (mandatory and recommended), in catalogue order. */
export function requiredSectionKeys(facts: ModelFacts, options: { mandatoryOnly?: boolean } = {}): DocumentationSectionKey[] {
  const keys: DocumentationSectionKey[] = [];
  for (const item of applicableRequirements(facts)) {
    if (item.sectionKey && (!options.mandatoryOnly || item.mandatory) && !keys.includes(item.sectionKey)) keys.push(item.sectionKey);
  }
  return keys;
}
