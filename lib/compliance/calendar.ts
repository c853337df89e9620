// The AI Act's application dates and penalty tiers: the one place these facts live. Each entry names its
// source. Dates changed by the 2026 Digital Omnibus on AI keep the original date beside the new one, and an
// admin can correct any date (e.g. should the Official Journal text differ) through `overrides`, which the
// database stores and passes in.
//
// Sources:
// - Regulation (EU) 2024/1689 (AI Act), OJ L, 2024/1689, 12.7.2024: Art. 113 (entry into force and
//   application), Art. 111 (systems and models already on the market), Art. 99 and 101 (penalties).
// - Digital Omnibus on AI (Commission proposal of 19 November 2025, procedure 2025/0359(COD)): provisional political
//   agreement 7 May 2026; European Parliament adoption 16 June 2026; Council adoption end of June 2026
//   (public reports give 24 and 29 June); enters into force on the third day after publication in the
//   Official Journal. The OJ reference is not recorded here: an admin should add it and check every
//   OMNIBUS date against the published text. Until the amendment is in force the original dates are law.

import { isoDate, parseIsoDate } from "./dates";
import { deriveBasisFlags } from "./basis-flags";
import type { ClassificationFacts } from "./types";

export const CALENDAR_ENTRY_IDS = [
  "ENTRY_INTO_FORCE",
  "PROHIBITIONS",
  "AI_LITERACY",
  "GPAI_OBLIGATIONS",
  "GOVERNANCE_AND_PENALTIES",
  "GENERAL_APPLICATION",
  "TRANSPARENCY",
  "GPAI_FINES",
  "OMNIBUS_ENTRY_INTO_FORCE",
  "PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT",
  "TRANSPARENCY_MARKING_EXISTING_SYSTEMS",
  "SANDBOXES",
  "GPAI_EXISTING_MODELS",
  "HIGH_RISK_ANNEX_III",
  "HIGH_RISK_ANNEX_I",
  "PUBLIC_AUTHORITY_EXISTING_SYSTEMS",
] as const;
export type CalendarEntryId = (typeof CALENDAR_ENTRY_IDS)[number];

export type CalendarEntry = {
  id: CalendarEntryId;
  /** YYYY-MM-DD, the date from which the provisions apply */
  date: string;
  /** the date in Regulation (EU) 2024/1689 before the Digital Omnibus, where it changed */
  originalDate?: string;
  amendedBy?: "DIGITAL_OMNIBUS_2026";
  title: string;
  articles: string;
  source: string;
  note?: string;
};

const AI_ACT = "Regulation (EU) 2024/1689, OJ L, 2024/1689, 12.7.2024";
const OMNIBUS = "Regulation (EU) 2026/1744 (Digital Omnibus on AI, 2025/0359(COD))";

