// The demo organisation, "Northwind Financial", generated deterministically (fixed seed) relative to
// an "as of" date. Exactly 247 production models of which exactly 89 are documented BY THE ENGINE'S
// OWN RULES: every model is built complete, the undocumented ones then get realistic defects, and the
// result is checked with evaluateCompleteness before anything is loaded (generateDemo throws otherwise).
// Pure: no database. prisma/seed/load.ts inserts the rows.
import { CURRENT_RULE_SET, DOCUMENTATION_SECTIONS_BY_KEY, classify, evaluateCompleteness, requiredSectionKeys } from "../../lib/compliance";
import { nextQuestion, NO, NONE, YES, type Answers, type AnswerValue } from "../../lib/compliance/questionnaire";
import type { CheckStatus, DatasetPurpose, RiskClass } from "../../lib/compliance/types";
import { toModelFacts, type FactsRow } from "../../lib/models/facts";
import { createRng, type Rng } from "./random";
import { BUSINESS_UNITS, NON_PRODUCTION_FAMILIES, PROHIBITED_FAMILY, type ClassificationProfile, type ModelFamily } from "./templates";

export const DEMO_SEED = 20_261_129;
export const DEMO_PASSWORD = "dossier-demo";
export const DEMO_PRODUCTION_MODELS = 247;
export const DEMO_DOCUMENTED_MODELS = 89;
export const DEMO_DOMAIN = "northwind.example";

const DAY = 86_400_000;
const ROLLOUT_MARKETS = ["Nordics", "Central Europe", "Iberia"] as const;

// ---------------------------------------------------------------- row types (plain, insertable)

export type UserRow = { id: string; email: string; name: string; role: "ADMIN" | "COMPLIANCE_OFFICER" | "MODEL_OWNER" | "EXECUTIVE" | "AUDITOR"; demoPassword: boolean };
export type DatasetRow = {
  id: string;
  key: string;
  name: string;
  version: string;
  description: string;
  source: string | null;
  provenance: string | null;
  collectionPeriod: string | null;
  collectionMethod: string | null;
  preprocessing: string | null;
  size: string;
  licence: string;
  personalData: boolean;
  specialCategoryData: boolean;
  knownBiases: string | null;
  biasMitigations: string | null;
  ownerId: string;
};
export type ModelRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  intendedPurpose: string | null;
  foreseeableMisuse: string | null;
  businessUnitId: string;
  actorRole: "PROVIDER" | "DEPLOYER" | "IMPORTER" | "DISTRIBUTOR";
  publicAuthority: boolean;
  lifecycle: "DEVELOPMENT" | "VALIDATION" | "PRODUCTION" | "RETIRED";
  environments: string[];
  riskClass: RiskClass;
  legalBasis: string[];
  riskRationale: string | null;
  transparencyDuties: string[];
  classificationStatus: "NONE" | "PROPOSED" | "CONFIRMED";
  classificationAnswers: Answers | null;
  classificationRuleSet: string | null;
  classifiedAt: Date | null;
  classifiedById: string | null;
  gpai: boolean;
  gpaiSystemicRisk: boolean;
  businessOwnerId: string | null;
  technicalOwnerId: string | null;
  nextReviewAt: Date | null;
  euDatabaseId: string | null;
  euRegistration: Record<string, string> | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
};
export type VersionRow = {
  id: string;
  modelId: string;
  version: string;
  registryUri: string;
  stage: string;
  active: boolean;
  deployedAt: Date | null;
  trainingPipelineVersion: string | null;
  servingPipelineVersion: string | null;
  metrics: Record<string, number>;
  rollbackTargetVersion: string | null;
  rollbackProcedure: string | null;
  lastRollbackDrillAt: Date | null;
  lastRollbackDrillMinutes: number | null;
  createdAt: Date;
};
export type VersionDatasetRow = { versionId: string; datasetId: string; purpose: DatasetPurpose };
export type BiasAssessmentRow = {
  id: string;
  versionId: string;
  assessedAt: Date;
  assessorId: string;
  methodology: string;
  protectedAttributes: string[];
  findings: string;
  mitigations: string;
  status: "DRAFT" | "FINAL";
};
export type BiasMetricRow = { id: string; assessmentId: string; metric: string; group: string; value: number; threshold: number; passed: boolean };
export type MonitoringConfigRow = { id: string; modelId: string; enabled: boolean; features: string[]; metrics: string[]; warningThreshold: number; criticalThreshold: number; cadenceDays: number };
export type CheckRow = { id: string; modelId: string; versionId: string | null; observedAt: Date; status: CheckStatus };
export type FeatureResultRow = { id: string; checkId: string; feature: string; featureType: string; psi: number; ksStatistic: number; ksPValue: number; wasserstein: number; status: CheckStatus };
export type SectionRow = { id: string; modelId: string; sectionKey: string; content: string; status: "EMPTY" | "DRAFT" | "COMPLETE"; updatedAt: Date; updatedById: string | null };
export type ReviewRow = {
  id: string;
  modelId: string;
  status: "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "REOPENED";
  modelRevision: number;
  submittedById: string;
  submittedAt: Date;
  submissionNote: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  comment: string | null;
  snapshot: object | null;
};
export type IncidentRow = {
  id: string;
  modelId: string;
  title: string;
  occurredAt: Date;
  awareAt: Date;
  severity: "LOW" | "MEDIUM" | "HIGH" | "SERIOUS";
  deadlineRule: "STANDARD" | "DEATH" | "WIDESPREAD_OR_CRITICAL_INFRASTRUCTURE";
  description: string;
  affectedPersons: string | null;
  correctiveActions: string | null;
  authorityNotifiedAt: Date | null;
  closedAt: Date | null;
  createdById: string;
};

