// `npm run bench` (or `npm run bench:smoke`): builds the site on a fresh database, serves it as
// `npm start` does (scripts/start.mjs: one server worker per core, scripts/next-worker.mjs), measures pages, comment posting, freshness, page weight and memory, and writes a
// Markdown report to bench/results/ (the smoke run's goes to bench/.tmp/ only).
//
// Settings: BENCH_DURATION (seconds per load test, 10), BENCH_RUNS (interleaved page runs, 3),
// BENCH_CONNECTIONS (32), BENCH_VISIBILITY_POSTS (50), BENCH_LIGHTHOUSE (1; 0 to skip),
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { measurePage } from './lib/browser.mjs';
import { lighthouseScores } from './lib/lighthouse.mjs';
import { hammer, postLoad, send, visibilityDelays } from './lib/load.mjs';
import { nextServerPids, stopTree, watchMemory } from './lib/processes.mjs';
import { fmt, median, table } from './lib/report.mjs';
import { resetState, startSite } from './lib/server.mjs';

const isSmoke = process.argv.includes('--smoke');
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

const PORT = '3240';
const STATIC_PORT = '3241';
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PAGE_PATH = '/articles/en-librairie-le-15-mai';
const POST_SLUG = 'le-marketing-2-0-c-est-quoi';
const POST_URL = `${ORIGIN}/api/articles/${POST_SLUG}/comments`;
const TMP = 'bench/.tmp';
const DATABASE_FILE = `${TMP}/bench.db`;
const DIST_DIR = '.next-bench';

const TARGETS = { ratio: 0.05, pageP99: 50, postsPerSecond: 700, visibleP50: 100, pageBytes: 150 * 1024, requests: 10 };

const log = (message) => console.log(`[bench] ${message}`);

