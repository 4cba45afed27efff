import { z } from 'zod';

import { LIMITS } from './limits';

export { LIMITS };

// Control characters other than tab and line feed; \r is dropped after CRLF → LF.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Characters that print nothing: spaces, zero-width and bidi marks, BOM, Hangul fillers, braille blank.
const INVISIBLE = /^[\s\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0]*$/u;

/** Normalises line ends and strips control characters: what the reader meant, nothing hidden. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

const optionalText = (schema: z.ZodType<string | undefined>) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);

const requiredText = (label: string, max: number, emptyMessage: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? emptyMessage : `${label} doit être du texte.`) })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .trim()
        .min(1, emptyMessage)
        .max(max, `${label} est trop long (${max.toLocaleString('fr-FR')} caractères au plus).`)
        .refine((text) => !INVISIBLE.test(text), emptyMessage),
    );

const website = z
  .string({ error: 'Le site web doit être une adresse.' })
  .trim()
  .max(LIMITS.website, `L'adresse du site est trop longue (${LIMITS.website} caractères au plus).`)
  .transform((value, ctx) => {
    const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Le site web doit être une adresse valide (https://…).' });
      return z.NEVER;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) {
      ctx.addIssue({ code: 'custom', message: 'Le site web doit commencer par http:// ou https://.' });
      return z.NEVER;
    }
    return url.toString();
  });

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

const INVALID_PARENT = 'Le commentaire auquel vous répondez est invalide.';
const MAX_ID = 2_147_483_647;

/** One comment as a reader submits it, from the form or the JSON API. */
export const commentInput = z.object({
  name: requiredText('Le nom', LIMITS.name, 'Indiquez votre nom.'),
  email: z
    .string({ error: (issue) => (issue.input === undefined ? 'Indiquez votre adresse e-mail.' : "L'adresse e-mail doit être du texte.") })
    .trim()
    .min(1, 'Indiquez votre adresse e-mail.')
    .max(LIMITS.email, `L'adresse e-mail est trop longue (${LIMITS.email} caractères au plus).`)
    .pipe(z.email("L'adresse e-mail n'est pas valide.")),
  website: optionalText(website.optional()),
  body: requiredText('Le commentaire', LIMITS.body, 'Écrivez votre commentaire.'),
  // The form sends the id as text: only decimal digits make one ("0x10", "1e1" or " 12 " do not).
  // Ids are 32-bit integers in the database; a larger number is refused here, not by the driver.
  parentId: z.preprocess(
    (value) => (value === '' || value === null ? undefined : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
    z
      .number({ error: INVALID_PARENT })
      .int(INVALID_PARENT)
      .positive(INVALID_PARENT)
      .max(MAX_ID, INVALID_PARENT)
      .optional(),
  ),
  // Honeypot: hidden from people, filled in by naive bots.
  homepage: z.string().optional(),
  /** E-mail subscriptions (double opt-in): a ticked box sends "on", the JSON API a boolean. */
  notifyReplies: checkbox,
  notifyArticle: checkbox,
});

export type CommentField = 'name' | 'email' | 'website' | 'body' | 'parentId';
export type FieldErrors = Partial<Record<CommentField, string>>;

/** The first French message of each field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field !== 'homepage' && !(field in errors)) errors[field as CommentField] = issue.message;
  }
  return errors;
}
