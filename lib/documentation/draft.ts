// "Draft from what Dossier knows": a first text for a documentation section, written deterministically
// from the model's recorded facts (purpose, classification, versions, datasets and their datasheets,
// bias assessments, monitoring configuration and history, rollback drills). No language model, no
// network, no clock: the same facts always give the same Markdown.
//
// A draft never invents. Each fact it states comes from a record; a fact that is missing becomes a
// "TODO:" line saying what to add and where, and every guidance point of the section that the facts do
// not address gets a TODO prompt too. TODO lines do not count towards the completeness rule (see
// guidance.ts), so a draft can be marked complete only when the facts genuinely cover the section.
//
// Pure: the documentation page computes the drafts on the server and the editor offers them on a button.

import { DOCUMENTATION_SECTIONS_BY_KEY } from "../compliance/catalogue";
import { checkGuidance } from "./guidance";
import type { DatasetRow } from "../dossier/types";
import type { ModelJson } from "../models/serialize";

/** a dataset link of the active version, as the dossier shows it */
export type DraftDataset = DatasetRow;

export type DraftVersion = {
  version: string;
  active: boolean;
  stage: string | null;
  /** ISO dates */
  deployedAt: string | null;
  createdAt: string;
  trainingPipelineVersion: string | null;
  servingPipelineVersion: string | null;
  metrics: Record<string, number> | null;
  rollbackTargetVersion: string | null;
  rollbackProcedure: string | null;
  lastRollbackDrillAt: string | null;
  lastRollbackDrillMinutes: number | null;
};

export type DraftBiasAssessment = {
  assessedAt: string;
  status: string;
  methodology: string;
  protectedAttributes: string[];
  findings: string | null;
  mitigations: string | null;
  metrics: Array<{ metric: string; group: string; value: number; threshold: number; passed: boolean }>;
};