export const AI_ACT_CALENDAR: readonly CalendarEntry[] = [
  { id: "ENTRY_INTO_FORCE", date: "2024-08-01", title: "AI Act enters into force", articles: "Art. 113, first paragraph", source: `${AI_ACT}, Art. 113` },
  {
    id: "PROHIBITIONS",
    date: "2025-02-02",
    title: "Prohibited AI practices apply",
    articles: "Chapter II (Art. 5)",
    source: `${AI_ACT}, Art. 113(a)`,
  },
  {
    id: "AI_LITERACY",
    date: "2025-02-02",
    title: "General provisions incl. AI literacy apply",
    articles: "Chapter I (Art. 1-4)",
    source: `${AI_ACT}, Art. 113(a)`,
    note: "Reg. (EU) 2026/1744 rewords Art. 4 (providers and deployers take measures to support AI literacy) from its entry into force.",
  },
  {
    id: "GPAI_OBLIGATIONS",
    date: "2025-08-02",
    title: "Obligations for providers of general-purpose AI models apply",
    articles: "Chapter V (Art. 51-56)",
    source: `${AI_ACT}, Art. 113(b)`,
  },
  {
    id: "GOVERNANCE_AND_PENALTIES",
    date: "2025-08-02",
    title: "Notified bodies, governance, confidentiality and national penalties apply",
    articles: "Chapter III Section 4, Chapter VII, Art. 78, Chapter XII (Art. 99-100)",
    source: `${AI_ACT}, Art. 113(b)`,
    note: "Art. 101 (fines on GPAI providers) is excepted and applies from 2 August 2026.",
  },
  {
    id: "GENERAL_APPLICATION",
    date: "2026-08-02",
    title: "General date of application",
    articles: "All remaining provisions (Art. 113, second paragraph)",
    source: `${AI_ACT}, Art. 113`,
  },
  {
    id: "TRANSPARENCY",
    date: "2026-08-02",
    title: "Transparency obligations for certain AI systems apply",
    articles: "Art. 50",
    source: `${AI_ACT}, Art. 113; unchanged by the Digital Omnibus`,
  },
  {
    id: "GPAI_FINES",
    date: "2026-08-02",
    title: "Commission fines on GPAI providers apply",
    articles: "Art. 101",
    source: `${AI_ACT}, Art. 113(b)`,
  },
  {
    id: "OMNIBUS_ENTRY_INTO_FORCE",
    date: "2026-07-27",
    amendedBy: "DIGITAL_OMNIBUS_2026",
    title: "Digital Omnibus on AI enters into force: amended Art. 4 (AI literacy), new Art. 4a, Art. 6(1a)-(1c), machinery moved to Annex I Section B point 21",
    articles: "Art. 4, 4a, 6(1a)-(1c); Annex I",
    source: OMNIBUS,
    note: "The rule set eu-ai-act@2026-07-27 (lib/compliance/rule-sets.ts) applies these amendments.",
  },
  {
    id: "PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT",
    date: "2026-12-02",
    amendedBy: "DIGITAL_OMNIBUS_2026",
    title: "New prohibitions: AI generating non-consensual intimate content of identifiable persons, or child sexual abuse material",
    articles: "Art. 5(1)(ba), 5(1)(bb)",
    source: OMNIBUS,
  },
  {
    id: "TRANSPARENCY_MARKING_EXISTING_SYSTEMS",
    date: "2026-12-02",
    originalDate: "2026-08-02",
    amendedBy: "DIGITAL_OMNIBUS_2026",
    title: "Machine-readable marking for generative systems already on the market before 2 August 2026",
    articles: "Art. 50(2)",
    source: OMNIBUS,
  },
  {
    id: "SANDBOXES",
    date: "2027-08-02",
    originalDate: "2026-08-02",
    amendedBy: "DIGITAL_OMNIBUS_2026",
    title: "National AI regulatory sandboxes operational",
    articles: "Art. 57(1)",
    source: OMNIBUS,
  },
  {
    id: "GPAI_EXISTING_MODELS",
    date: "2027-08-02",
    title: "GPAI models placed on the market before 2 August 2025 must comply",
    articles: "Art. 111(3)",
    source: `${AI_ACT}, Art. 111(3)`,
  },
  {
    id: "HIGH_RISK_ANNEX_III",
    date: "2027-12-02",
    originalDate: "2026-08-02",
    amendedBy: "DIGITAL_OMNIBUS_2026",
    title: "High-risk obligations for Annex III (stand-alone) systems apply",
    articles: "Art. 6(2)-(4), Chapter III Sections 1-3, Art. 26, 27, 43, 47-49, 72, 73 for Annex III systems",
    source: OMNIBUS,
    note: "Fixed date replacing 2 August 2026 (Art. 113).",
  },
  {
    id: "HIGH_RISK_ANNEX_I",
    date: "2028-08-02",
    originalDate: "2027-08-02",
    amendedBy: "DIGITAL_OMNIBUS_2026",
    title: "High-risk obligations for AI in Annex I products apply",
    articles: "Art. 6(1) and the corresponding obligations",
    source: OMNIBUS,
    note: "Fixed date replacing 2 August 2027 (Art. 113(c)).",
  },
  {
    id: "PUBLIC_AUTHORITY_EXISTING_SYSTEMS",
    date: "2030-08-02",
    title: "High-risk systems already on the market and used by public authorities must comply",
    articles: "Art. 111(2)",
    source: `${AI_ACT}, Art. 111(2)`,
    note: "Other high-risk systems placed on the market before the application date are caught only when significantly changed in design (Art. 111(2)).",
  },
];

