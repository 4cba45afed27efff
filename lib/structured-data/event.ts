import type { BookEvent } from '@/lib/events/parse-event';
import type { Event } from './types';

/** An event's `Event`: where and when, in person, the author speaking. */
export function eventJsonLd(event: BookEvent, author: string, siteUrl: string): Event {
  const person = { '@type': 'Person' as const, name: author, url: `${siteUrl}/auteur` };
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    startDate: event.start.toISOString(),
    endDate: event.end.toISOString(),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: { '@type': 'Place', name: event.place, address: event.address },
    url: `${siteUrl}/rencontres#${event.slug}`,
    ...(event.text ? { description: event.text } : {}),
    performer: person,
    organizer: person,
  };
}
