// The content DTOs of the two generated documents. `get-*-data.ts` builds them (queries + authz), the
// pure `render-*.tsx` components draw them, and `?format=json` returns them as they are. Plain JSON
// (dates as ISO strings) so they cross to a worker thread and into a content hash unchanged.
import type { CheckStatus, FindingSeverity, ItemStatus, MonitoringStatus, RiskClass } from "../compliance";
import type { FeatureResultFields } from "../monitoring/feature-result";

export type Person = { name: string; email: string | null };

/** Who asked for the document and when: printed on the cover, stored in the record. */
export type Issuance = {
  /** DossierRecord id, chosen before rendering so the document can name its own record */
  recordId: string;
  generatedAt: string;
  generatedBy: Person & { role: string };
  /**
   * SHA-256 of the canonical JSON of this DTO without `contentSha256` and `issuance` (see records.ts).
   * A file cannot contain its own hash: the file's SHA-256 is in the DossierRecord named by recordId.
   */
  contentSha256: string;
};

export type GapItem = {
  id: string;
  title: string;
  article: string;
  status: Exclude<ItemStatus, "complete">;
  mandatory: boolean;
  reason: string;
  fix: string;
  /** who has to close it: a named owner, or who must assign one */
  owner: string;
};

export type RequirementRow = { id: string; title: string; article: string; status: ItemStatus; mandatory: boolean; reason: string };

export type EvidenceRow = { fileName: string; size: number; mediaType: string; sha256: string; uploadedAt: string; uploadedBy: string | null };

export type SectionContent = {
  key: string;
  title: string;
  article: string;
  /** ABSENT: no row exists for the model (never started) */
  status: "ABSENT" | "EMPTY" | "DRAFT" | "COMPLETE";
  content: string;
  updatedAt: string | null;
  updatedBy: string | null;
  evidence: EvidenceRow[];
  /** the catalogue requires it for this model (class × role × lifecycle) */
  required: boolean;
};

export type DatasetRow = {
  purpose: string;
  key: string;
  name: string;
  version: string;
  description: string | null;
  source: string | null;
  provenance: string | null;
  collectionPeriod: string | null;
  collectionMethod: string | null;
  preprocessing: string | null;
  size: string | null;
  licence: string | null;
  personalData: boolean;
  specialCategoryData: boolean;
  knownBiases: string | null;
  biasMitigations: string | null;
  owner: string | null;
};

export type BiasAssessmentRow = {
  version: string;
  assessedAt: string;
  assessor: string | null;
  methodology: string;
  protectedAttributes: string[];
  status: "DRAFT" | "FINAL";
  findings: string | null;
  mitigations: string | null;
  metrics: Array<{ metric: string; group: string; value: number; threshold: number; passed: boolean }>;
};

export type VersionRow = {
  version: string;
  active: boolean;
  registryUri: string | null;
  stage: string | null;
  deployedAt: string | null;
  trainingPipelineVersion: string | null;
  servingPipelineVersion: string | null;
  metrics: Array<[string, string]>;
  rollbackTargetVersion: string | null;
  rollbackProcedure: string | null;
  lastRollbackDrillAt: string | null;
  lastRollbackDrillMinutes: number | null;
};

export type FeatureResultRow = FeatureResultFields<CheckStatus>;

export type MonitoringSection = {
  status: MonitoringStatus;
  reason: string;
  config: { enabled: boolean; features: string[]; metrics: string[]; warningThreshold: number; criticalThreshold: number; cadenceDays: number } | null;
  latestCheck: { observedAt: string; version: string | null; status: CheckStatus; features: FeatureResultRow[] } | null;
  /** newest first, at most MONITORING_HISTORY_LIMIT */
  history: Array<{ observedAt: string; version: string | null; status: CheckStatus; worstFeature: string | null }>;
  totalChecks: number;
};

export type ReviewRow = {
  status: string;
  modelRevision: number;
  submittedAt: string;
  submittedBy: string;
  submissionNote: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
};

export type IncidentRow = {
  title: string;
  severity: string;
  occurredAt: string;
  awareAt: string;
  authorityNotifiedAt: string | null;
  closedAt: string | null;
  description: string;
  correctiveActions: string | null;
};

