import { test as base, expect, type APIRequestContext } from '@playwright/test';

let counter = 0;

/** A documentation address (RFC 5737) per test, so the per-IP rate limit is the test's own. */
export function uniqueIp(): string {
  counter += 1;
  const seed = process.pid * 1000 + counter;
  return `198.51.${Math.floor(seed / 250) % 250}.${(seed % 250) + 1}`;
}

export const OPEN_SLUG = 'le-marketing-2-0-c-est-quoi';
export const CLOSED_SLUG = 'en-librairie-le-15-mai';

type Fixtures = { clientIp: string; api: APIRequestContext };

export const test = base.extend<Fixtures>({
  clientIp: async ({}, provide) => provide(uniqueIp()),
  extraHTTPHeaders: async ({ clientIp }, provide) => provide({ 'x-forwarded-for': clientIp }),
  api: async ({ playwright, baseURL, clientIp }, provide) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': clientIp } });
    await provide(context);
    await context.dispose();
  },
});

/** A comment body no other test or run will have. */
export function uniqueText(label: string): string {
  return `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export { expect };
