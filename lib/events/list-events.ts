import 'server-only';
import path from 'node:path';
import { getContentDir } from '@/lib/config';
import { readEvents } from './events';
import type { BookEvent } from './parse-event';

let loaded: Promise<BookEvent[]> | undefined;

/** The events of content/rencontres/ (CONTENT_DIR), read once per process. */
export function listEvents(): Promise<BookEvent[]> {
  loaded ??= readEvents(path.join(/*turbopackIgnore: true*/ getContentDir(), 'rencontres'));
  return loaded;
}