export type AuditExcerpt =
  { included: true; events: Array<{ seq: string; at: string; actor: string; action: string; entity: string; hash: string }>; total: number } | { included: false; reason: string };

/** Art. 27 FRIA as recorded; `required` when the completeness rules ask for it for this model. */
export type FriaSection = {
  required: boolean;
  recorded: boolean;
  elements: Array<{ letter: string; title: string; article: string; text: string | null }>;
  notifiedAt: string | null;
  notificationReference: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  /** the completeness verdict of the FRIA item, when required */
  status: string | null;
  reason: string | null;
};

export type ModelDossierData = {
  kind: "MODEL_DOSSIER";
  issuance: Issuance;
  asOf: string;
  model: {
    key: string;
    name: string;
    description: string | null;
    intendedPurpose: string | null;
    foreseeableMisuse: string | null;
    businessUnit: string | null;
    lifecycle: string;
    environments: string[];
    actorRole: string;
    /** Art. 25(1) may make us the provider */
    effectiveRole: string;
    publicAuthority: boolean;
    riskClass: RiskClass;
    legalBasis: Array<{ id: string; article: string; label: string }>;
    riskRationale: string | null;
    transparencyDuties: string[];
    classificationStatus: string;
    classifiedAt: string | null;
    classifiedBy: string | null;
    gpai: boolean;
    gpaiSystemicRisk: boolean;
    businessOwner: Person | null;
    technicalOwner: Person | null;
    nextReviewAt: string | null;
    euDatabaseId: string | null;
    revision: number;
    activeVersion: string | null;
  };
  completeness: {
    score: number;
    undocumented: boolean;
    /** gaps or critical findings: the banner "INCOMPLETE — not audit-ready" is printed on every page */
    auditReady: boolean;
    counts: { complete: number; missing: number; stale: number; mandatoryOpen: number };
  };
  annexIv: SectionContent[];
  otherSections: SectionContent[];
  /** null when no assessment is recorded and none is required */
  fria: FriaSection | null;
  /** Annex VIII registration data, when a registration is required */
  euRegistration: {
    section: string;
    article: string;
    title: string;
    registrationId: string | null;
    complete: boolean;
    fields: Array<{ point: string; label: string; required: boolean; value: string | null }>;
  } | null;
  datasets: DatasetRow[];
  biasAssessments: BiasAssessmentRow[];
  versions: VersionRow[];
  rollbackReadiness: RequirementRow[];
  monitoring: MonitoringSection;
  approvals: ReviewRow[];
  incidents: IncidentRow[];
  findings: Array<{ id: string; severity: FindingSeverity; article: string; reason: string; fix: string }>;
  requirements: RequirementRow[];
  gaps: GapItem[];
  auditLog: AuditExcerpt;
};

export type InventoryFilters = {
  businessUnit?: string;
  riskClass?: RiskClass;
  undocumentedOnly?: boolean;
};

export type InventoryModelRow = {
  key: string;
  name: string;
  businessUnit: string | null;
  lifecycle: string;
  riskClass: RiskClass;
  completeness: number;
  undocumented: boolean;
  monitoringStatus: MonitoringStatus;
  businessOwner: Person | null;
  technicalOwner: Person | null;
  /** short flags: PROHIBITED, DRIFT_CRITICAL, SKEW, NO_OWNER, … (see FLAG_LABELS) */
  flags: string[];
  /** every open requirement item (missing or stale); `mandatory` ones make a production model undocumented */
  missing: Array<{ id: string; title: string; article: string; status: Exclude<ItemStatus, "complete">; mandatory: boolean; reason: string }>;
};

export type CoverageRow = { name: string; production: number; documented: number; undocumented: number };

export type InventoryReportData = {
  kind: "INVENTORY_REPORT";
  issuance: Issuance;
  asOf: string;
  filters: InventoryFilters;
  summary: {
    productionModels: number;
    documented: number;
    undocumented: number;
    documentedPercent: number;
    meanScore: number;
    prohibitedFindings: number;
    byRiskClass: CoverageRow[];
    byBusinessUnit: CoverageRow[];
    byMonitoringStatus: Array<{ status: MonitoringStatus; count: number }>;
  };
  /** production models matching the filters, by key */
  models: InventoryModelRow[];
};

export type DocumentData = ModelDossierData | InventoryReportData;
