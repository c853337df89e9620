// Versioned rule sets. Every classification stores the version of the rules it was made under. When the
// rules change (a new version here, shipped with the engine), `reassess` re-runs the current engine on a
// model's stored answers, migrated from the old version, and compares the verdict: only a model whose
// verdict changes (class, Art. 50 duties, GPAI flags, the obligations of our role, or the route such as
// Annex I Section A → B) is flagged; a change of citations alone is not a different verdict.

import { deriveBasisFlags } from "./basis-flags";
import { describeLegalBasis } from "./articles";
import { classify, obligationsFor } from "./classify";
import { isRelevant, NONE, NO, QUESTIONS, type AnswerValue, type Answers } from "./questionnaire";
import type { ActorRole, RiskClass } from "./types";

export type RuleSetChange = { provisions: string; summary: string };
export type RuleSet = { version: string; inForceFrom: string; title: string; sources: readonly string[]; changes: readonly RuleSetChange[] };

export const LEGACY_RULE_SET = "eu-ai-act@2024-08-01";
export const CURRENT_RULE_SET = "eu-ai-act@2026-07-27";

/** Newest last. Add an amendment by appending a version (see docs/compliance-engine.md). */
export const RULE_SETS: readonly RuleSet[] = [
  {
    version: LEGACY_RULE_SET,
    inForceFrom: "2024-08-01",
    title: "AI Act as published",
    sources: ["Regulation (EU) 2024/1689 (Artificial Intelligence Act), OJ L, 2024/1689, 12.7.2024"],
    changes: [{ provisions: "Art. 2-6, 25, 27, 50-55; Annexes I and III", summary: "The questionnaire and classifier as first released (classifications made before rule sets were versioned)." }],
  },
  {
    version: CURRENT_RULE_SET,
    inForceFrom: "2026-07-27",
    title: "AI Act as amended by the 2026 Digital Omnibus on AI",
    sources: ["Regulation (EU) 2026/1744 (Digital Omnibus on AI, procedure 2025/0359(COD)), entry into force 27 July 2026", "Regulation (EU) 2024/1689, consolidated with Regulation (EU) 2026/1744"],
    changes: [
      { provisions: "Annex I, Section A point 1 → Section B point 21; Art. 2(2)", summary: "Machinery (Regulation (EU) 2023/1230) moves to Section B: high-risk through the sectoral legislation." },
      {
        provisions: "Art. 6(1a)-(1c)",
        summary: "A component used only for non-safety purposes is not a safety component; a third-party assessment for non-safety reasons does not count. Both are answers now.",
      },
      { provisions: "Art. 5(1)(ba), 5(1)(bb)", summary: "Two new prohibitions (non-consensual intimate content of identifiable persons; child sexual abuse material), applying from 2 December 2026." },
      { provisions: "Art. 4", summary: "AI literacy: providers and deployers take measures to support a sufficient level of AI literacy (was: ensure)." },
      { provisions: "Art. 4a", summary: "Processing of special categories of personal data to detect and correct bias, with safeguards (data-governance guidance)." },
      { provisions: "Art. 50(1)-(5)", summary: "Engine correction: the class follows the Art. 50 duties of our role; exemptions are recorded answers; Art. 50(5) cited." },
      {
        provisions: "Art. 3(63), 53(2), 54(6), 55",
        summary: "Engine correction: a general-purpose AI model without an AI system of ours is classified with its Chapter V duties and open-source exemptions.",
      },
      { provisions: "Art. 3, 5(2)-(3), 95", summary: "Engine correction: the legal basis cites definitions, the safeguards of an exception applied and Art. 95 for minimal risk." },
    ],
  },
];

export function isKnownRuleSet(version: string | null | undefined): boolean {
  return RULE_SETS.some((r) => r.version === version);
}

/**
 * Answers given under an older rule set, carried to the current questionnaire. Where a question is new,
 * the answer the old rules implied is filled in (they applied every Art. 50 duty without exemptions, treated
 * every GPAI model as not open source, and every Annex I system as a safety component); machinery moves
 * from Annex I A1 to B21. An answer the old rules cannot imply (the split Art. 5(1) Omnibus option, whether
 * a non-system is a GPAI model) stays open, so the model needs the officer's answers.
 */
export function migrateAnswers(answers: Answers, fromVersion: string | null): Answers {
  if (fromVersion === CURRENT_RULE_SET) return answers;
  const out: Record<string, AnswerValue | undefined> = { ...answers };
  const product = out["annex-i.product"];
  if (Array.isArray(product)) out["annex-i.product"] = product.map((v) => (v === "A1" ? "B21" : v));
  const implied: Record<string, AnswerValue> = {
    "art50.exemption-1": NONE,
    "art50.exemption-2": NONE,
    "art50.exemption-3": NONE,
    "art50.exemption-4-deepfake": NONE,
    "art50.exemption-4-text": NONE,
    "gpai.open-source": NO,
    "annex-i.safety-function": "SAFETY_COMPONENT",
  };
  // in questionnaire order, so a question made relevant by an implied answer is considered too
  for (const q of QUESTIONS) {
    if (out[q.id] === undefined && implied[q.id] !== undefined && isRelevant(q, out)) out[q.id] = implied[q.id];
  }
  return out;
}