export type DemoData = {
  asOf: Date;
  users: UserRow[];
  businessUnits: Array<{ id: string; name: string }>;
  datasets: DatasetRow[];
  models: ModelRow[];
  versions: VersionRow[];
  versionDatasets: VersionDatasetRow[];
  biasAssessments: BiasAssessmentRow[];
  biasMetrics: BiasMetricRow[];
  monitoringConfigs: MonitoringConfigRow[];
  checks: CheckRow[];
  featureResults: FeatureResultRow[];
  sections: SectionRow[];
  reviews: ReviewRow[];
  incidents: IncidentRow[];
  /** what the engine says about the generated inventory (checked in generateDemo) */
  summary: { productionModels: number; documented: number; undocumented: number };
};

// ---------------------------------------------------------------- people

const DEMO_USERS = [
  { local: "admin", name: "Alex Morgan", role: "ADMIN" },
  { local: "compliance", name: "Chloé Dubois", role: "COMPLIANCE_OFFICER" },
  { local: "owner", name: "Omar Haddad", role: "MODEL_OWNER" },
  { local: "exec", name: "Eleanor Grant", role: "EXECUTIVE" },
  { local: "auditor", name: "Arjun Mehta", role: "AUDITOR" },
] as const;

/** Owners per business unit (business owner first, then technical owners). */
const OWNERS: Record<string, readonly string[]> = {
  "Retail Banking": ["Hannah Schmidt", "Lucas Moreau", "Priya Natarajan"],
  Payments: ["Jonas Berg", "Sofia Rossi", "Mateusz Kowalski"],
  Insurance: ["Isabel García", "Thomas Wright", "Aoife Byrne"],
  "People/HR": ["Grace Okafor", "Daniel Novak"],
  Marketing: ["Emma Jansen", "Marco Bianchi", "Léa Martin"],
  Operations: ["Peter Nilsson", "Fatima Zahra", "Oliver Brown"],
};

const emailOf = (name: string) =>
  `${name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")
    .replace(/^\.|\.$/g, "")}@${DEMO_DOMAIN}`;

const slugify = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)
    .replace(/-$/, "");

// ---------------------------------------------------------------- classification

/** Answer the questionnaire from a compact profile, question by question, as a person would. */
export function answersFor(profile: ClassificationProfile & { exclusion?: string[] }): Answers {
  const answers: Record<string, AnswerValue> = {};
  for (let guard = 0; guard < 100; guard++) {
    const q = nextQuestion(answers);
    if (!q) return answers;
    answers[q.id] = answerOf(q.id, q.kind, profile);
  }
  throw new Error("questionnaire did not terminate");
}

function answerOf(id: string, kind: "single" | "multi" | "number", p: ClassificationProfile & { exclusion?: string[] }): AnswerValue {
  if (id === "scope.ai-system") return YES;
  if (id === "scope.exclusion") return p.exclusion ?? [NONE];
  if (id === "role") return p.role;
  if (id === "art5.practices") return p.art5 ?? [NONE];
  if (id === "deployer.public-service") return p.publicService ? YES : NO;
  if (id === "annex-iii.areas") return p.annexIII ? Object.keys(p.annexIII).map((a) => `AREA_${a}`) : [NONE];
  if (id.startsWith("annex-iii.")) return p.annexIII?.[Number(id.slice("annex-iii.".length))] ?? [NONE];
  if (id === "art6-3.profiling") return p.profiling ? YES : NO;
  if (id === "art6-3.conditions") return p.derogation ?? [NONE];
  if (id === "art50.cases") return p.art50 ?? [NONE];
  // no Art. 50 exemption is claimed in the demo
  if (id.startsWith("art50.exemption")) return NONE;
  if (kind === "multi") return [NONE];
  if (kind === "number") return 0;
  return NO;
}

// ---------------------------------------------------------------- generation

type Built = {
  model: ModelRow;
  family: ModelFamily;
  active: VersionRow;
  all: VersionRow[];
  links: VersionDatasetRow[];
  bias: BiasAssessmentRow[];
  config: MonitoringConfigRow | null;
  checks: CheckRow[];
  sections: Map<string, SectionRow>;
  /** sections whose absence makes a production model undocumented */
  mandatorySections: string[];
  story?: string;
};

