'use server';

import { refresh } from 'next/cache';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { formText } from '@/lib/http/form-fields';
import { wakeOutboxSenders } from '@/lib/mail/outbox';
import { retryOutboxMessage, type RetryResult } from './outbox';

export type RetryState = RetryResult | null;

/** « Réessayer » on /admin/courriels. A server action is a public endpoint: the session is checked here. */
export async function retryMessage(_previous: RetryState, formData: FormData): Promise<RetryState> {
  const author = await requireAuthor();
  if (!(formData instanceof FormData)) return { ok: false, message: 'Requête invalide.' };
  const id = Number(formText(formData, 'id'));
  let result: RetryResult;
  try {
    result = await retryOutboxMessage(db, id, author.email);
  } catch (error) {
    console.error('retryMessage failed', error);
    return { ok: false, message: 'Le message n’a pas pu être remis dans la file. Réessayez dans un instant.' };
  }
  if (result.ok) {
    wakeOutboxSenders();
    refresh();
  }
  return result;
}
