import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import { renderAgainAt, nextChange } from '@/lib/cache/render-again-at';
import { eventInstants, splitEvents } from '@/lib/events/events';
import { listEvents } from '@/lib/events/list-events';
import type { BookEvent } from '@/lib/events/parse-event';
import { feedAlternates } from '@/lib/feeds/links';
import { formatDateTime, formatTime } from '@/lib/format-date';
import { eventJsonLd } from '@/lib/structured-data/event';
import { JsonLd } from '@/components/seo/json-ld';

const CALENDAR_PATH = '/rencontres.ics';

export async function generateMetadata(): Promise<Metadata> {
  const book = await getBook();
  return {
    title: 'Rencontres',
    description: `Signatures et conférences de ${book.author} autour de « ${book.fullTitle} ».`,
    alternates: { canonical: '/rencontres', types: { ...feedAlternates(book), 'text/calendar': [{ url: CALENDAR_PATH, title: 'Calendrier des rencontres' }] } },
  };
}

function EventItem({ event }: { event: BookEvent }) {
  const sameDay = formatDateTime(event.start).split(' à ')[0] === formatDateTime(event.end).split(' à ')[0];
  return (
    <li id={event.slug} className="event">
      <h3>{event.title}</h3>
      <p className="event__when">
        <time dateTime={event.start.toISOString()}>{formatDateTime(event.start)}</time>
        {' – '}
        <time dateTime={event.end.toISOString()}>{sameDay ? formatTime(event.end) : formatDateTime(event.end)}</time>
      </p>
      <p className="event__where">
        {event.place}, {event.address}
      </p>
      {event.html ? <div className="prose" dangerouslySetInnerHTML={{ __html: event.html }} /> : null}
      <p>
        {event.url ? (
          <>
            <a href={event.url} rel="noopener">
              En savoir plus<span className="visually-hidden"> sur « {event.title} »</span>
            </a>
            {' · '}
          </>
        ) : null}
        <a href={`/rencontres/${event.slug}/calendrier.ics`}>
          Ajouter à mon agenda (.ics)<span className="visually-hidden"> : « {event.title} »</span>
        </a>
      </p>
    </li>
  );
}

/** Signings and talks: to come, then past; an event moves at its end by itself (renderAgainAt). */
export default async function EventsPage() {
  const [events, book] = await Promise.all([listEvents(), getBook()]);
  const now = new Date();
  const next = nextChange(eventInstants(events), now);
  if (next) await renderAgainAt(next, now);
  const { upcoming, past } = splitEvents(events, now);
  const site = getConfig().SITE_URL;
  return (
    <div className="page narrow">
      {events.map((event) => (
        <JsonLd key={event.slug} data={eventJsonLd(event, book.author, site)} />
      ))}
      <h1>Rencontres</h1>
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">À venir</h2>
        {upcoming.length === 0 ? (
          <p>Aucune rencontre prévue pour l’instant.</p>
        ) : (
          <ul className="event-list">
            {upcoming.map((event) => (
              <EventItem key={event.slug} event={event} />
            ))}
          </ul>
        )}
        <p>
          <a href={CALENDAR_PATH}>S’abonner au calendrier des rencontres (.ics)</a>
        </p>
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="passees">
          <h2 id="passees">Passées</h2>
          <ul className="event-list">
            {past.map((event) => (
              <EventItem key={event.slug} event={event} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