export function generateDemo({ asOf = new Date(), seed = DEMO_SEED }: { asOf?: Date; seed?: number } = {}): DemoData {
  const rng = createRng(seed);
  const ago = (days: number) => new Date(asOf.getTime() - days * DAY);
  const data: DemoData = {
    asOf,
    users: [],
    businessUnits: [],
    datasets: [],
    models: [],
    versions: [],
    versionDatasets: [],
    biasAssessments: [],
    biasMetrics: [],
    monitoringConfigs: [],
    checks: [],
    featureResults: [],
    sections: [],
    reviews: [],
    incidents: [],
    summary: { productionModels: 0, documented: 0, undocumented: 0 },
  };

  // people
  const demo = Object.fromEntries(
    DEMO_USERS.map((u) => {
      const row: UserRow = { id: rng.uuid(), email: `${u.local}@${DEMO_DOMAIN}`, name: u.name, role: u.role, demoPassword: true };
      data.users.push(row);
      return [u.local, row];
    }),
  ) as Record<(typeof DEMO_USERS)[number]["local"], UserRow>;
  const ownersByUnit = new Map<string, UserRow[]>();
  for (const [unit, names] of Object.entries(OWNERS)) {
    ownersByUnit.set(
      unit,
      names.map((name) => {
        const row: UserRow = { id: rng.uuid(), email: emailOf(name), name, role: "MODEL_OWNER", demoPassword: false };
        data.users.push(row);
        return row;
      }),
    );
  }
  const unitIds = new Map<string, string>();
  for (const plan of BUSINESS_UNITS) {
    const id = rng.uuid();
    unitIds.set(plan.name, id);
    data.businessUnits.push({ id, name: plan.name });
  }

  // datasets, one well-documented "curated" set and one poorly documented "raw extract" per family
  const datasetsByFamily = new Map<string, { curated: DatasetRow; holdout: DatasetRow; raw: DatasetRow }>();
  const datasetFor = (family: ModelFamily, unit: string) => {
    const existing = datasetsByFamily.get(family.slug);
    if (existing) return existing;
    const owner = ownersByUnit.get(unit)?.[1] ?? demo.owner;
    const make = (suffix: string, documented: boolean, version: string): DatasetRow => ({
      id: rng.uuid(),
      key: `${family.slug}-${suffix}`,
      name: `${family.dataset.name}${suffix === "curated" ? "" : suffix === "holdout" ? " (hold-out)" : " (raw extract)"}`,
      version,
      description: `${family.dataset.name} used to build and evaluate the ${family.name.replace(" — {v}", "").replace("{v}", "")} models.`,
      source: documented ? family.dataset.source : null,
      provenance: documented ? `Extracted by the data platform team from ${family.dataset.source.toLowerCase()}; lineage recorded in the data catalogue (job ${family.slug}-etl).` : null,
      collectionPeriod: documented ? "2019-01 to 2025-12" : null,
      collectionMethod: documented ? "Operational system records, extracted nightly; labels from downstream outcomes." : null,
      preprocessing: documented ? "Deduplicated, outliers capped at the 99.9th percentile, missing values imputed by segment median, labels checked on a 2 % manual sample." : null,
      size: `${rng.int(40, 900) * 1000} rows`,
      licence: "Internal — Northwind Financial",
      personalData: family.dataset.personalData,
      specialCategoryData: family.dataset.specialCategory ?? false,
      knownBiases: documented ? "Under-representation of customers under 25 and of recent immigrants (thin credit files); historic decisions may carry past underwriting bias." : null,
      biasMitigations: documented ? "Re-weighting by age band and residency tenure; outcome labels replaced by performance labels where decisions were manual; group metrics monitored." : null,
      ownerId: owner.id,
    });
    const sets = { curated: make("curated", true, "2025.4"), holdout: make("holdout", true, "2025.4"), raw: make("raw", false, "2024.1") };
    data.datasets.push(sets.curated, sets.holdout, sets.raw);
    datasetsByFamily.set(family.slug, sets);
    return sets;
  };

  const builtModels: Built[] = [];
  const usedKeys = new Set<string>();

  const buildModel = (family: ModelFamily, variant: string, unit: string, lifecycle: ModelRow["lifecycle"], extra: { exclusion?: string[] } = {}): Built => {
    const name = family.name.replace("{v}", variant).replace(/ — $/, "");
    let key = slugify(name);
    for (let n = 2; usedKeys.has(key); n++) key = `${slugify(name)}-${n}`;
    usedKeys.add(key);
    const owners = ownersByUnit.get(unit) ?? [demo.owner];
    const answers = answersFor({ ...family.profile, ...extra });
    const result = classify(answers);
    if (result.unanswered.length) throw new Error(`demo classification of ${key} left questions unanswered: ${result.unanswered.join(", ")}`);
    const classifiedAt = ago(rng.int(20, 300));
    const createdAt = ago(rng.int(400, 1400));
    const model: ModelRow = {
      id: rng.uuid(),
      key,
      name,
      description: `${name}. Built and operated by ${unit}.`,
      intendedPurpose: family.purpose.replaceAll("{v}", variant),
      foreseeableMisuse: "Use outside the documented population or market, or as the sole basis of a decision without the human review described in the instructions.",
      businessUnitId: unitIds.get(unit)!,
      actorRole: family.profile.role,
      publicAuthority: false,
      lifecycle,
      environments: lifecycle === "PRODUCTION" ? ["prod-eu-west", "dr-eu-central"] : ["staging"],
      riskClass: result.riskClass,
      legalBasis: result.legalBasis,
      riskRationale: result.reasoning.map((r) => `${r.article}: ${r.text}`).join("\n"),
      transparencyDuties: result.transparencyDuties,
      classificationStatus: "CONFIRMED",
      classificationAnswers: answers,
      classificationRuleSet: CURRENT_RULE_SET,
      classifiedAt,
      classifiedById: demo.compliance.id,
      gpai: result.gpai,
      gpaiSystemicRisk: result.gpaiSystemicRisk,
      businessOwnerId: owners[0]!.id,
      technicalOwnerId: rng.pick(owners.length > 1 ? owners.slice(1) : owners).id,
      nextReviewAt: new Date(classifiedAt.getTime() + 365 * DAY),
      euDatabaseId: null,
      euRegistration: null,
      revision: 1,
      createdAt,
      updatedAt: ago(rng.int(1, 60)),
    };
    // versions: 2-3, the newest active, each rollback target the one before
    const count = lifecycle === "DEVELOPMENT" ? 1 : rng.int(2, 3);
    const all: VersionRow[] = [];
    for (let v = 1; v <= count; v++) {
      const isActive = v === count;
      const pipeline = `fp-${v}.${rng.int(0, 9)}.0`;
      all.push({
        id: rng.uuid(),
        modelId: model.id,
        version: String(v),
        registryUri: `models:/${key}/${v}`,
        stage: isActive ? (lifecycle === "PRODUCTION" ? "Production" : lifecycle === "RETIRED" ? "Archived" : "Staging") : "Archived",
        active: isActive,
        deployedAt: lifecycle === "DEVELOPMENT" ? null : ago((count - v) * 120 + rng.int(10, 90)),
        trainingPipelineVersion: pipeline,
        servingPipelineVersion: pipeline,
        metrics: { [family.metric]: Math.round((0.6 + rng.next() * 0.35) * 1000) / 1000 },
        rollbackTargetVersion: v > 1 ? String(v - 1) : null,
        rollbackProcedure: v > 1 ? `Promote models:/${key}/${v - 1} in the registry, redeploy the serving job with its pinned feature pipeline, verify the canary dashboard for 15 minutes.` : null,
        lastRollbackDrillAt: v > 1 ? ago(rng.int(10, 150)) : null,
        lastRollbackDrillMinutes: v > 1 ? rng.int(3, 9) : null,
        createdAt: ago((count - v) * 120 + rng.int(91, 110)),
      });
    }
    const active = all.at(-1)!;
    const sets = datasetFor(family, unit);
    const links: VersionDatasetRow[] = [
      { versionId: active.id, datasetId: sets.curated.id, purpose: "TRAINING" },
      { versionId: active.id, datasetId: sets.holdout.id, purpose: "VALIDATION" },
      { versionId: active.id, datasetId: sets.holdout.id, purpose: "TEST" },
    ];
    const bias: BiasAssessmentRow[] = [];
    if (result.riskClass === "HIGH") bias.push(biasAssessment(rng, active.id, ago(rng.int(20, 300)), demo.compliance.id));
    let config: MonitoringConfigRow | null = null;
    const checks: CheckRow[] = [];
    if (lifecycle === "PRODUCTION") {
      config = {
        id: rng.uuid(),
        modelId: model.id,
        enabled: true,
        features: [...family.features],
        metrics: ["psi", "ks", "wasserstein"],
        warningThreshold: 0.1,
        criticalThreshold: 0.25,
        cadenceDays: 7,
      };
      const latest = rng.int(0, 5);
      for (let k = 11; k >= 0; k--) checks.push({ id: rng.uuid(), modelId: model.id, versionId: active.id, observedAt: ago(latest + 7 * k + rng.next() * 0.5), status: "HEALTHY" });
    }
    return { model, family, active, all, links, bias, config, checks, sections: new Map(), mandatorySections: [] };
  };

  // production inventory
  for (const plan of BUSINESS_UNITS) {
    let remaining = plan.production;
    if (plan.name === "People/HR") {
      const b = buildModel(PROHIBITED_FAMILY, "", plan.name, "PRODUCTION");
      b.story = "prohibited";
      builtModels.push(b);
      remaining--;
    }
    // first every family's own variants, then the same models rolled out to further markets
    const queues = plan.families.map((f) => ({ f, variants: [...f.variants, ...ROLLOUT_MARKETS.flatMap((m) => f.variants.map((v) => `${v}, ${m}`))] }));
    while (remaining > 0) {
      let progressed = false;
      for (const q of queues) {
        if (remaining === 0) break;
        const variant = q.variants.shift();
        if (variant === undefined) continue;
        builtModels.push(buildModel(q.f, variant, plan.name, "PRODUCTION"));
        remaining--;
        progressed = true;
      }
      if (!progressed) throw new Error(`not enough model variants for ${plan.name}`);
    }
  }
  const production = builtModels.slice();
  if (production.length !== DEMO_PRODUCTION_MODELS) throw new Error(`generated ${production.length} production models, expected ${DEMO_PRODUCTION_MODELS}`);

  // development, validation and retired models
  for (const family of NON_PRODUCTION_FAMILIES) {
    for (const variant of family.variants) {
      const research = family.slug === "research-sandbox";
      builtModels.push(buildModel(family, variant, "Operations", research ? "DEVELOPMENT" : rng.pick(["DEVELOPMENT", "VALIDATION"] as const), research ? { exclusion: ["SCIENTIFIC_RESEARCH"] } : {}));
    }
  }
  const retiredVariants = ["legacy scorecard 2019", "legacy scorecard 2021", "pilot 2022"];
  for (const plan of BUSINESS_UNITS) {
    for (const family of plan.families.slice(0, 2)) {
      for (const variant of retiredVariants.slice(0, plan.name === "Retail Banking" ? 3 : 1)) builtModels.push(buildModel(family, variant, plan.name, "RETIRED"));
    }
  }
  for (const plan of BUSINESS_UNITS) {
    for (const family of plan.families.slice(2, 4)) builtModels.push(buildModel(family, "next generation", plan.name, rng.pick(["DEVELOPMENT", "VALIDATION"] as const)));
  }
  // a few non-production models have not been classified yet: that is normal before production
  for (const b of builtModels.filter((x) => x.model.lifecycle === "DEVELOPMENT").slice(0, 6)) unclassify(b.model);

  // Omar Haddad (owner@) is the technical owner of the retail credit-scoring models
  for (const b of builtModels.filter((x) => x.family.slug === "credit-scoring" || x.family.slug === "affordability")) b.model.technicalOwnerId = demo.owner.id;

  // documentation: each model gets every section the engine asks of it, complete and recent
  for (const b of builtModels) {
    const facts = toModelFacts(factsRow(b, data));
    b.mandatorySections = requiredSectionKeys(facts, { mandatoryOnly: true });
    for (const key of requiredSectionKeys(facts)) {
      b.sections.set(key, {
        id: rng.uuid(),
        modelId: b.model.id,
        sectionKey: key,
        content: sectionText(key, b),
        status: b.model.lifecycle === "PRODUCTION" || rng.chance(0.5) ? "COMPLETE" : "DRAFT",
        updatedAt: ago(rng.int(5, 200)),
        updatedById: b.model.technicalOwnerId,
      });
    }
    if (facts.classification.riskClass === "HIGH" && facts.actorRole === "PROVIDER") {
      b.model.euDatabaseId = `EU-AI-${rng.int(100000, 999999)}`;
      b.model.euRegistration = demoRegistration(b.model);
    }
  }

  // the stories of the background article
  const byKey = (key: string) => {
    const b = production.find((x) => x.model.key === key);
    if (!b) throw new Error(`demo story model ${key} missing`);
    return b;
  };
  const fraud = byKey("card-fraud-detection-debit-cards");
  fraud.story = "critical-drift";
  const skew = byKey("instant-payments-fraud-screening-sepa");
  skew.story = "skew";
  const noDrill = byKey("merchant-risk-scoring-online-retail");
  noDrill.story = "no-drill";
  const staleStories = ["atm-cash-demand-forecasting-uk", "claims-triage-home", "customer-segmentation-germany"].map(byKey);
  for (const s of staleStories) s.story = "stale-monitoring";

  // choose the 89 documented models (stories with defects are never among them)
  const undocumentedStories = new Set(["prohibited", "skew", "no-drill", "stale-monitoring"]);
  const candidates = rng.shuffle(production.filter((b) => b !== fraud && (!b.story || !undocumentedStories.has(b.story))));
  const documented = new Set<Built>([fraud, ...candidates.slice(0, DEMO_DOCUMENTED_MODELS - 1)]);

  // defects for everyone else
  for (const b of production) {
    if (documented.has(b)) continue;
    if (b.story === "prohibited")
      b.model.technicalOwnerId = null; // bought by team leaders, nobody in IT owns it
    else if (b.story === "skew") b.active.servingPipelineVersion = bumpPatch(b.active.trainingPipelineVersion!);
    else if (b.story === "no-drill") {
      b.active.lastRollbackDrillAt = null;
      b.active.lastRollbackDrillMinutes = null;
    } else if (b.story === "stale-monitoring") makeMonitoringStale(b, rng, ago);
    else {
      const n = rng.chance(0.35) ? 2 : 1;
      for (const defect of rng.shuffle(defectsFor(b)).slice(0, n)) applyDefect(defect, b, rng, ago, data);
    }
  }

  // drift: texture for everyone, the fraud model goes CRITICAL on `amount`
  for (const b of production) emitDriftHistory(b, rng, data, b === fraud ? [0.12, 0.19, 0.27, 0.31] : rng.chance(0.08) ? [0.13] : []);

  // verify with the engine: this is the contract of the demo organisation
  let nDocumented = 0;
  for (const b of production) {
    const result = evaluateCompleteness(toModelFacts(factsRow(b, data)), asOf);
    const expected = documented.has(b);
    if (result.undocumented === expected) {
      const why = result.undocumented ? result.undocumentedReasons.join("; ") : "all mandatory items complete";
      throw new Error(`demo model ${b.model.key} should be ${expected ? "documented" : "undocumented"} but the engine says: ${why}`);
    }
    if (!result.undocumented) nDocumented++;
  }
  data.summary = { productionModels: production.length, documented: nDocumented, undocumented: production.length - nDocumented };

  // reviews: documented models were approved; some others wait in the queue
  for (const b of builtModels) {
    const submitter = b.model.technicalOwnerId ?? b.model.businessOwnerId ?? demo.owner.id;
    if (documented.has(b)) {
      const submittedAt = ago(rng.int(3, 40));
      data.reviews.push({
        id: rng.uuid(),
        modelId: b.model.id,
        status: "APPROVED",
        modelRevision: b.model.revision,
        submittedById: submitter,
        submittedAt,
        submissionNote: "Documentation complete for the annual review.",
        decidedById: demo.compliance.id,
        decidedAt: new Date(submittedAt.getTime() + 2 * DAY),
        comment: "Checked against the requirement catalogue; approved.",
        snapshot: { key: b.model.key, riskClass: b.model.riskClass, sections: [...b.sections.keys()] },
      });
    } else if (b.model.lifecycle === "PRODUCTION" && rng.chance(0.1)) {
      const changes = rng.chance(0.4);
      const submittedAt = ago(rng.int(1, 20));
      data.reviews.push({
        id: rng.uuid(),
        modelId: b.model.id,
        status: changes ? "CHANGES_REQUESTED" : "SUBMITTED",
        modelRevision: b.model.revision,
        submittedById: submitter,
        submittedAt,
        submissionNote: "Please review the updated documentation.",
        decidedById: changes ? demo.compliance.id : null,
        decidedAt: changes ? new Date(submittedAt.getTime() + DAY) : null,
        comment: changes ? "The gaps listed under 'What is missing' must be closed first." : null,
        snapshot: null,
      });
    }
  }

  // incidents (Art. 73)
  const credit = production.find((b) => b.family.slug === "credit-scoring")!;
  data.incidents.push(
    {
      id: rng.uuid(),
      modelId: credit.model.id,
      title: "Higher decline rate for applicants aged 18-21 after release 3",
      occurredAt: ago(40),
      awareAt: ago(38),
      severity: "SERIOUS",
      deadlineRule: "STANDARD",
      description: "A data-quality defect in the bureau feed zeroed thin-file scores, raising declines for young applicants.",
      affectedPersons: "About 1,900 applicants",
      correctiveActions: "Rolled back to version 2 within 8 minutes; affected applications re-assessed.",
      authorityNotifiedAt: ago(31),
      closedAt: ago(20),
      createdById: demo.compliance.id,
    },
    {
      id: rng.uuid(),
      modelId: fraud.model.id,
      title: "False declines of debit card payments abroad",
      occurredAt: ago(6),
      awareAt: ago(5),
      severity: "HIGH",
      deadlineRule: "STANDARD",
      description: "Drift in transaction amounts after a merchant-pricing change raised false declines for card payments abroad.",
      affectedPersons: "Cardholders travelling in the EEA",
      correctiveActions: null,
      authorityNotifiedAt: null,
      closedAt: null,
      createdById: demo.compliance.id,
    },
  );

  // flatten
  for (const b of builtModels) {
    data.models.push(b.model);
    data.versions.push(...b.all);
    data.versionDatasets.push(...b.links);
    data.biasAssessments.push(...b.bias);
    if (b.config) data.monitoringConfigs.push(b.config);
    data.checks.push(...b.checks);
    data.sections.push(...b.sections.values());
  }
  for (const a of data.biasAssessments) data.biasMetrics.push(...biasMetrics(rng, a.id));

  if (data.summary.productionModels !== DEMO_PRODUCTION_MODELS || data.summary.documented !== DEMO_DOCUMENTED_MODELS) {
    throw new Error(`demo organisation has ${data.summary.productionModels} production / ${data.summary.documented} documented models`);
  }
  return data;
}

