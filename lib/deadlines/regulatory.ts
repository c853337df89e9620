// The AI Act's next application dates, with an admin's corrections from the Setting table
// (key "calendar.overrides": { "<entry id>": "YYYY-MM-DD" }); a malformed setting is ignored with a
// log line rather than taking the overview down.
import "server-only";
import { prisma } from "../db";
import { calendarOn, resolveCalendar, type CalendarOverrides } from "../compliance";

export const CALENDAR_OVERRIDES_SETTING = "calendar.overrides";

export type RegulatoryDate = { id: string; date: string; title: string; articles: string; daysUntil: number; amended: boolean; overridden: boolean };

export async function calendarOverrides(): Promise<CalendarOverrides> {
  const row = await prisma.setting.findUnique({ where: { key: CALENDAR_OVERRIDES_SETTING } });
  if (!row || typeof row.value !== "object" || row.value === null || Array.isArray(row.value)) return {};
  const overrides = row.value as CalendarOverrides;
  try {
    resolveCalendar(overrides);
    return overrides;
  } catch (error) {
    console.error(`[deadlines] ignoring invalid ${CALENDAR_OVERRIDES_SETTING} setting:`, error);
    return {};
  }
}

export async function upcomingRegulatoryDates({ now = new Date(), limit = 5 }: { now?: Date; limit?: number } = {}): Promise<RegulatoryDate[]> {
  const { upcoming } = calendarOn(now, await calendarOverrides());
  return upcoming.slice(0, limit).map((e) => ({
    id: e.id,
    date: e.date,
    title: e.title,
    articles: e.articles,
    daysUntil: Math.ceil((e.effectiveDate.getTime() - now.getTime()) / 86_400_000),
    amended: e.amendedBy !== undefined,
    overridden: e.overridden,
  }));
}
