'use server';

import { db } from '@/lib/db';
import { getSubscriptionSecret } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import { confirmSubscriptions, unsubscribe, unsubscribeAll, type SubscriptionOutcome } from './service';
import { formText } from '@/lib/http/form-fields';

export type SubscriptionFormState = SubscriptionOutcome | null;

/** The confirmation page's button: the link's signature is checked again here (a public endpoint). */
export async function confirmSubscription(_previous: SubscriptionFormState, formData: FormData): Promise<SubscriptionFormState> {
  if (!(formData instanceof FormData)) return { ok: false, message: 'Requête invalide.' };
  try {
    const params = { ids: formText(formData, 'ids'), expire: formText(formData, 'expire'), signature: formText(formData, 'signature') };
    return await confirmSubscriptions(db, params, getSubscriptionSecret(), new Date(), await getBook());
  } catch (error) {
    console.error('confirmSubscription failed', error);
    return { ok: false, message: 'L’abonnement n’a pas pu être confirmé. Réessayez dans un instant.' };
  }
}

/** The unsubscribe page's button. */
export async function unsubscribeByToken(_previous: SubscriptionFormState, formData: FormData): Promise<SubscriptionFormState> {
  if (!(formData instanceof FormData)) return { ok: false, message: 'Requête invalide.' };
  try {
    return (await unsubscribe(db, formText(formData, 'jeton')))
      ? { ok: true, message: 'C’est fait : vous ne recevrez plus ces e-mails.' }
      : { ok: false, message: 'Ce lien de désabonnement n’est pas valide.' };
  } catch (error) {
    console.error('unsubscribeByToken failed', error);
    return { ok: false, message: 'Le désabonnement n’a pas pu être enregistré. Réessayez dans un instant.' };
  }
}

/** The management page's « tout arrêter »: every subscription of the link's address. */
export async function unsubscribeAllByToken(_previous: SubscriptionFormState, formData: FormData): Promise<SubscriptionFormState> {
  if (!(formData instanceof FormData)) return { ok: false, message: 'Requête invalide.' };
  try {
    const count = await unsubscribeAll(db, formText(formData, 'jeton'));
    return count === null
      ? { ok: false, message: 'Ce lien de désabonnement n’est pas valide.' }
      : { ok: true, message: 'C’est fait : vous ne recevrez plus aucun e-mail de ce site.' };
  } catch (error) {
    console.error('unsubscribeAllByToken failed', error);
    return { ok: false, message: 'Le désabonnement n’a pas pu être enregistré. Réessayez dans un instant.' };
  }
}