// ---------------------------------------------------------------- helpers

function unclassify(model: ModelRow) {
  Object.assign(model, {
    riskClass: "UNCLASSIFIED",
    legalBasis: [],
    riskRationale: null,
    transparencyDuties: [],
    classificationStatus: "NONE",
    classificationAnswers: null,
    classificationRuleSet: null,
    classifiedAt: null,
    classifiedById: null,
    gpai: false,
    gpaiSystemicRisk: false,
  } satisfies Partial<ModelRow>);
}

const bumpPatch = (v: string) => v.replace(/^fp-(\d+)\.(\d+)\.0$/, (_m, a: string, b: string) => `fp-${a}.${Number(b) + 1}.0`);

type Defect =
  | "stale-monitoring"
  | "no-monitoring"
  | "no-drill"
  | "slow-drill"
  | "no-rollback-plan"
  | "skew"
  | "no-technical-owner"
  | "no-business-owner"
  | "unclassified"
  | "proposed-only"
  | "classification-stale"
  | "no-intended-purpose"
  | "missing-section"
  | "draft-section"
  | "stale-bias-assessment"
  | "no-bias-assessment"
  | "no-eu-registration"
  | "dataset-no-provenance";

function defectsFor(b: Built): Defect[] {
  const generic: Defect[] = [
    "stale-monitoring",
    "stale-monitoring",
    "no-monitoring",
    "no-drill",
    "no-drill",
    "slow-drill",
    "no-rollback-plan",
    "skew",
    "no-technical-owner",
    "no-business-owner",
    "unclassified",
    "proposed-only",
    "classification-stale",
    "no-intended-purpose",
  ];
  const specific: Defect[] = [];
  if (b.mandatorySections.length > 0) specific.push("missing-section", "missing-section", "draft-section");
  if (b.model.riskClass === "HIGH" && b.model.actorRole === "PROVIDER") {
    specific.push("stale-bias-assessment", "no-bias-assessment", "no-eu-registration", "dataset-no-provenance");
  }
  return [...generic, ...specific, ...specific];
}

