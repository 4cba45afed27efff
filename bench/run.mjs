// `npm run bench` (or `npm run bench:smoke`): builds the site on a fresh database, serves it as
// `npm start` does (scripts/start.mjs: one server process per core) with nginx and the site's cache
// config in front (deploy/nginx), and measures in one run the article page three ways (Debian's
// nginx serving the same HTML as a file: the limit; through the cache; Next directly), comment
// posting through Next's route, freshness through the cache, page weight and memory. Writes a
// Markdown report to bench/results/ (the smoke run's goes to bench/.tmp/ only).
//
// Settings: BENCH_DURATION (seconds per load test, 10), BENCH_RUNS (interleaved page runs, 3),
// BENCH_CONNECTIONS (32), BENCH_VISIBILITY_POSTS (50), BENCH_LIGHTHOUSE (1; 0 to skip),
// BENCH_LARGE_THREAD (comments written on one article for the large-thread scenario, 100,000),
// BENCH_POSTGRESQL (1; 0 to skip the same site on PostgreSQL, measured first, alone on the machine),
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { startNginx } from '../deploy/nginx/start-nginx.mjs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { measurePage } from './lib/browser.mjs';
import { startFrameworkFloor } from './lib/framework-floor.mjs';
import { lighthouseScores } from './lib/lighthouse.mjs';
import { measureLargeThread } from './lib/large-thread.mjs';
import { measurePostgresql } from './lib/postgresql-run.mjs';
import { AS_BROWSERS, hammer, interleavedRuns, postLoad, send, visibilityDelays } from './lib/load.mjs';
import { memoryNow, nextServerPids, stopTree, watchMemory } from './lib/processes.mjs';
import { fmt, table } from './lib/report.mjs';
import { resetState, startSite } from './lib/server.mjs';
import { startStaticNginx } from './lib/static-nginx.mjs';

const isSmoke = process.argv.includes('--smoke');
// The 1 GB machine: one server worker (WEB_CONCURRENCY=1), its memory counted with nginx's.
const isOneGigabyte = process.argv.includes('--one-gigabyte');
const numberSetting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const DURATION = numberSetting('BENCH_DURATION', isSmoke ? 1 : 10);
const RUNS = numberSetting('BENCH_RUNS', isSmoke ? 1 : 3);
const CONNECTIONS = numberSetting('BENCH_CONNECTIONS', 32);
const VISIBILITY_POSTS = numberSetting('BENCH_VISIBILITY_POSTS', isSmoke ? 5 : 50);
const WITH_LIGHTHOUSE = !isSmoke && process.env.BENCH_LIGHTHOUSE !== '0';
const LIGHTHOUSE_PAGES = [['home', '/'], ['article', '/articles/en-librairie-le-15-mai'], ['livre', '/livre']];
const LARGE_THREAD = numberSetting('BENCH_LARGE_THREAD', isSmoke ? 2_000 : 100_000);

const PORT = '3240';
const STATIC_PORT = 3241;
const PROXY_PORT = 3242;
const PURGE_PORT = 3243;
const FLOOR_PORT = 3244;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PROXY = `http://127.0.0.1:${PROXY_PORT}`;
const PAGE_PATH = '/articles/en-librairie-le-15-mai';
const POST_SLUG = 'le-marketing-2-0-c-est-quoi';
const POST_URL = `${ORIGIN}/api/articles/${POST_SLUG}/comments`;
const TMP = 'bench/.tmp';
const DATABASE_FILE = `${TMP}/bench.db`;
const DIST_DIR = '.next-bench';

const TARGETS = {
  cacheRatio: 0.5, bookRatio: 0.9, cacheP99: 20, directRps: 1000, directP99: 100, postsPerSecond: 400, visibleP50: 100, pageBytes: 150 * 1024, requests: 10,
  // The large thread: its page against the 7-comment one's, a far page against page 1, the API, the feed, the export.
  ourJsBytes: 15 * 1024, lighthouse: 98, tbt: 150,
  workerAfterPagesKiB: 250 * 1024, workerPeakKiB: 400 * 1024, treeAfterPagesKiB: 600 * 1024, oneGigabyteKiB: 512 * 1024,
  largeHtmlBytes: 150 * 1024, largeRatio: 0.8, farPageRatio: 0.9, apiP50: 20, feedItems: 50, exportGrowthKiB: 50 * 1024,
};

const log = (message) => console.log(`[bench] ${message}`);

/** nginx prints its version on stderr. */
function nginxVersion() {
  const { stderr } = spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' });
  return stderr?.trim().replace('nginx version: nginx/', '') || 'unknown';
}

