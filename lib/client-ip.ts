/**
 * The client's address from the request headers. `next start` sets X-Forwarded-For to the socket's
 * address when the request has none; a reverse proxy appends the address it saw, so the last entry
 * is the one a client cannot forge (README: deploy behind a proxy that appends it).
 */
export function clientIpFrom(headers: Pick<Headers, 'get'>): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).at(-1);
  return last ?? headers.get('x-real-ip') ?? 'inconnue';
}
