import { toRfc3339 } from '../events/quebec-time.js';

/** A month ("2026-03") or an ISO week ("2026-W09"), in Québec time, as [from, to). */
export interface Period {
  kind: 'month' | 'week';
  name: string;
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

export function parsePeriod(name: string): Period | null {
  const month = MONTH.exec(name);
  if (month) {
    const year = Number(month[1]);
    const index = Number(month[2]);
    const next = index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
    return { kind: 'month', name, from: local(`${name}-01`), to: local(`${next}-01`) };
  }
  const week = WEEK.exec(name);
  if (week) {
    const monday = isoWeekMonday(Number(week[1]), Number(week[2]));
    if (!monday) return null;
    const next = new Date(monday.getTime() + 7 * 86_400_000);
    return { kind: 'week', name, from: local(day(monday)), to: local(day(next)) };
  }
  return null;
}

/** Monday of ISO week `week` of `year` (null when the year has no such week). */
function isoWeekMonday(year: number, week: number): Date | null {
  const january4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = new Date(january4.getTime() - ((january4.getUTCDay() + 6) % 7) * 86_400_000);
  const monday = new Date(mondayOfWeek1.getTime() + (week - 1) * 7 * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000);
  return thursday.getUTCFullYear() === year ? monday : null;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const local = (date: string) => toRfc3339(date) as string;