function publishedCount(slug) {
  const db = new Database(DATABASE_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT COUNT(*) AS n FROM "Comment" WHERE "articleSlug" = ? AND "status" = 'published'`).get(slug).n;
  } finally {
    db.close();
  }
}

function routeTable(buildOutput) {
  return buildOutput
    .split('\n')
    .filter((line) => /^[┌├└│]|^\s*[○●ƒ◐]\s/.test(line) || /First Load|Compiled|Generating static/.test(line))
    .join('\n');
}

async function main() {
  const loadBefore = loadavg()[0];
  // The scale-out configuration first, so that its site is stopped before the default one starts.
  const postgresql = process.env.BENCH_POSTGRESQL === '0' || isOneGigabyte ? null : await measurePostgresql({ runs: RUNS, connections: CONNECTIONS, seconds: DURATION, tmpDir: TMP, log });
  resetState({ databaseFile: DATABASE_FILE, distDir: DIST_DIR, tmpDir: TMP });
  // Under /tmp: nginx's workers must be able to reach its cache folder.
  const proxyDir = mkdtempSync(path.join(tmpdir(), 'm20-bench-nginx-'));
  const proxy = await startNginx({ listenPort: PROXY_PORT, upstreamPorts: [Number(PORT)], purgePort: PURGE_PORT, dir: proxyDir });
  log(`nginx with deploy/nginx's cache config on ${PROXY}`);
  log('starting the site with scripts/start.mjs (prepare-db, next build, the workers)…');
  const siteEnv = {
    DATABASE_URL: `file:./${DATABASE_FILE}`,
    NEXT_DIST_DIR: DIST_DIR,
    PORT,
    COMMENT_RATE_LIMIT: 'off',
    SITE_URL: process.env.SITE_URL ?? ORIGIN,
    // A throw-away session secret, so start.mjs does not create one in data/.
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64'),
    CACHE_PURGE_URLS: proxy.purgeUrl,
    ...(isOneGigabyte ? { WEB_CONCURRENCY: '1' } : {}),
  };
  const site = await startSite(
    siteEnv,
    `${ORIGIN}/`,
    path.resolve(TMP, 'server.log'),
  ).catch(async (error) => {
    await proxy.stop();
    throw error;
  });
  const server = site.child;
  const buildResult = { ms: site.buildMs, output: site.buildOutput };
  log(`next build: ${fmt.s(buildResult.ms)}`);
  const memory = watchMemory(server.pid, 100, 20, [proxy.pid]);
  let staticServer;
  try {
    const workers = nextServerPids(server.pid).length;
    log(`the site is up (scripts/start.mjs pid ${server.pid}, ${workers} server worker process(es))`);
    // At rest: started, nothing asked yet but the readiness check, given time to settle.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const atRest = memoryNow(server.pid);
    // The page as Next serves it: its cache status, and its HTML for the static server.
    const first = await send(`${ORIGIN}${PAGE_PATH}`);
    const second = await send(`${ORIGIN}${PAGE_PATH}`);
    const compressed = await send(`${ORIGIN}${PAGE_PATH}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    if (second.status !== 200 || !second.body.includes('commentaire')) throw new Error(`unexpected article page: ${second.status}`);
    const cachedUrl = `${PROXY}${PAGE_PATH}`;
    let throughCache;
    for (let attempt = 0; attempt < 5 && throughCache?.headers['x-cache-status'] !== 'HIT'; attempt++) throughCache = await send(cachedUrl);
    if (throughCache?.headers['x-cache-status'] !== 'HIT' || !throughCache.body.includes('7 commentaires')) {
      throw new Error(`the page never came from the cache in front: ${JSON.stringify(throughCache?.headers)}`);
    }
    // The book's page (/livre), cached like an article: measured beside it in the same runs.
    const bookUrl = `${PROXY}/livre`;
    let bookThroughCache;
    for (let attempt = 0; attempt < 5 && bookThroughCache?.headers['x-cache-status'] !== 'HIT'; attempt++) bookThroughCache = await send(bookUrl);
    if (bookThroughCache?.headers['x-cache-status'] !== 'HIT') throw new Error(`/livre never came from the cache in front: ${JSON.stringify(bookThroughCache?.headers)}`);
    // The limit serves the very bytes the cache holds (a render and its cached copy differ only in
    // where the streamed chunks were cut).
    // Browsers ask for gzip: the cache answers with the compressed copy it stores, the limit with the same bytes.
    const gzippedThroughCache = await send(cachedUrl, { headers: AS_BROWSERS });
    if (gzippedThroughCache.headers['content-encoding'] !== 'gzip' || gzippedThroughCache.headers['x-cache-status'] !== 'HIT') {
      throw new Error(`the cache in front did not answer its compressed copy: ${JSON.stringify(gzippedThroughCache.headers)}`);
    }
    staticServer = await startStaticNginx({ port: STATIC_PORT, pagePath: PAGE_PATH, html: throughCache.body, gzipped: gzippedThroughCache.raw });
    const staticUrl = staticServer.url;
    const pageInfo = {
      cacheFirst: first.headers['x-nextjs-cache'] ?? 'none',
      cacheSecond: second.headers['x-nextjs-cache'] ?? 'none',
      cacheControl: second.headers['cache-control'] ?? 'none',
      htmlBytes: Buffer.byteLength(second.body),
      encoding: compressed.headers['content-encoding'] ?? 'none',
      compressedBytes: compressed.bytes,
    };

    // The server reaches its steady pace only after sustained load (posting: about 260/s in the
    // first 2 s, 700/s after 25 s, on this machine): the warm-up runs are as long as the measured
    // ones, and the posting warm-up's pace is reported too.
    log('warming up…');
    const warmSeconds = DURATION;
    // The three ways in turn, run after run, so a noisy moment of the machine hits them alike. Next
    // directly is measured without compression: it is what the cache in front asks of it.
    const WAYS = { direct: `${ORIGIN}${PAGE_PATH}`, cache: { url: cachedUrl, headers: AS_BROWSERS }, book: { url: bookUrl, headers: AS_BROWSERS }, limit: { url: staticUrl, headers: AS_BROWSERS } };
    for (const way of Object.values(WAYS)) await hammer(way, { connections: CONNECTIONS, seconds: warmSeconds });

    const { runs: pageRuns, medians: page } = await interleavedRuns(WAYS, {
      runs: RUNS,
      connections: CONNECTIONS,
      seconds: DURATION,
      onRun: (run) => log(`page run ${run}/${RUNS}: Next directly, through the cache, /livre through the cache, static nginx (${DURATION} s each, ${CONNECTIONS} connections)`),
    });
    const afterPages = memoryNow(server.pid);
    page.cacheRatio = page.cache.rps / page.limit.rps;
    page.bookRatio = page.book.rps / page.cache.rps;
    page.directRatio = page.direct.rps / page.limit.rps;

    log(`time to visibility through the cache over ${VISIBILITY_POSTS} posts…`);
    // Before the posting load, so the page is measured with a realistic thread, not thousands of
    // comments. Each post is followed by loads through nginx, which the app purged after the write.
    const pageOf = async (answer, agent) => {
      const permalink = await send(`${PROXY}${answer.comment.url}`, { agent });
      return `${PROXY}${String(permalink.headers.location ?? '').replace(/#.*$/, '')}`;
    };
    const visible = await visibilityDelays(POST_URL, pageOf, { count: VISIBILITY_POSTS, tag: `seen${Date.now()}` });

    log('posting comments…');
    const warmPosts = await postLoad(POST_URL, { connections: CONNECTIONS, seconds: DURATION, tag: 'warmup' });
    // Like the page, several runs and their median: one 10 s run on this shared machine can land
    // on a noisy moment. Each run's acknowledged posts are checked against the stored ones.
    const postRuns = [];
    for (let run = 1; run <= RUNS; run++) {
      log(`posting run ${run}/${RUNS} (${DURATION} s, ${CONNECTIONS} connections)`);
      const before = publishedCount(POST_SLUG);
      const result = await postLoad(POST_URL, { connections: CONNECTIONS, seconds: DURATION, tag: `load${Date.now()}r${run}` });
      postRuns.push({ ...result, stored: publishedCount(POST_SLUG) - before });
    }
    const medianRun = [...postRuns].sort((a, b) => a.acceptedPerSecond - b.acceptedPerSecond)[Math.floor(postRuns.length / 2)];
    const posts = {
      acceptedPerSecond: medianRun.acceptedPerSecond,
      latency: medianRun.latency,
      accepted: postRuns.reduce((sum, run) => sum + run.accepted, 0),
      sent: postRuns.reduce((sum, run) => sum + run.sent, 0),
      errors: postRuns.reduce((sum, run) => sum + run.errors, 0),
      statuses: postRuns.reduce((all, run) => {
        for (const [status, count] of Object.entries(run.statuses)) all[status] = (all[status] ?? 0) + count;
        return all;
      }, {}),
    };
    const stored = postRuns.reduce((sum, run) => sum + run.stored, 0);
    const everyRunEqual = postRuns.every((run) => run.accepted === run.stored);
    log(`posted: ${posts.accepted} acknowledged (201), ${stored} stored, statuses ${JSON.stringify(posts.statuses)}`);

    const large = await measureLargeThread({
      origin: ORIGIN,
      proxy: PROXY,
      env: siteEnv,
      slug: POST_SLUG,
      smallPagePath: PAGE_PATH,
      count: LARGE_THREAD,
      connections: CONNECTIONS,
      seconds: DURATION,
      runs: RUNS,
      visibilityPosts: VISIBILITY_POSTS,
      serverPid: server.pid,
      log,
    });
    const largeRatio = large.pages.largeCached.rps / large.pages.smallCached.rps;
    const largeDirectRatio = large.pages.large.rps / large.pages.small.rps;
    const farRatio = large.pages.far.rps / large.pages.first.rps;

    log('page weight (Chromium)…');
    const weight = await measurePage(`${ORIGIN}${PAGE_PATH}`);
    // Our JavaScript: the article's scripts that a page with none of our client components (the
    // legal notice) does not load; what both load is React, the router and Next's runtime.
    const frameworkOnly = await measurePage(`${ORIGIN}/mentions-legales`);
    const frameworkUrls = new Set(frameworkOnly.resources.filter((r) => r.kind === 'js').map((r) => r.url));
    const ourScripts = weight.resources.filter((r) => r.kind === 'js' && !frameworkUrls.has(r.url));
    const ourJsBytes = ourScripts.reduce((sum, r) => sum + r.bodyBytes, 0);

    // Lighthouse (mobile) on the reader's three pages, each RUNS times, through the cache in front
    // as readers get them; each round also measures the framework's floor (bench/lib/framework-floor.mjs).
    const lighthouseRuns = [];
    const floorRuns = [];
    if (WITH_LIGHTHOUSE) {
      log('building and starting the framework floor (a bare App Router page)…');
      const floor = await startFrameworkFloor(FLOOR_PORT).catch((error) => {
        log(error.message);
        return null;
      });
      try {
        for (let run = 1; run <= RUNS; run++) {
          for (const [name, pagePath] of LIGHTHOUSE_PAGES) {
            log(`lighthouse (mobile) ${name} ${run}/${RUNS}…`);
            lighthouseRuns.push({ name, pagePath, run, ...(await lighthouseScores(`${PROXY}${pagePath}`, path.resolve(TMP, `lighthouse-${name}-${run}.json`))) });
          }
          if (floor) {
            log(`lighthouse (mobile) framework floor ${run}/${RUNS}…`);
            floorRuns.push({ run, ...(await lighthouseScores(floor.url, path.resolve(TMP, `lighthouse-floor-${run}.json`))) });
          }
        }
      } finally {
        await floor?.stop();
      }
    }
    const peak = memory.stop();
    const loadAfter = loadavg()[0];

    const weightOf = (kind) => weight.byKind[kind]?.bodyBytes ?? 0;
    const htmlCssJs = weightOf('html') + weightOf('css') + weightOf('js');
    const rows = [
      ['Build time (`next build`, fresh build folder)', fmt.s(buildResult.ms)],
      [`Static limit (Debian's nginx, the page's HTML as a file, its gzip copy to clients that ask): requests/s (median of ${RUNS})`, fmt.int(page.limit.rps)],
      ['Static limit: latency p50 / p99', `${fmt.ms(page.limit.p50)} / ${fmt.ms(page.limit.p99)}`],
      ['Through the cache (nginx, deploy/nginx), asked as browsers ask (gzip): requests/s / static limit', `${fmt.int(page.cache.rps)} (${fmt.pct(page.cacheRatio)})`, '≥ 50 %', page.cacheRatio >= TARGETS.cacheRatio],
      ['Through the cache: latency p50 / p99', `${fmt.ms(page.cache.p50)} / ${fmt.ms(page.cache.p99)}`, 'p99 < 20 ms', page.cache.p99 < TARGETS.cacheP99],
      [
        'The book’s page (/livre) through the cache: requests/s / the article through the cache',
        `${fmt.int(page.book.rps)} (${fmt.pct(page.bookRatio)}); p99 ${fmt.ms(page.book.p99)}`,
        '≥ 90 %',
        page.bookRatio >= TARGETS.bookRatio,
      ],
      ['Next directly (the server workers): requests/s', `${fmt.int(page.direct.rps)} (${fmt.pct(page.directRatio)} of the limit)`, '≥ 1,000/s', page.direct.rps >= TARGETS.directRps],
      ['Next directly: latency p50 / p99', `${fmt.ms(page.direct.p50)} / ${fmt.ms(page.direct.p99)}`, 'p99 < 100 ms', page.direct.p99 < TARGETS.directP99],
      [
        'Article page: errors (non-2xx, socket, timeouts): limit / cache / direct / /livre',
        `${page.limit.errors} / ${page.cache.errors} / ${page.direct.errors} / ${page.book.errors}`,
        '0',
        page.limit.errors + page.cache.errors + page.direct.errors + page.book.errors === 0,
      ],
      [`Posting through Next's route: accepted (201) per second (median of ${RUNS})`, fmt.int(posts.acceptedPerSecond), '≥ 400/s', posts.acceptedPerSecond >= TARGETS.postsPerSecond],
      ['Posting: latency p50 / p99 (median run)', `${fmt.ms(posts.latency.p50)} / ${fmt.ms(posts.latency.p99)}`],
      ['Posting: acknowledged (201) / stored (published in SQLite), all runs', `${fmt.int(posts.accepted)} / ${fmt.int(stored)}`, 'equal, zero lost', everyRunEqual && posts.accepted === stored],
      ['Posting: other answers / client errors', `${JSON.stringify(posts.statuses)} / ${posts.errors}`],
      [
        `New comment visible on the next load through the cache: p50 (p95), over ${VISIBILITY_POSTS}`,
        `${fmt.ms(visible.p50)} (${fmt.ms(visible.p95)})${visible.failures ? `, ${visible.failures} never seen` : ''}`,
        '< 100 ms p50',
        visible.p50 < TARGETS.visibleP50 && visible.failures === 0,
      ],
      [
        'Page weight: HTML + CSS + JS transferred',
        `${fmt.kb(htmlCssJs)} (HTML ${fmt.kb(weightOf('html'))}, CSS ${fmt.kb(weightOf('css'))}, JS ${fmt.kb(weightOf('js'))})`,
        '≤ 150 KB',
        htmlCssJs <= TARGETS.pageBytes,
      ],
      ['Page weight: requests (all kinds)', fmt.int(weight.requests), '≤ 10', weight.requests <= TARGETS.requests],
      ['Cumulative layout shift', weight.cls.toFixed(3), '0', weight.cls === 0],
      [`Large thread (${fmt.int(large.seeded.count)} more comments written on \`${POST_SLUG}\`): the article's HTML`, fmt.kb(large.htmlBytes), '≤ 150 KB', large.htmlBytes <= TARGETS.largeHtmlBytes],
      [
        'Large thread: its article page / the 7-comment one, requests/s through the cache (gzip, as browsers)',
        `${fmt.int(large.pages.largeCached.rps)} / ${fmt.int(large.pages.smallCached.rps)} (${fmt.pct(largeRatio)})`,
        '≥ 80 %',
        largeRatio >= TARGETS.largeRatio,
      ],
      [
        `Large thread: page ${large.firstWrittenPage} (a full page: ${fmt.kb(large.firstPageBytes)}, ${fmt.kb(large.firstPageGzipBytes)} gzip) / the 7-comment article, requests/s through the cache`,
        `${fmt.int(large.pages.firstCached.rps)} / ${fmt.int(large.pages.smallCached.rps)} (${fmt.pct(large.pages.firstCached.rps / large.pages.smallCached.rps)})`,
      ],
      [
        'Large thread: its article page / the 7-comment one, requests/s directly (Next)',
        `${fmt.int(large.pages.large.rps)} / ${fmt.int(large.pages.small.rps)} (${fmt.pct(largeDirectRatio)}); p99 ${fmt.ms(large.pages.large.p99)} / ${fmt.ms(large.pages.small.p99)}`,
      ],
      [
        `Large thread: page ${fmt.int(large.farPage)} / page ${large.firstWrittenPage} (the first of written comments), requests/s directly`,
        `${fmt.int(large.pages.far.rps)} / ${fmt.int(large.pages.first.rps)} (${fmt.pct(farRatio)}); ${fmt.kb(large.farPageBytes)} / ${fmt.kb(large.firstPageBytes)}`,
        '≥ 90 %',
        farRatio >= TARGETS.farPageRatio,
      ],
      [
        `Large thread: page ${fmt.int(large.middlePage)} (the middle) / page ${large.firstWrittenPage}, requests/s directly`,
        `${fmt.int(large.pages.middle.rps)} / ${fmt.int(large.pages.first.rps)} (${fmt.pct(large.pages.middle.rps / large.pages.first.rps)})`,
      ],
      [
        'Large thread: posting to it, accepted (201) per second / p99 (one run)',
        `${fmt.int(large.posting.acceptedPerSecond)} / ${fmt.ms(large.posting.latency.p99)}, ${JSON.stringify(large.posting.statuses)}`,
      ],
      [
        'Large thread: errors on its pages (non-2xx, socket, timeouts)',
        String(Object.values(large.pages).reduce((sum, way) => sum + way.errors, 0)),
        '0',
        Object.values(large.pages).every((way) => way.errors === 0),
      ],
      [
        `Large thread: JSON API, pages of 100 by cursor: p50 (p99), over ${large.api.requests} requests`,
        `${fmt.ms(large.api.p50)} (${fmt.ms(large.api.p99)}), ${fmt.int(large.api.comments)} comments, ${large.api.duplicates} seen twice`,
        '< 20 ms p50',
        large.api.p50 < TARGETS.apiP50 && large.api.duplicates === 0,
      ],
      ['Large thread: the article\'s comment feed', `${large.feed.items} items, ${fmt.kb(large.feed.bytes)}`, '≤ 50 items', large.feed.status === 200 && large.feed.items <= TARGETS.feedItems],
      [
        'Large thread: CSV export of its article (every comment of it), the server worker\'s RSS growth',
        `${fmt.int(large.csvArticle.lines - 1)} rows, ${fmt.kb(large.csvArticle.bytes)} in ${fmt.s(large.csvArticle.ms)}; +${fmt.mb(large.csvArticle.peakGrowthKiB)}`,
        '< 50 MB',
        large.csvArticle.status === 200 && large.csvArticle.lines - 1 >= large.seeded.count && large.csvArticle.peakGrowthKiB < TARGETS.exportGrowthKiB,
      ],
      [
        'Full CSV export of the site (the posting runs\' comments too), the server worker\'s RSS growth',
        `${fmt.int(large.csv.lines - 1)} rows, ${fmt.kb(large.csv.bytes)} in ${fmt.s(large.csv.ms)}; +${fmt.mb(large.csv.peakGrowthKiB)}`,
      ],
      [
        `Large thread: new comment visible on the next load through the cache: p50 (p95), over ${VISIBILITY_POSTS}`,
        `${fmt.ms(large.visible.p50)} (${fmt.ms(large.visible.p95)})${large.visible.failures ? `, ${large.visible.failures} never seen` : ''}`,
        '< 100 ms p50',
        large.visible.p50 < TARGETS.visibleP50 && large.visible.failures === 0,
      ],
      ['Memory at rest after start: each server worker / the whole `start.mjs` tree', `${atRest.workersKiB.map(fmt.mb).join(' / ')} / ${fmt.mb(atRest.treeKiB)}`],
      [
        'Memory after the page runs: the largest server worker',
        `${fmt.mb(Math.max(...afterPages.workersKiB))} (${afterPages.workersKiB.map(fmt.mb).join(' / ')})`,
        '≤ 250 MB',
        Math.max(...afterPages.workersKiB) <= TARGETS.workerAfterPagesKiB,
      ],
      ['Memory after the page runs: the whole `start.mjs` tree', fmt.mb(afterPages.treeKiB), '≤ 600 MB', afterPages.treeKiB <= TARGETS.treeAfterPagesKiB],
      ['Memory peak (every load, the large thread and its CSV exports included): the largest server worker', fmt.mb(peak.processKiB), '≤ 400 MB', peak.processKiB <= TARGETS.workerPeakKiB],
      ['Memory peak: the whole `start.mjs` tree', fmt.mb(peak.treeKiB)],
    ];
    if (isOneGigabyte) {
      rows.push(['1 GB mode (WEB_CONCURRENCY=1): the site and nginx in front, peak through every load', fmt.mb(peak.withAlsoKiB), '≤ 512 MB', peak.withAlsoKiB <= TARGETS.oneGigabyteKiB]);
    }
    if (postgresql) {
      const pgPosts = postgresql.posts;
      const pgStored = postgresql.postRuns.reduce((sum, run) => sum + run.stored, 0);
      const pgAccepted = postgresql.postRuns.reduce((sum, run) => sum + run.accepted, 0);
      rows.push(
        [`PostgreSQL 15: posting through Next's route, accepted (201) per second (median of ${RUNS}); p99`, `${fmt.int(pgPosts.acceptedPerSecond)}; ${fmt.ms(pgPosts.latency.p99)}`, '≥ 400/s', pgPosts.acceptedPerSecond >= TARGETS.postsPerSecond],
        ['PostgreSQL 15: posting, acknowledged (201) / stored, all runs', `${fmt.int(pgAccepted)} / ${fmt.int(pgStored)}`, 'equal', pgAccepted === pgStored],
        ['PostgreSQL 15: the article directly (Next) / through the cache, requests/s', `${fmt.int(postgresql.page.direct.rps)} / ${fmt.int(postgresql.page.cache.rps)} (${fmt.pct(postgresql.page.cache.rps / page.limit.rps)} of the static limit)`, '≥ 1,000/s directly', postgresql.page.direct.rps >= TARGETS.directRps],
      );
    }
    rows.push([
      'JavaScript of ours (the article\'s scripts that the legal notice, without our client components, does not load), gzip',
      `${fmt.kb(ourJsBytes)} in ${ourScripts.length} file(s), beside ${fmt.kb(weightOf('js') - ourJsBytes)} of React, the router and Next`,
      '< 15 KB',
      ourJsBytes < TARGETS.ourJsBytes,
    ]);
    if (lighthouseRuns.length === 0) rows.push(['Lighthouse', 'skipped (smoke run or BENCH_LIGHTHOUSE=0)']);
    for (const [name, pagePath] of LIGHTHOUSE_PAGES) {
      const runs = lighthouseRuns.filter((run) => run.name === name);
      if (runs.length === 0) continue;
      const good = runs.every((run) => run.scores && run.scores.performance >= TARGETS.lighthouse && run.metrics.tbt < TARGETS.tbt);
      const text = runs.map((run) => (run.scores ? `${run.scores.performance} (TBT ${fmt.ms(run.metrics.tbt)}, LCP ${fmt.ms(run.metrics.lcp)})` : run.error)).join(' / ');
      rows.push([`Lighthouse (mobile) performance of \`${pagePath}\`, each run (TBT, LCP)`, text, '≥ 98, TBT < 150 ms', good]);
    }
    if (floorRuns.length > 0) {
      const text = floorRuns.map((run) => (run.scores ? `${run.scores.performance} (TBT ${fmt.ms(run.metrics.tbt)}, LCP ${fmt.ms(run.metrics.lcp)})` : run.error)).join(' / ');
      rows.push(['The framework\'s floor: a bare App Router page (one heading, one paragraph, no client component), same Next, React and Lighthouse, each run (TBT, LCP)', text]);
    }
    const scored = lighthouseRuns.filter((run) => run.scores);
    if (scored.length > 0) {
      const lowest = (category) => Math.min(...scored.map((run) => run.scores[category]));
      rows.push(['Lighthouse (mobile), lowest over every run: accessibility / best practices / SEO', `${lowest('accessibility')} / ${lowest('best-practices')} / ${lowest('seo')}`]);
    }

    const commit = (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })();
    const now = new Date();
    const details = [
      `# Benchmark${isSmoke ? ' (smoke run)' : ''}${isOneGigabyte ? ' (1 GB mode: one server worker)' : ''} — ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `Commit \`${commit}\` (plus uncommitted changes, if any) · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
        `${CONNECTIONS} connections, ${DURATION} s per load test, ${RUNS} interleaved page run(s) · page loads by wrk (one thread), posts by a Node client, both on the same machine · ` +
        `1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other work on the machine adds noise).`,
      '',
      table(rows),
      '',
      '## Details',
      '',
      `- Server: \`scripts/start.mjs\` with ${workers} server worker process(es) (scripts/next-server.mjs) (one per core unless WEB_CONCURRENCY says otherwise); ` +
        `nginx ${nginxVersion()} with deploy/nginx's config in front, purged by the app; the static limit is the same nginx with a plain file server config serving the cache's compressed bytes (gzip_static). ` +
        'Through the cache and at the limit the load generator asks for gzip as browsers do; Next directly, for nothing (what the cache asks of it on a miss is gzip). ' +
        `Warm-up: ${warmSeconds} s of page loads each way, and ${DURATION} s of posting (${fmt.int(warmPosts.acceptedPerSecond)} accepted/s over the warm-up).`,
      `- Article page \`${PAGE_PATH}\`: \`x-nextjs-cache\` ${pageInfo.cacheFirst} then ${pageInfo.cacheSecond}, \`cache-control: ${pageInfo.cacheControl}\`, ` +
        `${fmt.kb(pageInfo.htmlBytes)} of HTML, ${pageInfo.encoding === 'none' ? 'not compressed' : `${pageInfo.encoding} ${fmt.kb(pageInfo.compressedBytes)}`} when asked for gzip/br.`,
      `- Page runs (direct rps · p99 | cache rps · p99 | static rps · p99): ${pageRuns
        .map((run) => ['direct', 'cache', 'limit'].map((way) => `${fmt.int(run[way].rps)} · ${fmt.ms(run[way].p99)}`).join(' | '))
        .join('; ')}.`,
      `- Through the cache: \`x-cache-status\` ${throughCache.headers['x-cache-status']}, \`cache-control: ${throughCache.headers['cache-control'] ?? 'none'}\`, the same HTML as Next's.`,
      `- Posting runs (accepted/s · p99 · acknowledged/stored): ${postRuns
        .map((run) => `${fmt.int(run.acceptedPerSecond)} · ${fmt.ms(run.latency.p99)} · ${fmt.int(run.accepted)}/${fmt.int(run.stored)}`)
        .join('; ')}; ${fmt.int(posts.sent)} sent after ${fmt.int(warmPosts.accepted)} warm-up posts; ` +
        `stored = published comments of \`${POST_SLUG}\` after minus before each run, read from the SQLite file.`,
      `- Visibility: a POST to Next's route, then GETs of the article page through the cache until the text appears; ${visible.firstLoadHits}/${visible.count} seen on the first GET, at most ${visible.maxLoads} GET(s).`,
      `- Large thread: ${fmt.int(large.seeded.count)} comments (${fmt.int(large.seeded.replies)} replies) written in ${fmt.s(large.seeded.ms)} by tests/helpers/large-thread.mjs after the posting runs; ` +
        `${fmt.int(large.pageCount)} pages of comments, the article showing the last; page 1 holds the seed's and the posting runs' short comments, so depth is measured from page ${large.firstWrittenPage}, the first made only of written ones. ` +
        `Runs (7-comment · large directly · 7-comment · large · page ${large.firstWrittenPage} through the cache · page ${large.firstWrittenPage} · page ${large.farPage} · page ${large.middlePage} directly, requests/s): ${large.pageRuns
          .map((run) => ['small', 'large', 'smallCached', 'largeCached', 'firstCached', 'first', 'far', 'middle'].map((name) => fmt.int(run[name].rps)).join(' · '))
          .join('; ')}.`,
      `- Browser load: ${weight.requests} requests, ${fmt.kb(weight.wireBytes)} on the wire including headers. Resources:`,
      ...weight.resources.map((r) => `  - ${r.kind} \`${r.url}\` ${r.status}, ${fmt.kb(r.bodyBytes)}, ${r.encoding}`),
      ...lighthouseRuns
        .filter((run) => run.metrics)
        .map((run) => `- Lighthouse \`${run.pagePath}\` run ${run.run}: FCP ${fmt.ms(run.metrics.fcp)}, LCP ${fmt.ms(run.metrics.lcp)}, TBT ${fmt.ms(run.metrics.tbt)}, CLS ${run.metrics.cls?.toFixed(3)}, CPU benchmark index ${Math.round(run.benchmarkIndex ?? NaN)}; failed binary audits: ${run.failed.join(', ') || 'none'}.`),
      ...floorRuns
        .filter((run) => run.metrics)
        .map((run) => `- Lighthouse, the framework's floor, run ${run.run}: FCP ${fmt.ms(run.metrics.fcp)}, LCP ${fmt.ms(run.metrics.lcp)}, TBT ${fmt.ms(run.metrics.tbt)}, CPU benchmark index ${Math.round(run.benchmarkIndex ?? NaN)}.`),
      `- Our scripts: ${ourScripts.map((r) => `\`${r.url}\` ${fmt.kb(r.bodyBytes)}`).join(', ') || 'none'}.`,
      `- Peak RSS: largest process \`${peak.processCommand.slice(0, 80)}\`, ${peak.samples} samples every 100 ms.`,
      '',
      buildResult.output ? `Build output:\n\n\`\`\`\n${routeTable(buildResult.output)}\n\`\`\`\n` : '',
    ].join('\n');

    console.log(`\n${details}`);
    if (isSmoke) {
      writeFileSync(path.join(TMP, 'smoke.md'), details);
      log(`written to ${TMP}/smoke.md`);
    } else if (isOneGigabyte) {
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/one-gigabyte.md', details);
      log('written to bench/results/one-gigabyte.md');
    } else {
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/latest.md', details);
      writeFileSync(`bench/results/${now.toISOString().slice(0, 10)}.md`, details);
      log(`written to bench/results/latest.md and bench/results/${now.toISOString().slice(0, 10)}.md`);
    }
  } finally {
    memory.stop();
    await staticServer?.stop();
    await stopTree(server.pid);
    await proxy.stop();
    rmSync(proxyDir, { recursive: true, force: true });
  }
}

// Exits explicitly: keep-alive sockets of the load generators must not hold the process open.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
