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

/** The day of an instant in Paris (a release, a publication): « 15 mai 2008 ». */
export function formatParisDay(date: Date): string {
  return withFirst(dayMonthYear.format(date));
}

/**
 * An instant, in Paris time: « 5 mai 2008 à 14 h 32 »; during the hour the autumn night repeats,
 * with which of the two it is: « 25 octobre 2026 à 2 h 30 (heure d’été) ».
 */
export function formatDateTime(date: Date): string {
  const text = `${withFirst(dayMonthYear.format(date))} à ${formatTime(date)}`;
  const wallClock = Math.floor(date.getTime() / 60_000) * 60_000 + parisOffsetMinutes(date) * 60_000;
  return instantsOf(wallClock).length > 1 ? `${text} (${seasonOf(date)})` : text;
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

/** The UTC offsets Paris uses around a moment (one, or two near a change of clocks). */
function offsetsAround(wallClock: number): number[] {
  const day = 86_400_000;
  return [...new Set([parisOffsetMinutes(new Date(wallClock - day)), parisOffsetMinutes(new Date(wallClock + day))])].sort((a, b) => b - a);
}

/** The instants a Paris wall-clock time names: none in the spring gap, two in the autumn overlap. */
function instantsOf(wallClock: number): Date[] {
  return offsetsAround(wallClock)
    .map((offset) => new Date(wallClock - offset * 60_000))
    .filter((instant) => instant.getTime() + parisOffsetMinutes(instant) * 60_000 === wallClock);
}

const seasonOf = (instant: Date) => (parisOffsetMinutes(instant) > 60 ? 'heure d’été' : 'heure d’hiver');

export type ParisDateTime = { ok: true; instant: Date; note?: string } | { ok: false; message: string };

/**
 * `2026-12-01T18:00` (an `<input type="datetime-local">`, Paris time) → the instant. The spring
 * night's missing hour is refused; the autumn night's repeated hour takes its first pass (summer
 * time) and says so, so that what the author reads back is what was stored.
 */
export function readParisDateTime(value: string): ParisDateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  const invalid = { ok: false as const, message: 'Date invalide : jour et heure attendus (heure de Paris).' };
  if (!match) return invalid;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallClock);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return invalid;
  const instants = instantsOf(wallClock);
  const spoken = `Le ${withFirst(dayMonthYearUtc.format(check))} à ${hour} h ${String(minute).padStart(2, '0')}`;
  const [first, second] = instants;
  if (!first) {
    return { ok: false, message: `${spoken} n’existe pas à Paris : cette nuit-là, les horloges passent directement de 2 h à 3 h (heure d’été). Choisissez une autre heure, par exemple 3 h 00.` };
  }
  if (second) {
    return { ok: true, instant: first, note: `${spoken} existe deux fois à Paris (retour à l’heure d’hiver) : c’est la première, en heure d’été, qui est retenue.` };
  }
  return { ok: true, instant: first };
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
  return instantsOf(Date.UTC(year, month - 1, day, hour, minute))[0] ?? null;
}
