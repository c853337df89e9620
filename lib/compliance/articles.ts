// The article table: every provision a verdict can cite, once. A legal-basis id stored on a classification
// (`ClassificationFacts.legalBasis`) is a key of this table; the entry gives its citation in Regulation (EU)
// 2024/1689, a title, whether it is cited as amended (or inserted) by Regulation (EU) 2026/1744 (the 2026
// Digital Omnibus on AI), and the calendar entry that fixes the date from which it applies.
//
// Entries for the questionnaire's options are generated from the options themselves (their `article` is
// the citation and their label the title), so a new option cannot forget its table entry; everything the
// classifier cites on its own (definitions, safeguards, Art. 50(5), Art. 95…) is listed below by hand.

import { applicationDate, type CalendarEntryId, type CalendarOverrides } from "./calendar";
import { QUESTIONS } from "./questionnaire";

export const OMNIBUS = "Regulation (EU) 2026/1744";

export type ArticleEntry = {
  id: string;
  /** as cited, e.g. "Art. 5(1)(ba)", "Annex III, point 5(b)" */
  citation: string;
  title: string;
  /** cited as amended or inserted by the 2026 Omnibus (Reg. (EU) 2026/1744) */
  amended: boolean;
  /** the calendar entry whose date the provision applies from */
  appliesFrom: CalendarEntryId;
  /** a provision that no longer exists in the current text but that older verdicts may still cite */
  superseded?: string;
};

type Seed = Omit<ArticleEntry, "id" | "amended"> & { amended?: boolean };

/** Which calendar entry an option-derived id applies from, by its prefix. */
function calendarOf(id: string): CalendarEntryId {
  if (id === "ART_5_1_BA" || id === "ART_5_1_BB") return "PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT";
  if (id.startsWith("ART_5_")) return "PROHIBITIONS";
  if (id.startsWith("ART_2_") || id.startsWith("ART_3_")) return "AI_LITERACY"; // Chapter I
  if (id.startsWith("ANNEX_I_") && !id.startsWith("ANNEX_III_")) return "HIGH_RISK_ANNEX_I";
  if (id === "ART_6_1" || id.startsWith("ART_6_1")) return "HIGH_RISK_ANNEX_I";
  if (id.startsWith("ANNEX_III_") || id.startsWith("ART_6_3") || id.startsWith("ART_25_")) return "HIGH_RISK_ANNEX_III";
  if (id.startsWith("ART_50_")) return "TRANSPARENCY";
  if (id.startsWith("ART_5") /* 51-56 */) return "GPAI_OBLIGATIONS";
  return "GENERAL_APPLICATION";
}

