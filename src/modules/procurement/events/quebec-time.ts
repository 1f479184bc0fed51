import { isRfc3339 } from '../ocds/validate.js';

/** Québec's time zone (Montréal and Québec City follow Toronto's rules). */
const ZONE = 'America/Toronto';
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads a date as SEAO files write it and returns RFC 3339 with the offset Québec had then:
 * an RFC 3339 value is kept as it is; "2026-03-02 14:30" is local time; a date alone is the
 * start of that day, or its last second when `endOfDay` (deadlines). Null when unreadable.
 */
export function toRfc3339(value: string, options: { endOfDay?: boolean } = {}): string | null {
  const text = value.trim();
  if (isRfc3339(text)) return text;
  const match = LOCAL.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dateOnly = match[4] === undefined;
  const [hour, minute, second] = dateOnly
    ? options.endOfDay
      ? [23, 59, 59]
      : [0, 0, 0]
    : [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  // The offset at the wall time read as UTC, corrected once (exact except within a DST jump).
  let offset = offsetMinutes(wall);
  offset = offsetMinutes(wall - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${match[1]}-${match[2]}-${match[3]}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, timeZoneName: 'longOffset' });

function offsetMinutes(instant: number): number {
  const name = formatter.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
