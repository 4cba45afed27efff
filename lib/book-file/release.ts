import { parisWallClockToInstant } from '../format-date';

export type ReleaseCheck = { ok: true; release: Date; releaseDay: string } | { ok: false; message: string };

/**
 * `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM`, Paris time → the instant of the release.
 * Relative import: next.build-config.ts reaches this file, and its compiler knows no `@/` alias.
 */
export function parseRelease(text: string): ReleaseCheck {
  const invalid = { ok: false, message: `date invalide « ${text} » : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris) attendu.` } as const;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return invalid;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => Number(part ?? '0')) as [number, number, number, number, number];
  // Date.UTC carries 13th months and 45th days over into the next ones: refuse what it moved.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || hour > 23 || minute > 59) return invalid;
  const release = parisWallClockToInstant(year, month, day, hour, minute);
  if (!release) {
    return { ok: false, message: `heure inexistante « ${text} » : cette nuit-là, à Paris, les horloges sautent de 2 h à 3 h.` };
  }
  return { ok: true, release, releaseDay: text.trim().slice(0, 10) };
}

/** Whether the book is in bookstores at `now`. */
export function isReleased(book: { release: Date }, now: Date): boolean {
  return now.getTime() >= book.release.getTime();
}
