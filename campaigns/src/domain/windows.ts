/**
 * Calling windows: local wall-clock intervals per weekday, evaluated in an IANA timezone with luxon,
 * so DST changes move the instants, never the local hours. A window start that falls in a DST gap
 * (e.g. 02:30 on a spring-forward night) moves to the first valid instant after it.
 */
import { DateTime } from 'luxon';
import { TzError } from '@tingzhen/voice-core';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** ["09:00", "12:00"]: local start (inclusive) and end (exclusive), 24-hour HH:MM. */
export type WindowRange = [string, string];
export type CallingWindows = Partial<Record<Weekday, WindowRange[]>>;

export interface WindowSpec {
  windows: CallingWindows;
  timezone: string;
  /** ISO dates (YYYY-MM-DD, local) on which nobody is called. */
  quietDays?: readonly string[];
  /** First and last local dates of the campaign (inclusive). */
  startDate?: string | null;
  endDate?: string | null;
}

export interface Slot {
  /** The first allowed instant at or after the asked time. */
  at: Date;
  /** The end of the window that contains `at`: dialling after it is late. */
  windowEnd: Date;
}

// 24:00 ends a day; no later time exists (24:30 is refused).
const HHMM = /^(?!24:(?!00))([01]\d|2[0-4]):([0-5]\d)$/;
/** How far ahead a slot is searched for, days: longer than any campaign runs. */
const SEARCH_DAYS = 400;

export function isValidTimezone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

export function validateWindows(windows: CallingWindows): string[] {
  const problems: string[] = [];
  for (const [day, ranges] of Object.entries(windows)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) { problems.push(`unknown weekday ${day}`); continue; }
    for (const r of ranges ?? []) {
      if (!Array.isArray(r) || r.length !== 2 || !HHMM.test(r[0]) || !HHMM.test(r[1])) problems.push(`${day}: window must be ["HH:MM","HH:MM"]`);
      else if (minutes(r[1]) <= minutes(r[0])) problems.push(`${day}: window ${r[0]}-${r[1]} ends before it starts`);
    }
  }
  return problems;
}

function minutes(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** The next allowed moment at or after `from`, or null when the campaign's dates leave none. */
export function nextSlot(from: Date, spec: WindowSpec): Slot | null {
  if (!isValidTimezone(spec.timezone)) throw new TzError('TZ_ERR_VALIDATION', { field: 'timezone' });
  const quiet = new Set(spec.quietDays ?? []);
  const now = DateTime.fromJSDate(from, { zone: spec.timezone });
  for (let d = 0; d < SEARCH_DAYS; d++) {
    const day = now.startOf('day').plus({ days: d });
    const iso = day.toISODate()!;
    if (spec.endDate && iso > spec.endDate) return null;
    if (spec.startDate && iso < spec.startDate) continue;
    if (quiet.has(iso)) continue;
    const key = WEEKDAYS[day.weekday - 1]!;
    const ranges = [...(spec.windows[key] ?? [])].sort((a, b) => minutes(a[0]) - minutes(b[0]));
    for (const [s, e] of ranges) {
      const start = wallClock(day, s, spec.timezone);
      const end = wallClock(day, e, spec.timezone);
      if (end <= start) continue; // a window swallowed by a DST gap
      if (now < end) {
        const begin = now > start ? now : start;
        return { at: begin.toJSDate(), windowEnd: end.toJSDate() };
      }
    }
  }
  return null;
}

/** A local wall-clock time on `day`, as an instant (gap times move forward, overlap times take the first). */
function wallClock(day: DateTime, hhmm: string, zone: string): DateTime {
  const mins = minutes(hhmm);
  if (mins === 24 * 60) return day.plus({ days: 1 }).startOf('day');
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(mins / 60), minute: mins % 60 }, { zone });
}

/** Whether `now` is inside an allowed window. */
export function isAllowedAt(now: Date, spec: WindowSpec): boolean {
  const slot = nextSlot(now, spec);
  return slot !== null && slot.at.getTime() === now.getTime();
}

/** Local start of the calendar day containing `now` in `zone` (for per-day caps). */
export function startOfLocalDay(now: Date, zone: string): Date {
  return DateTime.fromJSDate(now, { zone }).startOf('day').toJSDate();
}
