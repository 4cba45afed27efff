import { createHmac } from 'node:crypto';
import { z } from 'zod';

/** The address a request is about, as typed by the author: trimmed and lowercased like every stored address. */
export const subjectInput = z.object({
  email: z
    .string({ error: 'Indiquez une adresse e-mail.' })
    .trim()
    .toLowerCase()
    .min(1, 'Indiquez une adresse e-mail.')
    .max(254, 'Cette adresse est trop longue (254 caractères au plus).')
    .pipe(z.email('Cette adresse e-mail n’est pas valide.')),
});


const ERASURE_MODES = ['delete', 'anonymise'] as const;

/** An erasure: the address and what becomes of its comments, the author's choice each time. */
export const erasureInput = subjectInput.extend({
  mode: z.enum(ERASURE_MODES, { error: 'Choisissez : supprimer les commentaires, ou les garder sans nom ni adresse.' }),
});

export type ErasureInput = z.infer<typeof erasureInput>;

/**
 * How the audit log names the person of a request without the address in clear: a keyed hash
 * (HMAC with the server's salt), so nobody can find the address again by hashing guesses, but the
 * author who types the same address finds the earlier requests about it.
 */
export function subjectKey(email: string, salt: string): string {
  return `personne:${createHmac('sha256', salt).update(`privacy-request:${email}`).digest('hex').slice(0, 32)}`;
}

/** What an erased address becomes where it stays in someone's text. */
export const ERASED_ADDRESS = '[adresse effacée]';

/** The name an anonymised comment shows. */
export const ANONYMOUS_NAME = 'Anonyme';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The address as a whole, whatever its case: not the end of a longer address (`xa@b.fr` does not
 * name `a@b.fr`) nor the start of one (`a@b.fr.example`), but followed by a sentence's full stop.
 */
function addressPattern(email: string): RegExp {
  return new RegExp(`(?<![\\w.!#$%&'*+/=?^\`{|}~-])${escapeRegExp(email)}(?![\\w-]|\\.[\\w-])`, 'gi');
}

/** Whether `text` names the address (see addressPattern). */
export function namesAddress(text: string | null, email: string): boolean {
  return text !== null && addressPattern(email).test(text);
}

/** `text` with every occurrence of the address replaced by `replacement`. */
export function withoutAddress(text: string, email: string, replacement = ERASED_ADDRESS): string {
  return text.replace(addressPattern(email), replacement);
}

/**
 * A LIKE pattern that finds `email` anywhere in a lowercased column. Its `%`, `_` and `\` match any
 * one character: no ESCAPE clause, whose default differs (none on SQLite, `\` on PostgreSQL); the
 * few rows it finds beyond the address are left out by namesAddress.
 */
export function containsPattern(email: string): string {
  return `%${email.toLowerCase().replace(/[\\%_]/g, '_')}%`;
}