function applyDefect(defect: Defect, b: Built, rng: Rng, ago: (d: number) => Date, data: DemoData) {
  const m = b.model;
  switch (defect) {
    case "stale-monitoring":
      return makeMonitoringStale(b, rng, ago);
    case "no-monitoring":
      b.config = null;
      b.checks = [];
      return;
    case "no-drill":
      b.active.lastRollbackDrillAt = null;
      b.active.lastRollbackDrillMinutes = null;
      return;
    case "slow-drill":
      b.active.lastRollbackDrillMinutes = rng.int(18, 55);
      return;
    case "no-rollback-plan":
      b.active.rollbackProcedure = null;
      return;
    case "skew":
      b.active.servingPipelineVersion = bumpPatch(b.active.trainingPipelineVersion!);
      return;
    case "no-technical-owner":
      m.technicalOwnerId = null;
      return;
    case "no-business-owner":
      m.businessOwnerId = null;
      return;
    case "unclassified":
      return unclassify(m);
    case "proposed-only":
      m.classificationStatus = "PROPOSED";
      m.classifiedById = m.technicalOwnerId;
      return;
    case "classification-stale":
      m.classifiedAt = ago(rng.int(400, 700));
      return;
    case "no-intended-purpose":
      m.intendedPurpose = null;
      return;
    case "missing-section":
    case "draft-section": {
      const section = b.sections.get(rng.pick(b.mandatorySections))!;
      section.status = defect === "missing-section" ? "EMPTY" : "DRAFT";
      if (defect === "missing-section") section.content = "";
      return;
    }
    case "stale-bias-assessment":
      for (const a of b.bias) a.assessedAt = ago(rng.int(400, 600));
      return;
    case "no-bias-assessment":
      b.bias = [];
      return;
    case "no-eu-registration":
      m.euDatabaseId = null;
      return;
    case "dataset-no-provenance": {
      const raw = data.datasets.find((d) => d.key === `${b.family.slug}-raw`)!;
      b.links = b.links.map((l) => (l.purpose === "TRAINING" ? { ...l, datasetId: raw.id } : l));
      return;
    }
  }
}

