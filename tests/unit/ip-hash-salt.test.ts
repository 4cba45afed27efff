import { afterEach, describe, expect, it, vi } from 'vitest';

// getConfig() reads the environment once per module: each case loads lib/config.ts anew.
async function saltWith(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { getIpHashSalt } = await import('@/lib/config');
  return getIpHashSalt;
}

afterEach(() => vi.unstubAllEnvs());

describe('the salt of the stored address hashes', () => {
  it('is required in production', async () => {
    const getIpHashSalt = await saltWith({ NODE_ENV: 'production', IP_HASH_SALT: undefined });
    expect(() => getIpHashSalt()).toThrow(/IP_HASH_SALT manquant/);
  });

  it('is never the value this repository once published, in production', async () => {
    const getIpHashSalt = await saltWith({ NODE_ENV: 'production', IP_HASH_SALT: 'marketing-2-0-change-me' });
    expect(() => getIpHashSalt()).toThrow(/valeur publiée/);
  });

  it('is the one set, in production', async () => {
    const getIpHashSalt = await saltWith({ NODE_ENV: 'production', IP_HASH_SALT: 'un-sel-bien-à-nous' });
    expect(getIpHashSalt()).toBe('un-sel-bien-à-nous');
  });

  it('has a stand-in outside production only', async () => {
    const getIpHashSalt = await saltWith({ NODE_ENV: 'test', IP_HASH_SALT: undefined });
    expect(getIpHashSalt()).toMatch(/not-for-production/);
  });
});
