// Small zod building blocks shared by the input schemas of several domains.
import { z } from "zod";

/** Canonical UUID text: checked before a value reaches a uuid column (a malformed id is a 404, not a 500). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Optional free text: trimmed, length-limited, and "" stored as null (a cleared form field). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

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