async function startStaticServer(folder) {
  const child = spawn(process.execPath, ['bench/static-server.mjs', folder, STATIC_PORT], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return child;
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
  resetState({ databaseFile: DATABASE_FILE, distDir: DIST_DIR, tmpDir: TMP });
  log('starting the site with scripts/start.mjs (prepare-db, next build, the workers)…');
  const site = await startSite(
    {
      DATABASE_URL: `file:./${DATABASE_FILE}`,
      NEXT_DIST_DIR: DIST_DIR,
      PORT,
      COMMENT_RATE_LIMIT: 'off',
      SITE_URL: process.env.SITE_URL ?? ORIGIN,
      // A throw-away session secret, so start.mjs does not create one in data/.
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString('base64'),
    },
    `${ORIGIN}/`,
    path.resolve(TMP, 'server.log'),
  );
  const server = site.child;
  const buildResult = { ms: site.buildMs, output: site.buildOutput };
  log(`next build: ${fmt.s(buildResult.ms)}`);
  const memory = watchMemory(server.pid);
  let staticServer;
  try {
    const workers = nextServerPids(server.pid).length;
    log(`the site is up (scripts/start.mjs pid ${server.pid}, ${workers} next-server worker process(es))`);
    // The page as Next serves it: its cache status, and its HTML for the static server.
    const first = await send(`${ORIGIN}${PAGE_PATH}`);
    const second = await send(`${ORIGIN}${PAGE_PATH}`);
    const compressed = await send(`${ORIGIN}${PAGE_PATH}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    if (second.status !== 200 || !second.body.includes('commentaire')) throw new Error(`unexpected article page: ${second.status}`);
    const staticDir = path.join(TMP, 'static');
    mkdirSync(path.join(staticDir, 'articles'), { recursive: true });
    writeFileSync(path.join(staticDir, `${PAGE_PATH}.html`), second.body);
    staticServer = await startStaticServer(staticDir);
    const staticUrl = `http://127.0.0.1:${STATIC_PORT}${PAGE_PATH}`;
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
    await hammer(`${ORIGIN}${PAGE_PATH}`, { connections: CONNECTIONS, seconds: warmSeconds });
    await hammer(staticUrl, { connections: CONNECTIONS, seconds: warmSeconds });

    const pageRuns = [];
    for (let run = 1; run <= RUNS; run++) {
      log(`page run ${run}/${RUNS}: next, then static (${DURATION} s each, ${CONNECTIONS} connections)`);
      const next = await hammer(`${ORIGIN}${PAGE_PATH}`, { connections: CONNECTIONS, seconds: DURATION });
      const limit = await hammer(staticUrl, { connections: CONNECTIONS, seconds: DURATION });
      pageRuns.push({ next, limit });
    }
    const pick = (side, key) => median(pageRuns.map((run) => run[side][key]));
    const page = {
      rps: pick('next', 'rps'),
      p50: pick('next', 'p50'),
      p99: pick('next', 'p99'),
      errors: pageRuns.reduce((sum, run) => sum + run.next.errors, 0),
      limitRps: pick('limit', 'rps'),
      limitP50: pick('limit', 'p50'),
      limitP99: pick('limit', 'p99'),
      limitErrors: pageRuns.reduce((sum, run) => sum + run.limit.errors, 0),
    };
    page.ratio = page.rps / page.limitRps;

    log(`time to visibility over ${VISIBILITY_POSTS} posts…`);
    // Before the posting load, so the page is measured with a realistic thread, not thousands of comments.
    const visible = await visibilityDelays(POST_URL, `${ORIGIN}/articles/${POST_SLUG}`, { count: VISIBILITY_POSTS, tag: `seen${Date.now()}` });

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

    log('page weight (Chromium)…');
    const weight = await measurePage(`${ORIGIN}${PAGE_PATH}`);

    let lighthouse = { error: 'skipped (smoke run or BENCH_LIGHTHOUSE=0)' };
    if (WITH_LIGHTHOUSE) {
      log('lighthouse (mobile)…');
      lighthouse = await lighthouseScores(`${ORIGIN}${PAGE_PATH}`, path.resolve(TMP, 'lighthouse.json'));
    }
    const peak = memory.stop();
    const loadAfter = loadavg()[0];

    const weightOf = (kind) => weight.byKind[kind]?.bodyBytes ?? 0;
    const htmlCssJs = weightOf('html') + weightOf('css') + weightOf('js');
    const rows = [
      ['Build time (`next build`, fresh build folder)', fmt.s(buildResult.ms)],
      [`Article page: requests/s (median of ${RUNS})`, fmt.int(page.rps)],
      ['Article page: latency p50 / p99', `${fmt.ms(page.p50)} / ${fmt.ms(page.p99)}`, 'p99 < 50 ms', page.p99 < TARGETS.pageP99],
      ['Article page: errors (non-2xx, socket, timeouts)', fmt.int(page.errors), '0', page.errors === 0],
      [`Static limit (Node \`http\` + \`fs.createReadStream\`): requests/s`, fmt.int(page.limitRps)],
      ['Static limit: latency p50 / p99', `${fmt.ms(page.limitP50)} / ${fmt.ms(page.limitP99)}`],
      ['Article page / static limit (ratio of medians)', fmt.pct(page.ratio), '≥ 5 %', page.ratio >= TARGETS.ratio],
      [`Posting: accepted (201) per second (median of ${RUNS})`, fmt.int(posts.acceptedPerSecond), '≥ 700/s', posts.acceptedPerSecond >= TARGETS.postsPerSecond],
      ['Posting: latency p50 / p99 (median run)', `${fmt.ms(posts.latency.p50)} / ${fmt.ms(posts.latency.p99)}`],
      ['Posting: acknowledged (201) / stored (published in SQLite), all runs', `${fmt.int(posts.accepted)} / ${fmt.int(stored)}`, 'equal, zero lost', everyRunEqual && posts.accepted === stored],
      ['Posting: other answers / client errors', `${JSON.stringify(posts.statuses)} / ${posts.errors}`],
      [
        `New comment visible on next load: p50 (p95), over ${VISIBILITY_POSTS}`,
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
      ['Server peak RSS (largest process, `next-server` / whole `start.mjs` tree)', `${fmt.mb(peak.processKiB)} / ${fmt.mb(peak.treeKiB)}`],
    ];
    if (lighthouse.scores) {
      const s = lighthouse.scores;
      rows.push(['Lighthouse (mobile): performance / accessibility / best practices / SEO', `${s.performance} / ${s.accessibility} / ${s['best-practices']} / ${s.seo}`]);
    } else {
      rows.push(['Lighthouse', lighthouse.error]);
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
      `# Benchmark${isSmoke ? ' (smoke run)' : ''} — ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      '',
      `Commit \`${commit}\` (plus uncommitted changes, if any) · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
        `${CONNECTIONS} connections, ${DURATION} s per load test, ${RUNS} interleaved page run(s) · load generator on the same machine · ` +
        `1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other work on the machine adds noise).`,
      '',
      table(rows),
      '',
      '## Details',
      '',
      `- Server: \`scripts/start.mjs\` with ${workers} server worker process(es) (scripts/next-worker.mjs: Next.js, comment posts and page memo) (one per core unless WEB_CONCURRENCY says otherwise). ` +
        `Warm-up: ${warmSeconds} s of page loads on each server, and ${DURATION} s of posting (${fmt.int(warmPosts.acceptedPerSecond)} accepted/s over the warm-up).`,
      `- Article page \`${PAGE_PATH}\`: \`x-nextjs-cache\` ${pageInfo.cacheFirst} then ${pageInfo.cacheSecond}, \`cache-control: ${pageInfo.cacheControl}\`, ` +
        `${fmt.kb(pageInfo.htmlBytes)} of HTML, ${pageInfo.encoding === 'none' ? 'not compressed' : `${pageInfo.encoding} ${fmt.kb(pageInfo.compressedBytes)}`} when asked for gzip/br.`,
      `- Page runs (next rps · p99 | static rps · p99): ${pageRuns
        .map((run) => `${fmt.int(run.next.rps)} · ${fmt.ms(run.next.p99)} | ${fmt.int(run.limit.rps)} · ${fmt.ms(run.limit.p99)}`)
        .join('; ')}.`,
      `- Posting runs (accepted/s · p99 · acknowledged/stored): ${postRuns
        .map((run) => `${fmt.int(run.acceptedPerSecond)} · ${fmt.ms(run.latency.p99)} · ${fmt.int(run.accepted)}/${fmt.int(run.stored)}`)
        .join('; ')}; ${fmt.int(posts.sent)} sent after ${fmt.int(warmPosts.accepted)} warm-up posts; ` +
        `stored = published comments of \`${POST_SLUG}\` after minus before each run, read from the SQLite file.`,
      `- Visibility: a POST, then GETs of the article page until the text appears; ${visible.firstLoadHits}/${visible.count} seen on the first GET, at most ${visible.maxLoads} GET(s).`,
      `- Browser load: ${weight.requests} requests, ${fmt.kb(weight.wireBytes)} on the wire including headers. Resources:`,
      ...weight.resources.map((r) => `  - ${r.kind} \`${r.url}\` ${r.status}, ${fmt.kb(r.bodyBytes)}, ${r.encoding}`),
      lighthouse.metrics
        ? `- Lighthouse metrics: FCP ${fmt.ms(lighthouse.metrics.fcp)}, LCP ${fmt.ms(lighthouse.metrics.lcp)}, TBT ${fmt.ms(lighthouse.metrics.tbt)}, CLS ${lighthouse.metrics.cls?.toFixed(3)}; failed binary audits: ${lighthouse.failed.join(', ') || 'none'}.`
        : '',
      `- Peak RSS: largest process \`${peak.processCommand.slice(0, 80)}\`, ${peak.samples} samples every 100 ms.`,
      '',
      buildResult.output ? `Build output:\n\n\`\`\`\n${routeTable(buildResult.output)}\n\`\`\`\n` : '',
    ].join('\n');

    console.log(`\n${details}`);
    if (isSmoke) {
      writeFileSync(path.join(TMP, 'smoke.md'), details);
      log(`written to ${TMP}/smoke.md`);
    } else {
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/latest.md', details);
      writeFileSync(`bench/results/${now.toISOString().slice(0, 10)}.md`, details);
      log(`written to bench/results/latest.md and bench/results/${now.toISOString().slice(0, 10)}.md`);
    }
  } finally {
    memory.stop();
    if (staticServer?.pid) await stopTree(staticServer.pid);
    await stopTree(server.pid);
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
