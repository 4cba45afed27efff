import { z } from 'zod';
import { readParisDateTime } from '@/lib/format-date';

const isoDate = z
  .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')])
  .transform((value) => (typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value))
  .refine((date) => !Number.isNaN(date.getTime()), 'date invalide');

/**
 * An article's date: a calendar day (`2008-05-05`, public from 00:00 Paris time that day) or a day
 * and a time in Paris (`2026-12-24T09:00`), public from that instant. `date` keeps the calendar day
 * (midnight UTC, as the pages show it); `publishAt` is the instant it becomes public.
 */
const publicationDate = z
  .union([z.date(), z.string().trim()])
  .transform((value, context) => {
    const text = typeof value === 'string' ? value : value.toISOString().slice(0, 10);
    const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(text);
    const read = match ? readParisDateTime(`${match[1]}T${match[2] ?? '00:00'}`) : null;
    if (!match || !read?.ok) {
      context.addIssue({ code: 'custom', message: read && !read.ok ? read.message : 'date attendue au format AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris)' });
      return z.NEVER;
    }
    return { date: new Date(`${match[1]}T00:00:00Z`), publishAt: read.instant };
  });

/** The front matter every article in content/ must have. */
export const frontMatter = z.object({
  title: z.string({ error: 'titre manquant (title)' }).trim().min(1, 'titre manquant (title)'),
  slug: z
    .string({ error: 'slug manquant' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug invalide : minuscules, chiffres et tirets'),
  date: publicationDate,
  /** A draft is never public, whatever its date. */
  draft: z.boolean({ error: 'draft doit valoir true ou false' }).default(false),
  author: z.string({ error: 'auteur manquant (author)' }).trim().min(1, 'auteur manquant (author)'),
  description: z
    .string({ error: 'description manquante' })
    .trim()
    .min(1, 'description manquante')
    .max(300, 'description trop longue (300 caractères au plus)'),
  comments: z.enum(['open', 'closed'], { error: 'comments doit valoir « open » ou « closed »' }).default('open'),
  kicker: z.string().trim().optional(),
});

export type FrontMatter = Omit<z.infer<typeof frontMatter>, 'date'> & { date: Date; publishAt: Date };

/** The front matter of a page of content/pages/ (legal notice, privacy policy): no author, no comments. */
export const pageFrontMatter = z.object({
  title: z.string({ error: 'titre manquant (title)' }).trim().min(1, 'titre manquant (title)'),
  slug: z
    .string({ error: 'slug manquant' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug invalide : minuscules, chiffres et tirets'),
  description: z
    .string({ error: 'description manquante' })
    .trim()
    .min(1, 'description manquante')
    .max(300, 'description trop longue (300 caractères au plus)'),
  /** The date of the last change of the text. */
  updated: isoDate,
});

export type PageFrontMatter = z.infer<typeof pageFrontMatter>;
