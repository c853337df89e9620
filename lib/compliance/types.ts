// The contract between the database (lib/models/*, prisma/seed) and the pure compliance engine.
// The engine never sees Prisma types: callers map rows to these plain DTOs.

export const RISK_CLASSES = ["PROHIBITED", "HIGH", "LIMITED", "MINIMAL", "OUT_OF_SCOPE", "UNCLASSIFIED"] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** Our role under the AI Act for this system. */
export const ACTOR_ROLES = ["PROVIDER", "DEPLOYER", "IMPORTER", "DISTRIBUTOR"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const LIFECYCLES = ["DEVELOPMENT", "VALIDATION", "PRODUCTION", "RETIRED"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const MONITORING_STATUSES = ["NOT_MONITORED", "STALE", "CRITICAL", "WARNING", "HEALTHY"] as const;
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];

/** Status of one computed monitoring check (a check is never "stale" or "not monitored"). */
export type CheckStatus = "HEALTHY" | "WARNING" | "CRITICAL";

export const DATASET_PURPOSES = ["TRAINING", "VALIDATION", "TEST", "MONITORING_REFERENCE"] as const;
export type DatasetPurpose = (typeof DATASET_PURPOSES)[number];

export type SectionStatus = "EMPTY" | "DRAFT" | "COMPLETE";

export type DocumentationSectionFacts = {
  status: SectionStatus;
  /** when the content was last changed (freshness rules use it) */
  updatedAt: Date;
  evidenceCount: number;
};

export type DatasetLinkFacts = {
  purpose: DatasetPurpose;
  datasetKey: string;
  datasetName: string;
  /** source + provenance + collection method recorded */
  hasProvenance: boolean;
  /** Art. 10(2)(f)-(g): known biases examined and mitigations recorded */
  hasBiasExamination: boolean;
};

export type BiasAssessmentFacts = {
  assessedAt: Date;
  status: "DRAFT" | "FINAL";
  /** true when every metric row passed its threshold */
  allPassed: boolean;
  /** when it was recorded in Dossier: orders assessments of the same day */
  recordedAt?: Date;
};

export type VersionFacts = {
  version: string;
  trainingPipelineVersion: string | null;
  servingPipelineVersion: string | null;
  rollbackTargetVersion: string | null;
  rollbackProcedure: string | null;
  lastRollbackDrillAt: Date | null;
  lastRollbackDrillMinutes: number | null;
  datasets: DatasetLinkFacts[];
  biasAssessments: BiasAssessmentFacts[];
};

export type MonitoringConfigFacts = {
  enabled: boolean;
  /** expected check cadence; a model with no check within it is STALE */
  cadenceDays: number;
  warningThreshold: number;
  criticalThreshold: number;
  features: string[];
};

export type MonitoringCheckFacts = {
  observedAt: Date;
  status: CheckStatus;
};

export type ClassificationFacts = {
  riskClass: RiskClass;
  /** legal basis identifiers produced by the classifier, e.g. "ANNEX_III_5B", "ART_50_1" */
  legalBasis: string[];
  rationale: string | null;
  /** when the classification was last reviewed/confirmed; null when never */
  classifiedAt: Date | null;
  /** an officer confirmed it (an owner's proposal alone is not a classification) */
  confirmed: boolean;
  /** Art. 50 duties on top of the class */
  transparencyDuties: string[];
  gpai: boolean;
  gpaiSystemicRisk: boolean;
};

/** Art. 27 fundamental rights impact assessment as recorded (see FundamentalRightsAssessment). */
export type FriaFacts = {
  /** letters of the Art. 27(1)(a)-(f) elements left blank */
  elementsMissing: string[];
  /** Art. 27(3): results notified to the market surveillance authority */
  notifiedAt: Date | null;
  notificationReference: string | null;
  /** Art. 27(2): when it was last reviewed */
  reviewedAt: Date;
};

export type ModelFacts = {
  key: string;
  name: string;
  businessUnit: string | null;
  lifecycle: Lifecycle;
  actorRole: ActorRole;
  /** deployer is a body governed by public law / provides public services (Art. 26(8), 27, 49(3)) */
  publicAuthority: boolean;
  intendedPurpose: string | null;
  businessOwner: { id: string; name: string } | null;
  technicalOwner: { id: string; name: string } | null;
  classification: ClassificationFacts;
  euDatabaseId: string | null;
  /** Annex VIII registration data by field key (see eu-database.ts); absent in facts built without it */
  euRegistration?: Readonly<Record<string, string | undefined>> | null;
  /** the Art. 27 assessment, when one is recorded (absent in facts built without it) */
  fria?: FriaFacts | null;
  /** documentation sections keyed by the catalogue's section keys */
  documentation: Record<string, DocumentationSectionFacts>;
  /** the active (serving) version, or null when none is recorded */
  activeVersion: VersionFacts | null;
  monitoring: {
    config: MonitoringConfigFacts | null;
    /** checks, any order; the engine uses the latest */
    checks: MonitoringCheckFacts[];
  };
};
