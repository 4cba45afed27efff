import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Who may tell the client's address in X-Forwarded-For: nobody (the socket's peer is the client),
 * the last `hops` proxies before this server, or the proxies whose addresses are in `ranges`.
 */
export type TrustedProxies = { hops: number } | { ranges: [Address, number][] };

export const NO_TRUSTED_PROXY: TrustedProxies = { hops: 0 };

/** An address as the limits see it: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address. */
export function parseAddress(text: string): Address | null {
  const trimmed = text.trim();
  return ipaddr.isValid(trimmed) ? ipaddr.process(trimmed) : null;
}

/**
 * `TRUSTED_PROXIES`: empty (none), a number of proxy hops (`1` behind one nginx), or addresses and
 * CIDR ranges separated by commas (`127.0.0.1, 10.0.0.0/8, ::1`). Throws a French message otherwise.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const text = value.trim();
  if (text === '') return NO_TRUSTED_PROXY;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const ranges = text.split(',').map((part) => {
    const entry = part.trim();
    if (ipaddr.isValidCIDR(entry)) {
      const [range, bits] = ipaddr.parseCIDR(entry);
      return mappedRange(range, bits);
    }
    const address = parseAddress(entry);
    if (!address) throw new Error(`TRUSTED_PROXIES : « ${entry} » n’est ni un nombre de proxys, ni une adresse IP, ni une plage CIDR.`);
    return [address, address.kind() === 'ipv4' ? 32 : 128] as [Address, number];
  });
  return { ranges };
}

/** `::ffff:10.0.0.0/104` is written by some as an IPv4 range: compare it as one. */
function mappedRange(range: Address, bits: number): [Address, number] {
  if (range.kind() === 'ipv6' && (range as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(range as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [range, bits];
}

export function isTrustedProxy(address: Address, trusted: TrustedProxies): boolean {
  if (!('ranges' in trusted)) return false;
  return trusted.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}
