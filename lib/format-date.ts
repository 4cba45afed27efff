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
  const [hours, minutes] = hourMinute.format(date).split(':');
  return `${withFirst(dayMonthYear.format(date))} à ${Number(hours)} h ${minutes}`;
}

/** `YYYY-MM-DD` for `<time dateTime>` and feeds. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
