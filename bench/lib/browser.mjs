// What a browser downloads for a page (compressed, as served) and whether its layout shifts.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/chromium.mjs';

const LAUNCH = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };

const KINDS = { document: 'html', stylesheet: 'css', script: 'js' };

/** Sums of a cold load of `url`: bytes per kind (body as transferred, and on the wire), requests, CLS. */
export async function measurePage(url) {
  const browser = await chromium.launch(LAUNCH);
  try {
    const context = await browser.newContext({ locale: 'fr-FR' });
    await context.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const wire = new Map();
    cdp.on('Network.loadingFinished', (event) => wire.set(event.requestId, event.encodedDataLength));

    const requests = [];
    page.on('requestfinished', (request) => requests.push(request));
    page.on('requestfailed', (request) => requests.push(request));
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    const cls = await page.evaluate(() => window.__cls);

    const byKind = {};
    const resources = [];
    for (const request of requests) {
      const response = await request.response();
      const sizes = await request.sizes();
      const kind = KINDS[request.resourceType()] ?? request.resourceType();
      const entry = (byKind[kind] ??= { count: 0, bodyBytes: 0, headerBytes: 0 });
      entry.count += 1;
      entry.bodyBytes += sizes.responseBodySize;
      entry.headerBytes += sizes.responseHeadersSize;
      resources.push({
        url: request.url().replace(new URL(url).origin, ''),
        kind,
        status: response?.status() ?? 0,
        bodyBytes: sizes.responseBodySize,
        encoding: (await response?.headerValue('content-encoding')) ?? 'none',
      });
    }
    const wireBytes = [...wire.values()].reduce((sum, bytes) => sum + bytes, 0);
    const bodyBytes = Object.values(byKind).reduce((sum, kind) => sum + kind.bodyBytes, 0);
    return { requests: requests.length, bodyBytes, wireBytes, byKind, resources, cls };
  } finally {
    await browser.close();
  }
}
