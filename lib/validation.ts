// Small zod building blocks shared by the input schemas of every domain (API bodies, server actions,
// imports), and the input guards that run before any schema: what PostgreSQL cannot store (NUL),
// what cannot round-trip (lone UTF-16 surrogates become U+FFFD), dates outside what a timestamp
// column and ISO 8601 text both hold, numbers beyond an int4 column. Bad input is a 422 with the
// field named, never a 500.
import { z } from "zod";
import { AppError } from "./errors";

/** Canonical UUID text: checked before a value reaches a uuid column (a malformed id is a 404, not a 500). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Largest value of a PostgreSQL `integer` column (revisions, counts, minutes). */
export const INT4_MAX = 2_147_483_647;

/** Dates we accept: years 1-9999, which both PostgreSQL's timestamp and 4-digit ISO 8601 text hold. */
export const MIN_DATE = new Date("0001-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");

// NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = "Contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored.";

/** True when `s` can be stored as text and read back unchanged. */
export const isSafeText = (s: string): boolean => !UNSAFE_TEXT.test(s);

/**
 * The path ("metrics.0.name") of the first string (value or object key) in `value` that is not
 * safe text, or null. Walks JSON-like data; deep or cyclic structures stop at `maxDepth`.
 */
export function findUnsafeText(value: unknown, path: string[] = [], maxDepth = 64): string | null {
  if (typeof value === "string") return isSafeText(value) ? null : path.join(".") || "_body";
  if (value === null || typeof value !== "object" || path.length > maxDepth) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      // samples of a monitoring push are a million numbers: only look into what can hold text
      if (typeof item === "string" || (item !== null && typeof item === "object")) {
        const found = findUnsafeText(item, [...path, String(i)], maxDepth);
        if (found) return found;
      }
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isSafeText(k)) return [...path, k.replace(UNSAFE_TEXT, "?")].join(".");
    const found = findUnsafeText(v, [...path, k], maxDepth);
    if (found) return found;
  }
  return null;
}

/** Throws a 422 naming the field when any text in `value` cannot be stored. Run before schemas. */
export function assertSafeInput(value: unknown, what = "The input"): void {
  const field = findUnsafeText(value);
  if (field) throw new AppError("VALIDATION", `${what} has a field that cannot be stored: ${UNSAFE_TEXT_MESSAGE}`, { [field]: [UNSAFE_TEXT_MESSAGE] });
}

/** The query parameters of a URL as a plain object, refusing unstorable text with a 422. */
export function safeSearchParams(url: URL): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) raw[k] = v;
  assertSafeInput(raw, "The query");
  return raw;
}

/** z.string() that refuses text PostgreSQL cannot store or that would not read back unchanged. */
export const safeString = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine(isSafeText, UNSAFE_TEXT_MESSAGE);

/** Required text: trimmed, non-empty, length-limited, storable. */
export const requiredText = (max: number, emptyMessage = "Required.") => z.string().trim().min(1, emptyMessage).max(max, `At most ${max} characters.`).refine(isSafeText, UNSAFE_TEXT_MESSAGE);

/** Optional free text: trimmed, length-limited, storable, and "" stored as null (a cleared form field). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .refine(isSafeText, UNSAFE_TEXT_MESSAGE)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const inDateRange = (d: Date) => d.getTime() >= MIN_DATE.getTime() && d.getTime() <= MAX_DATE.getTime();

/** A date (ISO text, form value or Date) within years 1-9999. */
/** An email address or nothing: blank becomes null; stored lower-case. */
export const optionalEmail = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.email("Enter a valid email address.").nullable())
    .nullable()
    .optional();

export const dateInput = (message = "Enter a valid date.") => z.coerce.date({ error: message }).refine(inDateRange, "Enter a date between the years 1 and 9999.");

/** A finite number within [min, max] (JSON's 1e400 parses to Infinity; an int4 column overflows). */
export const boundedNumber = (min: number, max: number, message = "Enter a number.") => z.number({ error: message }).min(min, `At least ${min}.`).max(max, `At most ${max}.`);

/** A revision number as sent by forms ("3") and the API (3). */
export const revisionInput = (message = "Missing revision.") => z.coerce.number({ error: message }).int().positive().max(INT4_MAX, "Not a revision of this record.");

/** A UUID path or form parameter; anything else is "not found" for the caller to report. */
export const uuidSchema = z.string().regex(UUID_PATTERN, "Not a valid id.");

// ISO 8601 date or date-time, as <input type="date">, the API and CSV files send it.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * True for an ISO 8601 date that exists in the calendar. JavaScript's Date shifts impossible dates
 * (2026-02-30 becomes 2026-03-02); this refuses them instead, and years outside 0001-9999.
 */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (day > daysInMonth) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return !Number.isNaN(new Date(text).getTime());
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * A date field: a Date (e.g. a value read back from the database) or an ISO 8601 string naming a real
 * calendar date. Replaces z.coerce.date(), which silently shifts 2026-02-30 to March.
 */
export const calendarDate = (message = "Enter a valid date (YYYY-MM-DD).") =>
  z.union(
    [
      z.date({ error: message }),
      z
        .string()
        .trim()
        .refine(isCalendarDate, message)
        .transform((s) => new Date(s)),
    ],
    { error: message },
  );

/**
 * A search text for a SQL LIKE / ILIKE "contains": `%`, `_` and the escape character itself match
 * literally (PostgreSQL's default escape character is the backslash). Prisma's `contains` does not
 * escape them, so `q=%` would otherwise match every row.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Withdrawing a record (a version, a bias assessment, an incident): the revision the user saw, and why; the record stays in the history. */
export const withdrawalSchema = z.object({
  revision: revisionInput("Reload the page: the form lost its revision."),
  reason: requiredText(2000, "Say why it is withdrawn."),
});

/** What every correction carries besides the corrected fields: the revision the user saw, and what was wrong. */
export const correctionFields = {
  revision: revisionInput("Reload the page: the form lost its revision."),
  reason: requiredText(2000, "Say what was wrong."),
};
