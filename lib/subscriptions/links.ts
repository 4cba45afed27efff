import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a confirmation link holds. */
export const CONFIRMATION_DAYS = 7;

export type ConfirmationParams = { ids: string; expire: string; signature: string };

const sign = (ids: string, expire: string, secret: string) => createHmac('sha256', secret).update(`abonnement:${ids}:${expire}`).digest('base64url');

/** The confirmation link's query for these subscriptions: their ids and expiry, signed with HMAC-SHA256. */
export function signConfirmation(ids: number[], expires: Date, secret: string): ConfirmationParams {
  const idList = [...ids].sort((a, b) => a - b).join(',');
  const expire = String(Math.floor(expires.getTime() / 1000));
  return { ids: idList, expire, signature: sign(idList, expire, secret) };
}

export function confirmationPath(params: ConfirmationParams): string {
  return `/abonnements/confirmer?${new URLSearchParams(params).toString()}`;
}

export type ConfirmationCheck = { ok: true; ids: number[] } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a confirmation link's signature (in constant time), then its expiry. */
export function verifyConfirmation(params: Partial<ConfirmationParams>, secret: string, now: Date): ConfirmationCheck {
  const { ids = '', expire = '', signature = '' } = params;
  if (!/^\d{1,10}(,\d{1,10}){0,9}$/.test(ids) || !/^\d{1,12}$/.test(expire)) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(ids, expire, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  if (Number(expire) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, ids: ids.split(',').map(Number) };
}

/** The random token of a subscription's unsubscribe links (URL- and JSON-safe characters only). */
export const newUnsubscribeToken = () => randomBytes(24).toString('base64url');

/** The page that asks before unsubscribing (a link scanner's GET changes nothing). */
export const UNSUBSCRIBE_PAGE = '/abonnements/desabonner?jeton=';
/** RFC 8058 one-click unsubscribe: a POST to this address unsubscribes at once. */
export const ONE_CLICK_UNSUBSCRIBE = '/api/abonnements/desabonner?jeton=';