/** An admin correction: entry id → date (YYYY-MM-DD or Date). Unknown ids are rejected. */
export type CalendarOverrides = Partial<Record<CalendarEntryId, string | Date>>;

export type ResolvedCalendarEntry = CalendarEntry & { effectiveDate: Date; overridden: boolean };

export function resolveCalendar(overrides: CalendarOverrides = {}): ResolvedCalendarEntry[] {
  for (const id of Object.keys(overrides)) {
    if (!(CALENDAR_ENTRY_IDS as readonly string[]).includes(id)) throw new Error(`Unknown calendar entry "${id}"`);
  }
  return AI_ACT_CALENDAR.map((entry) => {
    const override = overrides[entry.id];
    if (override === undefined) return { ...entry, effectiveDate: parseIsoDate(entry.date), overridden: false };
    const date = typeof override === "string" ? parseIsoDate(override) : new Date(Date.UTC(override.getUTCFullYear(), override.getUTCMonth(), override.getUTCDate()));
    if (Number.isNaN(date.getTime())) throw new Error(`Invalid override date for "${entry.id}"`);
    return { ...entry, date: isoDate(date), effectiveDate: date, overridden: true };
  }).sort((a, b) => a.effectiveDate.getTime() - b.effectiveDate.getTime());
}

/** When an entry applies from. Provisions apply from the start of that day (UTC). */
export function applicationDate(id: CalendarEntryId, overrides: CalendarOverrides = {}): Date {
  const entry = resolveCalendar(overrides).find((e) => e.id === id);
  if (!entry) throw new Error(`Unknown calendar entry "${id}"`);
  return entry.effectiveDate;
}

/** Entries in effect on `asOf` (application date at or before it) and those still to come. */
export function calendarOn(asOf: Date, overrides: CalendarOverrides = {}): { inEffect: ResolvedCalendarEntry[]; upcoming: ResolvedCalendarEntry[] } {
  const resolved = resolveCalendar(overrides);
  const t = asOf.getTime();
  return { inEffect: resolved.filter((e) => e.effectiveDate.getTime() <= t), upcoming: resolved.filter((e) => e.effectiveDate.getTime() > t) };
}

export type ApplicableObligationGroup = {
  id: CalendarEntryId;
  title: string;
  articles: string;
  appliesFrom: Date;
  inEffect: boolean;
  /** whole days until it applies (0 when in effect) */
  daysUntil: number;
  source: string;
  note?: string;
};

/**
 * Which dated groups of obligations concern this model, and whether each is in effect on `asOf`. The UI
 * shows them as a deadline list; a model whose high-risk obligations are not yet applicable is still
 * documented against the full catalogue (preparing early is the point of the product).
 */
export function obligationsApplicableOn(
  classification: Pick<ClassificationFacts, "riskClass" | "legalBasis" | "transparencyDuties" | "gpai" | "gpaiSystemicRisk">,
  asOf: Date,
  options: { overrides?: CalendarOverrides; publicAuthority?: boolean } = {},
): ApplicableObligationGroup[] {
  const { riskClass, legalBasis, transparencyDuties, gpai } = classification;
  const flags = deriveBasisFlags(riskClass, legalBasis, options.publicAuthority ?? false);
  const ids = new Set<CalendarEntryId>();
  const inScope = riskClass === "HIGH" || riskClass === "LIMITED" || riskClass === "MINIMAL";
  if (riskClass === "PROHIBITED") {
    // the Omnibus prohibition has its own date; every other Art. 5 practice (or an unknown one) the 2025 date
    const omnibusPoint = (b: string) => b === "ART_5_1_BA" || b === "ART_5_1_BB" || b === "ART_5_1_NCII";
    const practice = (b: string) => b.startsWith("ART_5_1_");
    if (legalBasis.some(omnibusPoint)) ids.add("PROHIBITION_NON_CONSENSUAL_INTIMATE_CONTENT");
    if (!legalBasis.some(practice) || legalBasis.some((b) => practice(b) && !omnibusPoint(b))) ids.add("PROHIBITIONS");
  }
  if (inScope || riskClass === "PROHIBITED") ids.add("GOVERNANCE_AND_PENALTIES");
  if (inScope) ids.add("AI_LITERACY");
  if (flags.annexIIIHigh || flags.derogation) ids.add("HIGH_RISK_ANNEX_III");
  if (flags.annexIHigh) ids.add("HIGH_RISK_ANNEX_I");
  if (flags.annexIIIHigh && options.publicAuthority) ids.add("PUBLIC_AUTHORITY_EXISTING_SYSTEMS");
  if (inScope && transparencyDuties.length > 0) ids.add("TRANSPARENCY");
  if (inScope && transparencyDuties.includes("ART_50_2")) ids.add("TRANSPARENCY_MARKING_EXISTING_SYSTEMS");
  if (inScope && gpai) {
    ids.add("GPAI_OBLIGATIONS");
    ids.add("GPAI_FINES");
    ids.add("GPAI_EXISTING_MODELS");
  }
  const t = asOf.getTime();
  return resolveCalendar(options.overrides ?? {})
    .filter((e) => ids.has(e.id))
    .map((e) => {
      const inEffect = e.effectiveDate.getTime() <= t;
      const group: ApplicableObligationGroup = {
        id: e.id,
        title: e.title,
        articles: e.articles,
        appliesFrom: e.effectiveDate,
        inEffect,
        daysUntil: inEffect ? 0 : Math.ceil((e.effectiveDate.getTime() - t) / 86_400_000),
        source: e.source,
      };
      if (e.note !== undefined) group.note = e.note;
      return group;
    });
}

