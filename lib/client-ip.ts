import ipaddr from 'ipaddr.js';
import { getConfig } from '@/lib/config';
import { isTrustedProxy, parseAddress, type TrustedProxies } from '@/lib/http/trusted-proxies';

/** The key of a client nobody could place: a malformed chain counts as one client, not many. */
export const UNKNOWN_CLIENT = 'inconnue';

/**
 * The client's address as the limits count it (comments, sign-in): read from the end of
 * X-Forwarded-For, whose last entry is always the socket's peer (scripts/next-server.mjs appends
 * it), past the configured trusted proxies only. An IPv6 client is its /64: one subscriber's
 * network hands out a whole /64, so a single address would let it pick among billions.
 */
export function clientAddressFrom(headers: Pick<Headers, 'get'>, trusted: TrustedProxies = getConfig().TRUSTED_PROXIES): string {
  const chain = (headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  if (chain.length === 0) return UNKNOWN_CLIENT;
  let index = chain.length - 1;
  if ('hops' in trusted) {
    index = Math.max(0, index - trusted.hops);
  } else {
    while (index > 0) {
      const hop = parseAddress(chain[index] ?? '');
      if (!hop || !isTrustedProxy(hop, trusted)) break;
      index -= 1;
    }
  }
  const address = parseAddress(chain[index] ?? '');
  if (!address) return UNKNOWN_CLIENT;
  if (address.kind() === 'ipv4') return address.toString();
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`);
  return `${network.toString()}/64`;
}
