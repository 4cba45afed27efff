import type { BookEvent } from './parse-event';

/** RFC 5545 §3.3.11: a TEXT value's backslashes, semicolons, commas and line breaks escaped. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines of 75 octets at most, continued after CRLF and a space; never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20270515T163000Z`. */
const utc = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/**
 * The events as an iCalendar (RFC 5545) document: times in UTC, a stable UID per event (its slug
 * at the site's host), DTSTAMP from `now`. No event: a valid calendar with none.
 */
export function buildCalendar(events: BookEvent[], options: { siteUrl: string; now: Date; name: string }): string {
  const host = new URL(options.siteUrl).host;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${host}//Rencontres//FR`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...events.flatMap((event) => [
      'BEGIN:VEVENT',
      `UID:${event.slug}@${host}`,
      `DTSTAMP:${utc(options.now)}`,
      `DTSTART:${utc(event.start)}`,
      `DTEND:${utc(event.end)}`,
      `SUMMARY:${escapeText(event.title)}`,
      `LOCATION:${escapeText(`${event.place}, ${event.address}`)}`,
      ...(event.text ? [`DESCRIPTION:${escapeText(event.text)}`] : []),
      `URL:${options.siteUrl}/rencontres#${event.slug}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
