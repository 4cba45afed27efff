import path from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { renderMarkdown } from '../content/render-markdown';
import { readParisDateTime } from '../format-date';

/** A signing or a talk: its instants, its place, what the file says of it. */
export type BookEvent = {
  slug: string;
  title: string;
  start: Date;
  end: Date;
  place: string;
  address: string;
  url?: string;
  /** Sanitised HTML of the file's body, and its plain text (calendars). */
  html: string;
  text: string;
};

/** `2027-05-15T18:30+02:00` (an offset), or `2027-05-15T18:30` in Paris time. */
const instant = z
  .union([z.date(), z.string().trim()])
  .transform((value, context) => {
    if (value instanceof Date) return value;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) return date;
    }
    const read = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? readParisDateTime(value) : null;
    if (read?.ok) return read.instant;
    context.addIssue({ code: 'custom', message: read && !read.ok ? read.message : 'date et heure attendues : AAAA-MM-JJTHH:MM (heure de Paris) ou avec un décalage, +02:00' });
    return z.NEVER;
  });

const text = (name: string) => z.string({ error: `${name} manquant` }).trim().min(1, `${name} manquant`).max(300, `${name} : 300 caractères au plus`);

const eventFrontMatter = z
  .object({
    title: text('titre (title)'),
    start: instant,
    end: instant,
    place: text('lieu (place)'),
    address: text('adresse (address)'),
    url: z.url({ protocol: /^https?$/, error: 'url : adresse http(s) attendue' }).optional(),
  })
  .strict()
  .refine((event) => event.end > event.start, { message: 'la fin (end) doit venir après le début (start)', path: ['end'] });

/** Parses one event file of content/rencontres/; the error names the file and every bad field. */
export async function parseEvent(fileName: string, source: string): Promise<BookEvent> {
  const { data, content } = matter(source);
  const parsed = eventFrontMatter.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys' ? `clé inconnue : ${issue.keys.join(', ')}` : `${issue.path.join('.') || '(racine)'} : ${issue.message}`,
    );
    throw new Error(`${fileName} : rencontre invalide — ${problems.join(' ; ')}`);
  }
  const slug = path.basename(fileName, '.md');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw new Error(`${fileName} : nom de fichier invalide (minuscules, chiffres et tirets)`);
  const html = await renderMarkdown(content);
  return { slug, ...parsed.data, html, text: content.replace(/[*_`#>[\]]/g, '').replace(/\(https?:[^)]*\)/g, '').trim() };
}
