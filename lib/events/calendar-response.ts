/** The name calendar applications show for the site's calendar. */
export const calendarName = (book: { title: string }) => `Rencontres – ${book.title}`;

/** An iCalendar answer, named for a download. */
export function calendarResponse(body: string, fileName: string): Response {
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${fileName}"` } });
}