export type VerdictSnapshot = {
  riskClass: RiskClass;
  legalBasis: string[];
  transparencyDuties: string[];
  gpai: boolean;
  gpaiSystemicRisk: boolean;
  /** the role the obligations are computed for */
  role: ActorRole;
  publicService: boolean;
};

export type ProvisionChange = { id: string; article: string; label: string };

export type Reassessment = {
  fromVersion: string;
  toVersion: string;
  /** the verdict differs: class, duties, GPAI flags, obligations or route */
  changed: boolean;
  /** what differs, in words, for the officer */
  differences: string[];
  old: VerdictSnapshot & { obligations: string[] };
  new: VerdictSnapshot & { obligations: string[]; rationale: string };
  /** questions the new rules ask that the stored answers cannot answer: re-confirm needs the questionnaire */
  unanswered: string[];
  addedBasis: ProvisionChange[];
  removedBasis: ProvisionChange[];
  answers: Answers;
};

const sorted = (xs: readonly string[]) => [...xs].sort();
const sameSet = (a: readonly string[], b: readonly string[]) => sorted(a).join("|") === sorted(b).join("|");
const describe = (id: string): ProvisionChange => ({ id, ...describeLegalBasis(id) });

function routeOf(v: VerdictSnapshot): string[] {
  const flags = deriveBasisFlags(v.riskClass, v.legalBasis, v.publicService);
  return Object.entries(flags)
    .filter(([, on]) => on)
    .map(([name]) => name);
}

/** Re-run the current rules on a stored classification and say whether (and how) the verdict changes. */
export function reassess(stored: VerdictSnapshot, storedAnswers: Answers, fromVersion: string | null): Reassessment {
  const answers = migrateAnswers(storedAnswers, fromVersion);
  const r = classify(answers);
  const role = r.effectiveRole ?? stored.role;
  const next: VerdictSnapshot = {
    riskClass: r.riskClass,
    legalBasis: r.legalBasis,
    transparencyDuties: r.transparencyDuties,
    gpai: r.gpai,
    gpaiSystemicRisk: r.gpaiSystemicRisk,
    role,
    publicService: r.role === null ? stored.publicService : r.publicService,
  };
  const oldObligations = obligationsFor(stored).map((o) => o.id);
  const newObligations = r.obligations.map((o) => o.id);
  const differences: string[] = [];
  if (stored.riskClass !== next.riskClass) differences.push(`Risk class ${stored.riskClass} → ${next.riskClass}`);
  if (!sameSet(stored.transparencyDuties, next.transparencyDuties)) {
    differences.push(`Art. 50 duties [${stored.transparencyDuties.join(", ") || "none"}] → [${next.transparencyDuties.join(", ") || "none"}]`);
  }
  if (stored.gpai !== next.gpai || stored.gpaiSystemicRisk !== next.gpaiSystemicRisk) {
    differences.push(`GPAI ${stored.gpai ? (stored.gpaiSystemicRisk ? "with systemic risk" : "yes") : "no"} → ${next.gpai ? (next.gpaiSystemicRisk ? "with systemic risk" : "yes") : "no"}`);
  }
  if (next.riskClass !== "UNCLASSIFIED") {
    const added = newObligations.filter((o) => !oldObligations.includes(o));
    const removed = oldObligations.filter((o) => !newObligations.includes(o));
    if (added.length > 0 || removed.length > 0) differences.push(`Obligations ${[...added.map((o) => `+${o}`), ...removed.map((o) => `−${o}`)].join(", ")}`);
    const oldRoute = routeOf(stored);
    const newRoute = routeOf(next);
    if (!sameSet(oldRoute, newRoute)) differences.push(`Route [${oldRoute.join(", ") || "none"}] → [${newRoute.join(", ") || "none"}]`);
  }
  return {
    fromVersion: fromVersion ?? LEGACY_RULE_SET,
    toVersion: CURRENT_RULE_SET,
    changed: differences.length > 0,
    differences,
    old: { ...stored, obligations: oldObligations },
    new: { ...next, obligations: newObligations, rationale: r.reasoning.map((s) => `${s.article}: ${s.text}`).join("\n") },
    unanswered: r.unanswered,
    addedBasis: next.legalBasis.filter((b) => !stored.legalBasis.includes(b)).map(describe),
    removedBasis: stored.legalBasis.filter((b) => !next.legalBasis.includes(b)).map(describe),
    answers,
  };
}