function makeMonitoringStale(b: Built, rng: Rng, ago: (d: number) => Date) {
  // the silent failure: the monitoring job stopped weeks ago and nobody noticed
  const stoppedDaysAgo = rng.int(15, 80);
  b.checks = b.checks.map((c, i) => ({ ...c, observedAt: ago(stoppedDaysAgo + 7 * (b.checks.length - 1 - i)) }));
}

function emitDriftHistory(b: Built, rng: Rng, data: DemoData, lastPsis: number[]) {
  if (!b.config) return;
  const first = b.config.features[0]!;
  b.checks.forEach((check, i) => {
    const fromEnd = b.checks.length - 1 - i;
    const forced = lastPsis[lastPsis.length - 1 - fromEnd];
    let worst: CheckStatus = "HEALTHY";
    for (const feature of b.config!.features) {
      const psi = feature === first && forced !== undefined ? forced : Math.round((0.01 + rng.next() * 0.07) * 10000) / 10000;
      const status: CheckStatus = psi >= b.config!.criticalThreshold ? "CRITICAL" : psi >= b.config!.warningThreshold ? "WARNING" : "HEALTHY";
      if (status === "CRITICAL" || (status === "WARNING" && worst === "HEALTHY")) worst = status;
      data.featureResults.push({
        id: rng.uuid(),
        checkId: check.id,
        feature,
        featureType: "numeric",
        psi,
        ksStatistic: Math.round(Math.min(0.99, psi * 0.6 + rng.next() * 0.02) * 10000) / 10000,
        ksPValue: psi >= 0.1 ? 1e-6 : Math.round((0.2 + rng.next() * 0.7) * 1000) / 1000,
        wasserstein: Math.round(psi * (2 + rng.next()) * 1000) / 1000,
        status,
      });
    }
    check.status = worst;
  });
}

