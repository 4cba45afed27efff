'use server';

import { z } from 'zod';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { getIpHashSalt } from '@/lib/config';
import { erasePersonalData } from './erasure';
import type { ErasureState, LookupState } from './form-state';
import { lookUpPersonalData } from './personal-data';
import { erasureInput, subjectInput } from './subject';
import { formText } from '@/lib/http/form-fields';

// Every action checks the session itself: a server action is a public HTTP endpoint.

/** The author's search for an address: everything the site holds about it. */
export async function lookUpPersonalDataAction(_previous: LookupState, formData: FormData): Promise<LookupState> {
  await requireAuthor();
  const email = formText(formData, 'email');
  const parsed = subjectInput.safeParse({ email });
  if (!parsed.success) return { status: 'error', message: parsed.error.issues[0]?.message ?? 'Adresse invalide.', email };
  try {
    return { status: 'found', summary: await lookUpPersonalData(db, parsed.data.email, getIpHashSalt()) };
  } catch (error) {
    console.error('lookUpPersonalData failed', error);
    return { status: 'error', message: 'La recherche n’a pas pu se faire. Réessayez dans un instant.', email };
  }
}

const confirmed = z.literal('oui', { error: 'Cochez la case pour confirmer l’effacement.' });

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/** The author's erasure of an address, comments deleted or anonymised as chosen. */
export async function erasePersonalDataAction(_previous: ErasureState, formData: FormData): Promise<ErasureState> {
  const author = await requireAuthor();
  const parsed = erasureInput.extend({ confirm: confirmed }).safeParse({ email: formText(formData, 'email'), mode: formText(formData, 'mode'), confirm: formText(formData, 'confirm') });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<'email' | 'mode' | 'confirm', string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'email' || field === 'mode' || field === 'confirm') && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { status: 'error', message: 'Rien n’a été effacé : corrigez les champs signalés.', fieldErrors };
  }
  const input = { email: parsed.data.email, mode: parsed.data.mode };
  const result = await erasePersonalData(db, input, author.email, getIpHashSalt());
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: {} };
  const { counts } = result;
  const comments = plural(counts.comments, input.mode === 'delete' ? 'commentaire supprimé' : 'commentaire anonymisé', input.mode === 'delete' ? 'commentaires supprimés' : 'commentaires anonymisés');
  return {
    status: 'done',
    counts,
    message:
      `Effacé : ${comments}, l’adresse retirée de ${plural(counts.mentions, 'autre commentaire', 'autres commentaires')} et de ` +
      `${plural(counts.auditLines, 'ligne du journal', 'lignes du journal')}, ${plural(counts.signInRecords, 'trace de connexion supprimée', 'traces de connexion supprimées')}, ` +
      `${plural(counts.subscriptions, 'abonnement supprimé', 'abonnements supprimés')}, ${plural(counts.messages, 'e-mail en boîte d’envoi supprimé', 'e-mails en boîte d’envoi supprimés')}.`,
  };
}
