// Facts derived from a classification's legal-basis identifiers. Both the classifier's obligation list and
// the requirement catalogue's conditions read these, so the two can never disagree about, say, whether
// the Art. 27 FRIA applies.

import type { RiskClass } from "./types";

export type BasisFlags = {
  /** high-risk through Art. 6(2) / Annex III (no Art. 6(3) derogation) */
  annexIIIHigh: boolean;
  /** ... through an Annex III point other than point 2 (critical infrastructure): EU database, FRIA scope */
  annexIIIHighOutsidePoint2: boolean;
  /** Annex III point 5(b) credit scoring or 5(c) life/health insurance pricing (Art. 27(1)) */
  annexIIIPoint5bOr5c: boolean;
  /** Annex III use taken out of high-risk by an Art. 6(3) condition */
  derogation: boolean;
  /** high-risk through Art. 6(1) / Annex I */
  annexIHigh: boolean;
  /** every Annex I basis is in Section B (Art. 2(2): only Art. 6(1), 102-109 and 112 apply directly) */
  annexISectionBOnly: boolean;
  /** Art. 25(1): a deployer/importer/distributor became the provider */
  art25Provider: boolean;
  /** the Art. 27 fundamental rights impact assessment applies if we are the deployer */
  fria: boolean;
  /** an AI system (false for a bare general-purpose AI model classified under Chapter V only) */
  aiSystem: boolean;
};

const DEROGATION_BASES = ["ART_6_3_A", "ART_6_3_B", "ART_6_3_C", "ART_6_3_D"];

export function deriveBasisFlags(riskClass: RiskClass, legalBasis: readonly string[], publicService: boolean): BasisFlags {
  let annexIII = false;
  let annexIIIOutsidePoint2 = false;
  let point5bc = false;
  let derogation = false;
  let art61 = false;
  let annexIAny = false;
  let annexISectionA = false;
  let art25 = false;
  let profiling = false;
  for (const basis of legalBasis) {
    if (basis.startsWith("ANNEX_III_")) {
      annexIII = true;
      if (basis !== "ANNEX_III_2") annexIIIOutsidePoint2 = true;
      if (basis === "ANNEX_III_5B" || basis === "ANNEX_III_5C") point5bc = true;
    } else if (DEROGATION_BASES.includes(basis)) derogation = true;
    else if (basis === "ART_6_3_PROFILING") profiling = true;
    else if (basis === "ART_6_1") art61 = true;
    else if (basis.startsWith("ANNEX_I_")) {
      annexIAny = true;
      if (basis.startsWith("ANNEX_I_A")) annexISectionA = true;
    } else if (basis.startsWith("ART_25_1_")) art25 = true;
  }
  // profiling overrides any derogation condition that might still be stored (Art. 6(3), third subparagraph)
  const derogated = derogation && !profiling;
  const high = riskClass === "HIGH";
  const annexIIIHigh = high && annexIII && !derogated;
  const annexIIIHighOutsidePoint2 = annexIIIHigh && annexIIIOutsidePoint2;
  return {
    annexIIIHigh,
    annexIIIHighOutsidePoint2,
    annexIIIPoint5bOr5c: point5bc,
    derogation: derogated && annexIII,
    annexIHigh: high && art61,
    annexISectionBOnly: annexIAny && !annexISectionA,
    art25Provider: art25 && high,
    fria: annexIIIHighOutsidePoint2 && (publicService || point5bc),
    aiSystem: !legalBasis.includes("ART_3_1_NOT_AI_SYSTEM"),
  };
}