export type DraftFacts = {
  /** the model's own fields as the API shows them, and its owners by name */
  model: Pick<ModelJson, "key" | "name" | "description" | "intendedPurpose" | "foreseeableMisuse" | "businessUnit" | "actorRole" | "lifecycle" | "environments"> & {
    businessOwner: string | null;
    technicalOwner: string | null;
  };
  classification: { riskClass: string; legalBasis: string[]; rationale: string | null; confirmed: boolean; transparencyDuties: string[] };
  /** newest first */
  versions: DraftVersion[];
  /** the datasets of the active version */
  datasets: DraftDataset[];
  /** the active version's assessments that are not withdrawn, newest first */
  biasAssessments: DraftBiasAssessment[];
  monitoring: {
    config: { enabled: boolean; cadenceDays: number; warningThreshold: number; criticalThreshold: number; features: string[]; metrics: string[] } | null;
    history: { checks: number; healthy: number; warning: number; critical: number; first: string | null; last: string | null; lastStatus: string | null };
  };
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");
const filled = (v: string | null | undefined): v is string => typeof v === "string" && v.trim().length > 0;
const oneLine = (v: string) => v.replace(/\s+/g, " ").trim();
const todo = (what: string) => `- TODO: ${what}`;
const fmt = (n: number) => String(Math.round(n * 10_000) / 10_000);
const lower = (v: string) => v.toLowerCase().replace(/_/g, " ");
const ROLE: Record<string, string> = { PROVIDER: "provider", DEPLOYER: "deployer", IMPORTER: "importer", DISTRIBUTOR: "distributor" };
const RISK: Record<string, string> = {
  PROHIBITED: "a prohibited practice (Art. 5)",
  HIGH: "high-risk",
  LIMITED: "limited-risk (transparency obligations)",
  MINIMAL: "minimal-risk",
  OUT_OF_SCOPE: "outside the scope of the AI Act",
  UNCLASSIFIED: "not yet classified",
};

type Block = (f: DraftFacts) => string[];

const purpose: Block = (f) => {
  const m = f.model;
  const lines = [filled(m.intendedPurpose) ? `## Intended purpose` : `## The system`];
  lines.push(filled(m.intendedPurpose) ? oneLine(m.intendedPurpose) : todo("no intended purpose is recorded: state it on the model page."));
  if (filled(m.description)) lines.push("", oneLine(m.description));
  lines.push("");
  lines.push(`- Model: **${m.name}** (\`${m.key}\`), lifecycle stage ${lower(m.lifecycle)}${m.environments.length ? `, running in ${m.environments.join(", ")}` : ""}.`);
  lines.push(`- Our role under the AI Act: **${ROLE[m.actorRole] ?? lower(m.actorRole)}**${filled(m.businessUnit) ? `, operated by the ${m.businessUnit} business unit` : ""}.`);
  return lines;
};

const owners: Block = (f) => {
  const m = f.model;
  return [
    `## Accountable people`,
    m.businessOwner ? `- Business owner: **${m.businessOwner}**, accountable for the use of the system and able to stop it.` : todo("no business owner is assigned: assign one on the model page."),
    m.technicalOwner
      ? `- Technical owner: **${m.technicalOwner}**, who can monitor, interpret and override the outputs and roll the model back.`
      : todo("no technical owner is assigned: assign one on the model page."),
  ];
};

const classification: Block = (f) => {
  const c = f.classification;
  const lines = [`## Risk classification`];
  if (c.riskClass === "UNCLASSIFIED") return [...lines, todo("the model is not classified yet: answer the classification questionnaire.")];
  lines.push(`The system is classified as **${RISK[c.riskClass] ?? lower(c.riskClass)}**${c.confirmed ? ", confirmed by compliance" : " (proposed, not yet confirmed by compliance)"}.`);
  if (c.legalBasis.length) lines.push(`- Legal basis: ${c.legalBasis.join("; ")}.`);
  lines.push(filled(c.rationale) ? `- Rationale: ${oneLine(c.rationale)}` : todo("no classification rationale is recorded."));
  if (c.transparencyDuties.length) lines.push(`- Transparency duties: ${c.transparencyDuties.map(lower).join(", ")}.`);
  return lines;
};

const activeVersion = (f: DraftFacts) => f.versions.find((v) => v.active) ?? null;

const version: Block = (f) => {
  const v = activeVersion(f);
  if (!v) return [`## Version`, todo("no active version is recorded: register the version in service on the model page.")];
  const lines = [`## Version`, `The version in service is **${v.version}**${v.deployedAt ? `, deployed on ${day(v.deployedAt)}` : ""}${v.stage ? ` (stage: ${v.stage})` : ""}.`];
  lines.push(v.trainingPipelineVersion ? `- Training pipeline version: ${v.trainingPipelineVersion}.` : todo("no training pipeline version is recorded."));
  lines.push(v.servingPipelineVersion ? `- Serving pipeline version: ${v.servingPipelineVersion}.` : todo("no serving pipeline version is recorded."));
  return lines;
};

const metrics: Block = (f) => {
  const v = activeVersion(f);
  const entries = Object.entries(v?.metrics ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return [`## Performance metrics`, todo("no performance metrics are declared for the version in service: record them with the version.")];
  return [`## Performance metrics`, `Declared accuracy and performance metrics of version ${v!.version}:`, "", ...entries.map(([k, n]) => `- ${k}: ${fmt(n)}`)];
};

function datasheet(d: DraftDataset, purposes: string[]): string[] {
  const lines = [`### ${d.name} ${d.version} (${purposes.map(lower).join(", ")})`];
  if (filled(d.description)) lines.push(oneLine(d.description), "");
  const field = (label: string, v: string | null, missing: string) =>
    lines.push(filled(v) ? `- ${label}: ${oneLine(v)}` : todo(`the datasheet of ${d.name} has no ${missing}: complete it on the dataset page.`));
  field("Source and origin", d.source, "source");
  field("Provenance", d.provenance, "provenance");
  field("Collection method", d.collectionMethod, "collection method");
  if (filled(d.collectionPeriod)) lines.push(`- Collection period: ${oneLine(d.collectionPeriod)}`);
  field("Preparation (cleaning, labelling)", d.preprocessing, "preprocessing description");
  if (filled(d.size)) lines.push(`- Size: ${oneLine(d.size)}`);
  if (filled(d.licence)) lines.push(`- Licence: ${oneLine(d.licence)}`);
  lines.push(`- Personal data: ${d.personalData ? "yes" : "no"}; special categories of personal data: ${d.specialCategoryData ? "yes" : "no"}.`);
  field("Known biases", d.knownBiases, "known biases");
  field("Bias mitigations", d.biasMitigations, "bias mitigations");
  return lines;
}

const datasets: Block = (f) => {
  if (f.datasets.length === 0) return [`## Data and datasheets`, todo("no dataset is linked to the version in service: link the training, validation and test datasets.")];
  // one datasheet per dataset, however many purposes it serves
  const order = ["TRAINING", "VALIDATION", "TEST", "MONITORING_REFERENCE"];
  const byDataset = new Map<string, { dataset: DraftDataset; purposes: string[] }>();
  for (const d of f.datasets) {
    const id = `${d.key}@${d.version}`;
    const entry = byDataset.get(id) ?? { dataset: d, purposes: [] };
    entry.purposes.push(d.purpose);
    byDataset.set(id, entry);
  }
  const first = (purposes: string[]) => Math.min(...purposes.map((p) => order.indexOf(p)));
  const sorted = [...byDataset.values()]
    .map((e) => ({ ...e, purposes: [...e.purposes].sort((a, b) => order.indexOf(a) - order.indexOf(b)) }))
    .sort((a, b) => first(a.purposes) - first(b.purposes) || a.dataset.key.localeCompare(b.dataset.key) || a.dataset.version.localeCompare(b.dataset.version));
  const lines = [`## Data and datasheets`, `The version in service uses ${sorted.length} dataset${sorted.length === 1 ? "" : "s"}:`];
  for (const e of sorted) lines.push("", ...datasheet(e.dataset, e.purposes));
  return lines;
};

const bias: Block = (f) => {
  const lines = [`## Bias examination`];
  const latest = f.biasAssessments[0];
  if (!latest) return [...lines, todo("no bias assessment is recorded for the version in service: record one on the model page.")];
  const failed = latest.metrics.filter((m) => !m.passed);
  lines.push(
    `The latest bias assessment (${day(latest.assessedAt)}, ${lower(latest.status)}) used ${oneLine(latest.methodology).replace(/[.;]$/, "")} over the protected attributes ${latest.protectedAttributes.join(", ") || "(none named)"}: ${
      latest.metrics.length === 0
        ? "no metric was recorded"
        : failed.length === 0
          ? `all ${latest.metrics.length} metrics are within their thresholds`
          : `${failed.length} of ${latest.metrics.length} metrics exceed their thresholds`
    }.`,
  );
  if (latest.metrics.length) {
    lines.push("", "| Metric | Group | Value | Threshold | Result |", "| --- | --- | --- | --- | --- |");
    for (const m of latest.metrics) lines.push(`| ${m.metric} | ${m.group} | ${fmt(m.value)} | ${fmt(m.threshold)} | ${m.passed ? "pass" : "FAIL"} |`);
    lines.push("");
  }
  lines.push(filled(latest.findings) ? `- Findings: ${oneLine(latest.findings)}` : todo("the latest bias assessment records no findings."));
  lines.push(filled(latest.mitigations) ? `- Mitigations: ${oneLine(latest.mitigations)}` : todo("the latest bias assessment records no mitigations."));
  if (f.biasAssessments.length > 1) lines.push(`- Earlier assessments of this version: ${f.biasAssessments.length - 1}.`);
  return lines;
};

const monitoring: Block = (f) => {
  const { config, history } = f.monitoring;
  const lines = [`## Post-market monitoring`];
  if (!config || !config.enabled) lines.push(todo("drift monitoring is not enabled: configure it on the model page."));
  else {
    lines.push(
      `Performance and input drift are evaluated after placing on the market every ${config.cadenceDays} day${config.cadenceDays === 1 ? "" : "s"} (${config.metrics.join(", ") || "default statistics"}); a feature warns at ${fmt(config.warningThreshold)} and is critical at ${fmt(config.criticalThreshold)}.`,
    );
    lines.push(config.features.length ? `- Input data monitored: ${config.features.join(", ")}.` : todo("no input features are named in the monitoring plan."));
  }
  if (history.checks === 0) lines.push(todo("no monitoring check has been recorded yet."));
  else
    lines.push(
      `- History: ${history.checks} check${history.checks === 1 ? "" : "s"} from ${day(history.first)} to ${day(history.last)} — ${history.healthy} healthy, ${history.warning} warning, ${history.critical} critical; the latest was ${lower(history.lastStatus ?? "unknown")}.`,
    );
  return lines;
};

const rollback: Block = (f) => {
  const v = activeVersion(f);
  const lines = [`## Rollback`];
  if (!v) return [...lines, todo("no active version, so no rollback target is recorded.")];
  lines.push(v.rollbackTargetVersion ? `- Rollback target: version ${v.rollbackTargetVersion}.` : todo("no rollback target version is recorded."));
  lines.push(filled(v.rollbackProcedure) ? `- Procedure: ${oneLine(v.rollbackProcedure)}` : todo("no rollback procedure is recorded."));
  lines.push(
    v.lastRollbackDrillAt
      ? `- Last rollback drill: ${day(v.lastRollbackDrillAt)}, restored in ${fmt(v.lastRollbackDrillMinutes ?? 0)} minutes.`
      : todo("no rollback drill is recorded: run one and record it."),
  );
  return lines;
};

const lifecycle: Block = (f) => {
  if (f.versions.length === 0) return [`## Changes over the lifecycle`, todo("no version is recorded: register the versions on the model page.")];
  const lines = [`## Changes over the lifecycle`, `Versions recorded, newest first (each retraining or change is a new version):`, ""];
  for (const v of f.versions) {
    const bits = [
      `registered ${day(v.createdAt)}`,
      v.deployedAt ? `deployed ${day(v.deployedAt)}` : null,
      v.trainingPipelineVersion ? `training pipeline ${v.trainingPipelineVersion}` : null,
      v.active ? "in service" : null,
    ];
    lines.push(`- **${v.version}**: ${bits.filter(Boolean).join(", ")}${v.rollbackTargetVersion ? `; rollbacks go to ${v.rollbackTargetVersion}` : ""}.`);
  }
  return [...lines, "", ...rollback(f).slice(1)];
};

const misuse: Block = (f) => [
  `## Foreseeable misuse and risks`,
  filled(f.model.foreseeableMisuse) ? `Reasonably foreseeable misuse and unintended outcomes: ${oneLine(f.model.foreseeableMisuse)}` : todo("no foreseeable misuse is recorded on the model page."),
];

/** Which facts each section draws on; a section not listed gets the purpose and TODO prompts. */
const SECTION_BLOCKS: Record<string, Block[]> = {
  "annex-iv-1-general-description": [purpose, version, owners],
  "annex-iv-2-development": [version, datasets, bias, metrics],
  "annex-iv-3-monitoring-control": [metrics, bias, misuse, owners, monitoring],
  "annex-iv-4-performance-metrics": [metrics, monitoring],
  "annex-iv-5-risk-management": [classification, misuse, bias, monitoring, rollback],
  "annex-iv-6-lifecycle-changes": [lifecycle],
  "annex-iv-9-post-market-monitoring": [monitoring, rollback],
  "data-governance": [datasets, bias],
  "human-oversight": [owners, monitoring, rollback],
  "instructions-for-use": [purpose, metrics, misuse, owners],
  "accuracy-robustness-cybersecurity": [metrics, monitoring, rollback],
  "derogation-assessment": [purpose, classification],
  "transparency-disclosure": [purpose, classification],
  "deployer-human-oversight": [owners],
  "deployer-input-data": [datasets, monitoring],
  "deployer-monitoring": [monitoring, rollback],
  "deployer-instructions-compliance": [purpose, owners, monitoring],
};

/**
 * The draft of one section as Markdown, or null for an unknown section. Facts first, then a TODO for
 * each guidance point the facts do not address.
 */
export function draftSection(sectionKey: string, facts: DraftFacts): string | null {
  const meta = DOCUMENTATION_SECTIONS_BY_KEY.get(sectionKey);
  if (!meta) return null;
  const blocks = SECTION_BLOCKS[sectionKey] ?? [purpose];
  // a heading over nothing but TODO prompts would claim a point the facts do not cover: drop it
  const body = blocks
    .map((b) => b(facts))
    .map((lines) => (lines.slice(1).every((l) => l === "" || l.startsWith("- TODO")) ? lines.slice(1) : lines).join("\n"))
    .join("\n\n");
  const open = checkGuidance(meta.help, body).points.filter((p) => !p.addressed);
  const prompts = open.length ? `\n\n## Still to write\n${open.map((p) => todo(`${p.label}.`)).join("\n")}` : "";
  return `${body}${prompts}\n`;
}
