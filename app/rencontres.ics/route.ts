import { getConfig } from '@/lib/config';
import { buildCalendar } from '@/lib/events/calendar';
import { listEvents } from '@/lib/events/list-events';
import { calendarName, calendarResponse } from '@/lib/events/calendar-response';
import { getBook } from '@/lib/book-file/get-book';

/** The calendar feed of every event (RFC 5545), written at each request from the events in memory. */
export async function GET() {
  return calendarResponse(buildCalendar(await listEvents(), { siteUrl: getConfig().SITE_URL, now: new Date(), name: calendarName(await getBook()) }), 'rencontres.ics');
}
