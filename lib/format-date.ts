const TIME_ZONE = 'Europe/Paris';

const dayMonthYear = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const dayMonthYearUtc = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const hourMinute = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });

/** French ordinal for the first of the month: « 1er mai 2008 ». */
function withFirst(formatted: string): string {
  return formatted.replace(/^1 /, '1er ');
}

/** A calendar date (articles, stored at midnight UTC): « 5 mai 2008 ». */
export function formatDate(date: Date): string {
  return withFirst(dayMonthYearUtc.format(date));
}

/** An instant, in Paris time: « 5 mai 2008 à 14 h 32 ». */
export function formatDateTime(date: Date): string {
  return `${withFirst(dayMonthYear.format(date))} à ${formatTime(date)}`;
}

/** A time of day, in Paris time: « 14 h 32 ». */
export function formatTime(date: Date): string {
  const [hours, minutes] = hourMinute.format(date).split(':');
  return `${Number(hours)} h ${minutes}`;
}

/** `YYYY-MM-DD` for `<time dateTime>` and feeds. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parisOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** `2026-12-01T18:00` (an `<input type="datetime-local">`, Paris time) → the instant, or null. */
export function parseParisDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  const first = new Date(wallClock - parisOffsetMinutes(new Date(wallClock)) * 60_000);
  return new Date(wallClock - parisOffsetMinutes(first) * 60_000);
}

/** The instant as an `<input type="datetime-local">` value, Paris time. */
export function toParisDateTimeInput(date: Date): string {
  const local = new Date(date.getTime() + parisOffsetMinutes(date) * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * A Paris wall-clock time → the instant. Null when that time does not exist (the spring-forward
 * night); on the autumn night, when it happens twice, the first of the two.
 */
export function parisWallClockToInstant(year: number, month: number, day: number, hour: number, minute: number): Date | null {
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  const aroundOffsets = new Set([-1, 1].map((days) => parisOffsetMinutes(new Date(wallClock + days * 86_400_000))));
  const instants = [...aroundOffsets]
    .map((offset) => wallClock - offset * 60_000)
    .filter((instant) => instant + parisOffsetMinutes(new Date(instant)) * 60_000 === wallClock)
    .sort((a, b) => a - b);
  const first = instants[0];
  return first === undefined ? null : new Date(first);
}