const HAND_WRITTEN: Record<string, Seed> = {
  // scope and definitions (Chapter I)
  ART_3_1_NOT_AI_SYSTEM: { citation: "Art. 3(1)", title: "Not an AI system within the meaning of Art. 3(1)", appliesFrom: "AI_LITERACY" },
  ART_3_1: { citation: "Art. 3(1)", title: "Definition: AI system", appliesFrom: "AI_LITERACY" },
  ART_2_2: {
    citation: "Art. 2(2)",
    title: "Annex I Section B products: only Art. 6(1), 102-109 and 112 apply (Art. 57 in so far as integrated in the sectoral legislation)",
    appliesFrom: "HIGH_RISK_ANNEX_I",
  },
  ART_3_14: { citation: "Art. 3(14)", title: "Definition: safety component", appliesFrom: "AI_LITERACY" },
  ART_3_39: { citation: "Art. 3(39)", title: "Definition: emotion recognition system", appliesFrom: "AI_LITERACY" },
  ART_3_40: { citation: "Art. 3(40)", title: "Definition: biometric categorisation system", appliesFrom: "AI_LITERACY" },
  ART_3_41: { citation: "Art. 3(41)", title: "Definition: remote biometric identification system", appliesFrom: "AI_LITERACY" },
  ART_3_42: { citation: "Art. 3(42)", title: "Definition: real-time remote biometric identification system", appliesFrom: "AI_LITERACY" },
  ART_3_52: { citation: "Art. 3(52); Regulation (EU) 2016/679, Art. 4(4)", title: "Definition: profiling", appliesFrom: "AI_LITERACY" },
  ART_3_60: { citation: "Art. 3(60)", title: "Definition: deep fake", appliesFrom: "AI_LITERACY" },
  ART_3_63: { citation: "Art. 3(63)", title: "Definition: general-purpose AI model", appliesFrom: "AI_LITERACY" },
  ART_3_65: { citation: "Art. 3(65)", title: "Definition: systemic risk", appliesFrom: "AI_LITERACY" },
  ART_4: {
    citation: "Art. 4, as amended by Reg. (EU) 2026/1744",
    title: "AI literacy: providers and deployers take measures to support a sufficient level of AI literacy of their staff",
    amended: true,
    appliesFrom: "OMNIBUS_ENTRY_INTO_FORCE",
  },
  ART_4A: {
    citation: "Art. 4a, as inserted by Reg. (EU) 2026/1744",
    title: "Processing of special categories of personal data to detect and correct bias, subject to appropriate safeguards",
    amended: true,
    appliesFrom: "OMNIBUS_ENTRY_INTO_FORCE",
  },
  // Art. 5 safeguards and the legacy single Omnibus option
  ART_5_2: {
    citation: "Art. 5(2)",
    title: "Real-time remote biometric identification exception: only to confirm a specifically targeted person's identity, with a fundamental rights impact assessment and registration",
    appliesFrom: "PROHIBITIONS",
  },
  ART_5_3: {
    citation: "Art. 5(3)",
    title: "Real-time remote biometric identification exception: prior authorisation by a judicial or independent administrative authority",
    appliesFrom: "PROHIBITIONS",
  },
  ART_5_1_NCII: {
    citation: "Art. 5(1), new point (Digital Omnibus, before its publication)",
    title: "Non-consensual intimate content or child sexual abuse material (one option before the published text split it)",
    amended: true,
    appliesFrom: "PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT",
    superseded: "Split into Art. 5(1)(ba) and (bb) by Reg. (EU) 2026/1744; re-answer the Art. 5 question.",
  },
  ANNEX_III_1A_VIA_ART_5_1_H: {
    citation: "Art. 5(1)(h) exception; Annex III, point 1(a)",
    title: "Real-time remote biometric identification under an Art. 5(1)(h) exception is high-risk remote biometric identification",
    appliesFrom: "HIGH_RISK_ANNEX_III",
  },
  // Art. 6
  ART_6_2: { citation: "Art. 6(2)", title: "High-risk: AI systems referred to in Annex III", appliesFrom: "HIGH_RISK_ANNEX_III" },
  ART_6_4: { citation: "Art. 6(4)", title: "Provider documents its assessment that an Annex III system is not high-risk", appliesFrom: "HIGH_RISK_ANNEX_III" },
  ART_49_2: { citation: "Art. 49(2)", title: "Registration of an Annex III system the provider concluded is not high-risk", appliesFrom: "HIGH_RISK_ANNEX_III" },
  ART_6_1B: {
    citation: "Art. 6(1b), as inserted by Reg. (EU) 2026/1744",
    title: "A third-party conformity assessment required only for reasons other than health and safety does not count (as first cited)",
    amended: true,
    appliesFrom: "HIGH_RISK_ANNEX_I",
    superseded: "Cited as Art. 6(1c) (ART_6_1C) since the engine's correction of December 2026; the verdict is the same.",
  },
  ANNEX_I_A1: {
    citation: "Annex I, Section A, point 1",
    title: "Machinery (Directive 2006/42/EC) under Section A",
    amended: true,
    appliesFrom: "HIGH_RISK_ANNEX_I",
    superseded: "Machinery (Regulation (EU) 2023/1230) moved to Annex I, Section B, point 21 by Reg. (EU) 2026/1744.",
  },
  // Art. 50
  ART_50_5: {
    citation: "Art. 50(5)",
    title: "The information is given clearly and distinguishably at the latest at the first interaction or exposure, meeting accessibility requirements",
    appliesFrom: "TRANSPARENCY",
  },
  // GPAI (Chapter V)
  ART_51_2: { citation: "Art. 51(1)(a), 51(2)", title: "Training compute above 10^25 FLOP: presumed high-impact capabilities (systemic risk)", appliesFrom: "GPAI_OBLIGATIONS" },
  ART_52: { citation: "Art. 52(1)", title: "Notify the Commission within two weeks that the systemic-risk threshold is met", appliesFrom: "GPAI_OBLIGATIONS" },
  ART_53: { citation: "Art. 53(1)", title: "Obligations of providers of general-purpose AI models", appliesFrom: "GPAI_OBLIGATIONS" },
  ART_54: { citation: "Art. 54(1)", title: "Authorised representative of providers established in third countries", appliesFrom: "GPAI_OBLIGATIONS" },
  ART_54_6: { citation: "Art. 54(6)", title: "Open-source exemption from the authorised-representative duty (not for systemic-risk models)", appliesFrom: "GPAI_OBLIGATIONS" },
  ART_55: { citation: "Art. 55(1)", title: "Obligations of providers of general-purpose AI models with systemic risk", appliesFrom: "GPAI_OBLIGATIONS" },
  ART_56: { citation: "Art. 56", title: "Codes of practice for general-purpose AI models", appliesFrom: "GPAI_OBLIGATIONS" },
  // minimal risk
  ART_95: { citation: "Art. 95", title: "Codes of conduct for voluntary application of specific requirements", appliesFrom: "GENERAL_APPLICATION" },
};

function buildTable(): Readonly<Record<string, ArticleEntry>> {
  const table: Record<string, ArticleEntry> = {};
  for (const q of QUESTIONS) {
    for (const o of q.options) {
      if (!o.basis || table[o.basis]) continue;
      // a bare "Yes"/"No" means nothing on its own in a PDF: quote the question it answers
      const title = o.label === "Yes" || o.label === "No" ? `${q.text} ${o.label}.` : o.label;
      const citation = o.article ?? q.article;
      table[o.basis] = { id: o.basis, citation, title, amended: citation.includes("2026/1744"), appliesFrom: calendarOf(o.basis) };
    }
  }
  for (const [id, seed] of Object.entries(HAND_WRITTEN)) {
    table[id] = { id, ...seed, amended: seed.amended ?? seed.citation.includes("2026/1744") };
  }
  return table;
}

export const ARTICLE_TABLE: Readonly<Record<string, ArticleEntry>> = buildTable();

/** The legacy view (id → article + label) the UI and PDF read; derived from the article table. */
export const LEGAL_BASES: Readonly<Record<string, { article: string; label: string }>> = Object.fromEntries(Object.values(ARTICLE_TABLE).map((e) => [e.id, { article: e.citation, label: e.title }]));

/** Label and article of a legal-basis identifier, for the UI and the PDF. */
export function describeLegalBasis(basis: string): { article: string; label: string } {
  return LEGAL_BASES[basis] ?? { article: "", label: basis };
}

/** A table entry with the date it applies from (admin calendar corrections honoured). */
export function resolveArticle(id: string, overrides: CalendarOverrides = {}): (ArticleEntry & { applicationDate: Date }) | null {
  const entry = ARTICLE_TABLE[id];
  return entry ? { ...entry, applicationDate: applicationDate(entry.appliesFrom, overrides) } : null;
}
