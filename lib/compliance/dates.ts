// Calendar arithmetic shared by the freshness rules. All in UTC so that a verdict never depends on the
// server's time zone.

export const DAY_MS = 86_400_000;

/**
 * The same instant `months` calendar months earlier/later, in UTC. The day of month is clamped to the
 * target month's length (31 March minus one month is 28/29 February), so "within 12 months" of
 * 29 Feb 2028 is 28 Feb 2027, never 1 March.
 */
export function addMonthsUtc(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return new Date(Date.UTC(targetYear, targetMonth, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

// Reasons quote dates, and an inventory of 10,000 models formats ~100,000 of them that fall on a few
// hundred distinct days: caching per UTC day turns each into a map lookup instead of two new strings.
const isoDateCache = new Map<number, string>();

/** ISO calendar date (YYYY-MM-DD) of an instant, in UTC. */
export function isoDate(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return "invalid date";
  const day = Math.floor(time / DAY_MS);
  let text = isoDateCache.get(day);
  if (text === undefined) {
    text = date.toISOString().slice(0, 10);
    if (isoDateCache.size > 20_000) isoDateCache.clear();
    isoDateCache.set(day, text);
  }
  return text;
}

/** Parses a YYYY-MM-DD string as midnight UTC; throws on anything else so a typo in data fails loudly. */
export function parseIsoDate(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`Not an ISO date (YYYY-MM-DD): "${value}"`);
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || isoDate(date) !== value) throw new Error(`Not a calendar date: "${value}"`);
  return date;
}