function biasAssessment(rng: Rng, versionId: string, assessedAt: Date, assessorId: string): BiasAssessmentRow {
  return {
    id: rng.uuid(),
    versionId,
    assessedAt,
    assessorId,
    status: "FINAL",
    methodology: "Group fairness metrics on the hold-out set (fairlearn MetricFrame), 95 % bootstrap intervals; thresholds from the model risk policy.",
    protectedAttributes: ["sex", "age_band", "nationality"],
    findings: "No metric outside its threshold; the 18-24 age band has the widest interval because of sample size.",
    mitigations: "Re-weighting of the 18-24 band retained; quarterly re-assessment on fresh outcomes.",
  };
}

function biasMetrics(rng: Rng, assessmentId: string): BiasMetricRow[] {
  const rows: BiasMetricRow[] = [];
  for (const group of ["sex=female vs male", "age_band=18-24 vs 25-64", "nationality=non-EU vs EU"]) {
    const dpd = Math.round(rng.next() * 0.07 * 1000) / 1000;
    rows.push({ id: rng.uuid(), assessmentId, metric: "demographic_parity_difference", group, value: dpd, threshold: 0.1, passed: dpd <= 0.1 });
    const dir = Math.round((0.84 + rng.next() * 0.14) * 1000) / 1000;
    rows.push({ id: rng.uuid(), assessmentId, metric: "disparate_impact_ratio", group, value: dir, threshold: 0.8, passed: dir >= 0.8 });
  }
  return rows;
}

