const DAY_MS = 86_400_000;

const parisCalendarDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const frenchDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * A time of day in Paris, `days` days from the real now: what the author types into the admin's
 * `datetime-local` inputs (Paris time, `2027-12-05T18:00`) and how the site writes it back
 * (« 5 décembre 2027 à 18 h 00 », « 1er » for the first of the month).
 */
export function parisTimeIn(days: number, time = '18:00'): { input: string; text: string } {
  const day = parisCalendarDay.format(new Date(Date.now() + days * DAY_MS));
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':');
  const written = frenchDate.format(Date.UTC(year, month - 1, date)).replace(/^1 /, '1er ');
  return { input: `${day}T${time}`, text: `${written} à ${Number(hours)} h ${minutes}` };
}
