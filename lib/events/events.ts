import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseEvent, type BookEvent } from './parse-event';

/** Every event file (`*.md`) of a folder; none when the folder does not exist. */
export async function readEvents(directory: string): Promise<BookEvent[]> {
  const names = await readdir(/*turbopackIgnore: true*/ directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = names.filter((name) => name.endsWith('.md')).sort();
  return Promise.all(files.map(async (name) => parseEvent(`content/rencontres/${name}`, await readFile(/*turbopackIgnore: true*/ path.join(directory, name), 'utf8'))));
}

/** « À venir » (soonest first; an event in progress still is) and « Passées » (latest first): an event moves at its end. */
export function splitEvents(events: BookEvent[], now: Date): { upcoming: BookEvent[]; past: BookEvent[] } {
  const upcoming = events.filter((event) => event.end > now).sort((a, b) => a.start.getTime() - b.start.getTime());
  const past = events.filter((event) => event.end <= now).sort((a, b) => b.start.getTime() - a.start.getTime());
  return { upcoming, past };
}

/** The instants the list changes at: each start and each end. */
export function eventInstants(events: BookEvent[]): Date[] {
  return events.flatMap((event) => [event.start, event.end]);
}
