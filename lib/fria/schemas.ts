// The Art. 27 fundamental rights impact assessment: one zod schema for the form and the server.
import { z } from "zod";
import { optionalText } from "../validation";

export const FRIA_TEXT_MAX = 10_000;

/** The six elements of Art. 27(1), in the Act's order: the form, the completeness rule and the PDF read this. */
export const FRIA_ELEMENTS = [
  {
    letter: "a",
    field: "processes",
    title: "Processes in which the system is used",
    help: "A description of our processes in which the high-risk AI system will be used in line with its intended purpose.",
    article: "Art. 27(1)(a)",
  },
  {
    letter: "b",
    field: "periodAndFrequency",
    title: "Period and frequency of use",
    help: "The period of time within which, and the frequency with which, the system is intended to be used.",
    article: "Art. 27(1)(b)",
  },
  {
    letter: "c",
    field: "affectedPersons",
    title: "Categories of persons and groups affected",
    help: "The categories of natural persons and groups likely to be affected by its use in the specific context.",
    article: "Art. 27(1)(c)",
  },
  {
    letter: "d",
    field: "specificRisks",
    title: "Specific risks of harm",
    help: "The specific risks of harm likely to have an impact on those categories, taking into account the provider's information under Art. 13.",
    article: "Art. 27(1)(d)",
  },
  { letter: "e", field: "humanOversight", title: "Human oversight measures", help: "The implementation of human oversight measures, according to the instructions for use.", article: "Art. 27(1)(e)" },
  {
    letter: "f",
    field: "mitigationMeasures",
    title: "Measures if the risks materialise",
    help: "The measures to be taken if those risks materialise, including internal governance and complaint mechanisms.",
    article: "Art. 27(1)(f)",
  },
] as const;

export type FriaElementField = (typeof FRIA_ELEMENTS)[number]["field"];

/** A calendar day (YYYY-MM-DD) in a plausible range, or empty for "not yet". */
const optionalDay = z.preprocess(
  (v) => v ?? "",
  z
    .string()
    .trim()
    .max(10)
    .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), "Enter a date as YYYY-MM-DD.")
    .refine((v) => v === "" || (v >= "2024-08-01" && v <= "2100-12-31"), "The date must be between 2024-08-01 (the AI Act's entry into force) and 2100.")
    .transform((v) => (v === "" ? null : new Date(`${v}T00:00:00Z`))),
);

const noNul = (max: number) => optionalText(max).refine((v) => v == null || !v.includes("\u0000"), "Text may not contain NUL characters.");

export const friaInputSchema = z
  .object({
    processes: noNul(FRIA_TEXT_MAX),
    periodAndFrequency: noNul(FRIA_TEXT_MAX),
    affectedPersons: noNul(FRIA_TEXT_MAX),
    specificRisks: noNul(FRIA_TEXT_MAX),
    humanOversight: noNul(FRIA_TEXT_MAX),
    mitigationMeasures: noNul(FRIA_TEXT_MAX),
    notifiedAt: optionalDay,
    notificationReference: noNul(200),
    reviewNote: noNul(2_000),
    /** the revision the form was opened at (0 for a new assessment): optimistic locking */
    revision: z.coerce.number().int().min(0).max(1_000_000),
  })
  .refine((v) => (v.notifiedAt === null) === (v.notificationReference == null), {
    path: ["notificationReference"],
    message: "Record both the notification date and the authority's reference, or neither.",
  });

export type FriaInput = z.input<typeof friaInputSchema>;