// ---------- penalties (Art. 99, 101) ----------

export type PenaltyTier = {
  id: "PROHIBITED_PRACTICES" | "OTHER_OBLIGATIONS" | "MISLEADING_INFORMATION" | "GPAI_PROVIDERS";
  article: string;
  maxEur: number;
  /** percentage of total worldwide annual turnover of the preceding financial year */
  maxTurnoverPercent: number;
  covers: string;
  source: string;
};

export const PENALTY_TIERS: readonly PenaltyTier[] = [
  {
    id: "PROHIBITED_PRACTICES",
    article: "Art. 99(3)",
    maxEur: 35_000_000,
    maxTurnoverPercent: 7,
    covers: "Non-compliance with the prohibition of AI practices (Art. 5)",
    source: `${AI_ACT}, Art. 99(3)`,
  },
  {
    id: "OTHER_OBLIGATIONS",
    article: "Art. 99(4)",
    maxEur: 15_000_000,
    maxTurnoverPercent: 3,
    covers: "Non-compliance of operators or notified bodies with other obligations (incl. Art. 16, 22-24, 26, 31, 33, 34, 50)",
    source: `${AI_ACT}, Art. 99(4)`,
  },
  {
    id: "MISLEADING_INFORMATION",
    article: "Art. 99(5)",
    maxEur: 7_500_000,
    maxTurnoverPercent: 1,
    covers: "Incorrect, incomplete or misleading information supplied to notified bodies or national competent authorities",
    source: `${AI_ACT}, Art. 99(5)`,
  },
  {
    id: "GPAI_PROVIDERS",
    article: "Art. 101(1)",
    maxEur: 15_000_000,
    maxTurnoverPercent: 3,
    covers: "Providers of general-purpose AI models (imposed by the Commission; applies from 2 August 2026)",
    source: `${AI_ACT}, Art. 101(1)`,
  },
];

/**
 * The maximum fine of a tier for an undertaking: the higher of the fixed amount and the turnover share;
 * for SMEs including start-ups the lower of the two (Art. 99(6)). Art. 101 has no SME rule.
 */
export function maximumFine(tierId: PenaltyTier["id"], worldwideTurnoverEur: number, options: { sme?: boolean } = {}): number {
  const tier = PENALTY_TIERS.find((t) => t.id === tierId);
  if (!tier) throw new Error(`Unknown penalty tier "${tierId}"`);
  if (!Number.isFinite(worldwideTurnoverEur) || worldwideTurnoverEur < 0) throw new Error("Turnover must be a non-negative finite number");
  const share = (worldwideTurnoverEur * tier.maxTurnoverPercent) / 100;
  return options.sme && tier.id !== "GPAI_PROVIDERS" ? Math.min(tier.maxEur, share) : Math.max(tier.maxEur, share);
}