function sectionText(key: string, b: Built): string {
  const section = DOCUMENTATION_SECTIONS_BY_KEY.get(key);
  const title = section?.title ?? key;
  return [
    `${title} — ${b.model.name}.`,
    `Purpose: ${b.model.intendedPurpose ?? "see the general description"}`,
    section ? `Covers: ${section.help}` : "",
    `Maintained by the ${b.family.slug} model team; evidence is kept in the model repository under docs/${key}.md.`,
  ]
    .filter(Boolean)
    .join("\n");
}

/** The in-memory rows shaped like the database row that toModelFacts reads. */
function factsRow(b: Built, data: DemoData): FactsRow {
  const users = new Map(data.users.map((u) => [u.id, u]));
  const datasets = new Map(data.datasets.map((d) => [d.id, d]));
  const person = (id: string | null) => (id ? { id, name: users.get(id)!.name } : null);
  const unit = data.businessUnits.find((u) => u.id === b.model.businessUnitId);
  const row = {
    ...b.model,
    businessUnit: unit ? { name: unit.name } : null,
    businessOwner: person(b.model.businessOwnerId),
    technicalOwner: person(b.model.technicalOwnerId),
    sections: [...b.sections.values()].map((s) => ({ sectionKey: s.sectionKey, status: s.status, updatedAt: s.updatedAt, _count: { evidence: 0 } })),
    versions: [
      {
        ...b.active,
        datasets: b.links.map((l) => ({ purpose: l.purpose, dataset: datasets.get(l.datasetId)! })),
        biasAssessments: b.bias.map((a) => ({ assessedAt: a.assessedAt, status: a.status, metrics: [{ passed: true }] })),
      },
    ],
    monitoringConfig: b.config,
    monitoringChecks: b.checks.length ? [b.checks.reduce((x, y) => (x.observedAt > y.observedAt ? x : y))] : [],
  };
  return row as unknown as FactsRow;
}

/** Annex VIII Section A data for a demo high-risk system its provider registered. */
function demoRegistration(m: ModelRow): Record<string, string> {
  return {
    providerContact: "Northwind Financial N.V., Keizersgracht 1, 1015 CJ Amsterdam, Netherlands; ai-compliance@northwind.example",
    tradeName: `${m.name} (${m.key})`,
    intendedPurpose: m.intendedPurpose ?? m.name,
    dataAndLogic: "Tabular application and account data; gradient-boosted trees scoring each case, reviewed by staff.",
    status: "In service",
    memberStates: "NL, DE, FR, IE, ES, IT",
    declarationOfConformity: `EU declaration of conformity for ${m.key}, kept with the technical documentation (Annex IV point 8).`,
  };
}
