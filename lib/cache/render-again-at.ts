import 'server-only';
import { unstable_cache } from 'next/cache';

/** How far ahead a page is told to render again for a date (a date years away: once a day). */
const MAX_RENDER_AHEAD_SECONDS = 86_400;

/**
 * Has the page being rendered rendered again once `date` has come, so that a change tied to the
 * clock (a scheduled closing, the book's release, an article's publication, an event's end) shows
 * without anybody writing: Next revalidates a statically rendered page after the shortest
 * `revalidate` of the unstable_cache calls its render made, hits included, and sends it to nginx
 * as the page's `s-maxage`. Outside a static render (a route handler) it is one cache lookup.
 */
export function renderAgainAt(date: Date, now: Date): Promise<unknown> {
  const seconds = Math.min(Math.max(Math.ceil((date.getTime() - now.getTime()) / 1000), 1), MAX_RENDER_AHEAD_SECONDS);
  return unstable_cache(async () => date.toISOString(), ['render-again-at', date.toISOString()], { revalidate: seconds })();
}

/** The earliest of the dates still to come after `now`, if any: what a page showing them renders again for. */
export function nextChange(dates: Iterable<Date | null | undefined>, now: Date): Date | undefined {
  let earliest: Date | undefined;
  for (const date of dates) if (date && date > now && (!earliest || date < earliest)) earliest = date;
  return earliest;
}
