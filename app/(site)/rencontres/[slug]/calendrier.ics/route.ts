import { getConfig } from '@/lib/config';
import { buildCalendar } from '@/lib/events/calendar';
import { listEvents } from '@/lib/events/list-events';
import { calendarName, calendarResponse } from '@/lib/events/calendar-response';
import { getBook } from '@/lib/book-file/get-book';

type Context = { params: Promise<{ slug: string }> };

/** One event as an .ics file, to add to one's calendar. */
export async function GET(_request: Request, { params }: Context) {
  const { slug } = await params;
  const event = (await listEvents()).find((candidate) => candidate.slug === slug);
  if (!event) return new Response('Cette rencontre n’existe pas.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return calendarResponse(buildCalendar([event], { siteUrl: getConfig().SITE_URL, now: new Date(), name: calendarName(await getBook()) }), `${slug}.ics`);
}
