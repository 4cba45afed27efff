import { z } from 'zod';

const isoDate = z
  .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')])
  .transform((value) => (typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value))
  .refine((date) => !Number.isNaN(date.getTime()), 'date invalide');

/** The front matter every article in content/ must have. */
export const frontMatter = z.object({
  title: z.string({ error: 'titre manquant (title)' }).trim().min(1, 'titre manquant (title)'),
  slug: z
    .string({ error: 'slug manquant' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug invalide : minuscules, chiffres et tirets'),
  date: isoDate,
  author: z.string({ error: 'auteur manquant (author)' }).trim().min(1, 'auteur manquant (author)'),
  description: z
    .string({ error: 'description manquante' })
    .trim()
    .min(1, 'description manquante')
    .max(300, 'description trop longue (300 caractères au plus)'),
  comments: z.enum(['open', 'closed'], { error: 'comments doit valoir « open » ou « closed »' }).default('open'),
  kicker: z.string().trim().optional(),
});

export type FrontMatter = z.infer<typeof frontMatter>;

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
