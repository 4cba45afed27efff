import { describe, expect, it } from 'vitest';
import { clientAddressFrom, UNKNOWN_CLIENT } from '@/lib/client-ip';
import { NO_TRUSTED_PROXY, parseTrustedProxies } from '@/lib/http/trusted-proxies';
import { securityHeaders } from '@/lib/http/security-headers';

/** X-Forwarded-For as it reaches the app: the client's own entries, then each proxy's, then the socket's peer. */
const chain = (...entries: string[]) => new Headers({ 'x-forwarded-for': entries.join(', ') });

describe('the client address, with no trusted proxy (the default)', () => {
  it('is the socket peer, whatever the client wrote before it', () => {
    expect(clientAddressFrom(chain('203.0.113.7', '198.51.100.1', '192.0.2.10'), NO_TRUSTED_PROXY)).toBe('192.0.2.10');
    expect(clientAddressFrom(chain('192.0.2.10'), NO_TRUSTED_PROXY)).toBe('192.0.2.10');
  });

  it('reads an IPv4 peer given as IPv6 (::ffff:…) as the IPv4 address', () => {
    expect(clientAddressFrom(chain('::ffff:192.0.2.10'), NO_TRUSTED_PROXY)).toBe('192.0.2.10');
  });

  it('counts an IPv6 client by its /64, so one subscriber cannot rotate addresses', () => {
    const first = clientAddressFrom(chain('2001:db8:1:2::1'), NO_TRUSTED_PROXY);
    expect(first).toBe('2001:db8:1:2::/64');
    expect(clientAddressFrom(chain('2001:db8:1:2:ffff:eeee:dddd:cccc'), NO_TRUSTED_PROXY)).toBe(first);
    expect(clientAddressFrom(chain('2001:db8:1:3::1'), NO_TRUSTED_PROXY)).not.toBe(first);
  });

  it('puts every malformed chain in one shared bucket', () => {
    expect(clientAddressFrom(chain('pas-une-adresse'), NO_TRUSTED_PROXY)).toBe(UNKNOWN_CLIENT);
    expect(clientAddressFrom(new Headers(), NO_TRUSTED_PROXY)).toBe(UNKNOWN_CLIENT);
  });
});

describe('the client address behind trusted proxies', () => {
  it('skips exactly the configured number of hops from the end', () => {
    const oneProxy = parseTrustedProxies('1');
    // nginx appended the client (203.0.113.7); Next's server appended nginx (127.0.0.1).
    expect(clientAddressFrom(chain('6.6.6.6', '203.0.113.7', '127.0.0.1'), oneProxy)).toBe('203.0.113.7');
    expect(clientAddressFrom(chain('203.0.113.7', '10.0.0.2', '127.0.0.1'), parseTrustedProxies('2'))).toBe('203.0.113.7');
  });

  it('takes the first entry when the chain is shorter than the hops', () => {
    expect(clientAddressFrom(chain('127.0.0.1'), parseTrustedProxies('3'))).toBe('127.0.0.1');
  });

  it('skips the proxies of the listed addresses and ranges, and stops at the first other one', () => {
    const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1');
    expect(clientAddressFrom(chain('6.6.6.6', '203.0.113.7', '10.1.2.3', '127.0.0.1'), trusted)).toBe('203.0.113.7');
    expect(clientAddressFrom(chain('6.6.6.6', '203.0.113.7', '::ffff:127.0.0.1'), trusted)).toBe('203.0.113.7');
    // The peer is not a proxy: what it wrote is not read.
    expect(clientAddressFrom(chain('6.6.6.6', '198.51.100.4'), trusted)).toBe('198.51.100.4');
  });

  it('refuses a setting that is neither a number nor addresses, in French', () => {
    expect(() => parseTrustedProxies('nginx')).toThrow(/TRUSTED_PROXIES : « nginx »/);
    expect(() => parseTrustedProxies('10.0.0.0/8, 300.1.1.1')).toThrow(/300\.1\.1\.1/);
    expect(parseTrustedProxies('')).toEqual(NO_TRUSTED_PROXY);
  });
});

describe('the security headers', () => {
  it('ask for HTTPS only (HSTS) when the site is served over HTTPS', () => {
    expect(securityHeaders('https://marketing20.example')['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(securityHeaders('http://localhost:3000')).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(undefined)).not.toHaveProperty('Strict-Transport-Security');
  });

  it('name no third-party origin in the content security policy', () => {
    const policy = securityHeaders('https://marketing20.example')['Content-Security-Policy'] ?? '';
    expect(policy).not.toMatch(/https?:|\*/);
  });
});
