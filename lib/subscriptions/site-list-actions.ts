'use server';

import { headers } from 'next/headers';
import { db } from '@/lib/db';
import { getConfig, getIpHashSalt, getSubscriptionSecret } from '@/lib/config';
import { clientAddressFrom } from '@/lib/client-ip';
import { formText } from '@/lib/http/form-fields';
import { hashIp } from '@/lib/fingerprint';
import { getBook } from '@/lib/book-file/get-book';
import { requestSiteList, SITE_LISTS, type SiteList } from './site-lists';

export type SiteListFormState = { ok: boolean; message: string; email: string } | null;

/** The lists' form (home, /livre): a thin wrapper around requestSiteList, with the reader's address from the trusted proxy. */
export async function subscribeToSiteList(_previous: SiteListFormState, formData: FormData): Promise<SiteListFormState> {
  // A server action is a public endpoint: a hand-made request can send anything.
  if (!(formData instanceof FormData)) return { ok: false, message: 'Requête invalide.', email: '' };
  const email = formText(formData, 'email').slice(0, 300);
  const list = formText(formData, 'list');
  if (!(SITE_LISTS as readonly string[]).includes(list)) return { ok: false, message: 'Liste inconnue.', email };
  try {
    const config = getConfig();
    const book = await getBook();
    const result = await requestSiteList(
      db,
      { email, list: list as SiteList, ipHash: hashIp(clientAddressFrom(await headers()), getIpHashSalt()) },
      { siteUrl: config.SITE_URL, secret: getSubscriptionSecret(), now: new Date(), rateLimit: config.COMMENT_RATE_LIMIT, book },
    );
    return { ok: result.ok, message: result.message, email: result.ok ? '' : email };
  } catch (error) {
    console.error('subscribeToSiteList failed', error);
    return { ok: false, message: 'L’inscription n’a pas pu être enregistrée. Réessayez dans un instant.', email };
  }
}
