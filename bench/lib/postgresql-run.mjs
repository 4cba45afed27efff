// The scale-out configuration measured like the default one: the same site on a throwaway
// PostgreSQL 15 cluster (tests/postgres/cluster.mjs), `scripts/start.mjs` with its workers, the repo's
// nginx in front; posting through Next's route, the article directly and through the cache.
// Run by bench/run.mjs after the SQLite runs, or alone: `node bench/lib/postgresql-run.mjs`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { startNginx } from '../../deploy/nginx/start-nginx.mjs';
import { startPostgres } from '../../tests/postgres/cluster.mjs';
import { AS_BROWSERS, hammer, interleavedRuns, postLoad, send } from './load.mjs';
import { resetState, startSite } from './server.mjs';
import { stopTree } from './processes.mjs';

const PORT = '3250';
const PROXY_PORT = 3252;
const PURGE_PORT = 3253;
const PG_PORT = 5452;
const PAGE_PATH = '/articles/en-librairie-le-15-mai';
const POST_SLUG = 'le-marketing-2-0-c-est-quoi';

async function publishedCount(url, slug) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Comment" WHERE "articleSlug" = $1 AND "status" = 'published'`, [slug]);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** Posting (runs, median), the article directly and through the cache, on PostgreSQL. */
export async function measurePostgresql({ runs, connections, seconds, tmpDir, log }) {
  const cluster = startPostgres({ port: PG_PORT, database: 'marketing_bench' });
  const distDir = '.next-bench-postgresql';
  resetState({ databaseFile: path.join(tmpDir, 'unused.db'), distDir, tmpDir });
  const proxyDir = mkdtempSync(path.join(tmpdir(), 'm20-bench-pg-nginx-'));
  const origin = `http://127.0.0.1:${PORT}`;
  const proxyOrigin = `http://127.0.0.1:${PROXY_PORT}`;
  let proxy;
  let site;
  try {
    proxy = await startNginx({ listenPort: PROXY_PORT, upstreamPorts: [Number(PORT)], purgePort: PURGE_PORT, dir: proxyDir });
    log('PostgreSQL: starting the site on a throwaway PostgreSQL 15 cluster…');
    site = await startSite(
      {
        DATABASE_URL: cluster.url,
        NEXT_DIST_DIR: distDir,
        PORT,
        COMMENT_RATE_LIMIT: 'off',
        SITE_URL: origin,
        AUTH_SECRET: randomBytes(32).toString('base64'),
        CACHE_PURGE_URLS: proxy.purgeUrl,
      },
      `${origin}/`,
      path.resolve(tmpDir, 'server-postgresql.log'),
    );
    const cachedUrl = `${proxyOrigin}${PAGE_PATH}`;
    let cached;
    for (let attempt = 0; attempt < 5 && cached?.headers['x-cache-status'] !== 'HIT'; attempt++) cached = await send(cachedUrl);
    if (cached?.headers['x-cache-status'] !== 'HIT') throw new Error(`PostgreSQL: the page never came from the cache: ${JSON.stringify(cached?.headers)}`);
    const ways = { direct: `${origin}${PAGE_PATH}`, cache: { url: cachedUrl, headers: AS_BROWSERS } };
    for (const way of Object.values(ways)) await hammer(way, { connections, seconds });
    const { medians: page } = await interleavedRuns(ways, {
      runs,
      connections,
      seconds,
      onRun: (run) => log(`PostgreSQL page run ${run}/${runs}: Next directly, through the cache`),
    });
    const postUrl = `${origin}/api/articles/${POST_SLUG}/comments`;
    const warm = await postLoad(postUrl, { connections, seconds, tag: 'pgwarm' });
    const postRuns = [];
    for (let run = 1; run <= runs; run++) {
      log(`PostgreSQL posting run ${run}/${runs}`);
      const before = await publishedCount(cluster.url, POST_SLUG);
      const result = await postLoad(postUrl, { connections, seconds, tag: `pg${Date.now()}r${run}` });
      postRuns.push({ ...result, stored: (await publishedCount(cluster.url, POST_SLUG)) - before });
    }
    const median = [...postRuns].sort((a, b) => a.acceptedPerSecond - b.acceptedPerSecond)[Math.floor(postRuns.length / 2)];
    return { page, warm, postRuns, posts: median };
  } finally {
    if (site) await stopTree(site.child.pid);
    await proxy?.stop();
    rmSync(proxyDir, { recursive: true, force: true });
    rmSync(distDir, { recursive: true, force: true });
    cluster.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = Number(process.env.BENCH_DURATION ?? 10);
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  measurePostgresql({ runs, connections: Number(process.env.BENCH_CONNECTIONS ?? 32), seconds, tmpDir: 'bench/.tmp', log: (m) => console.log(`[bench] ${m}`) }).then(
    (result) => {
      console.log(JSON.stringify({ page: result.page, warm: result.warm.acceptedPerSecond, runs: result.postRuns.map((r) => ({ rps: r.acceptedPerSecond, p99: r.latency.p99, accepted: r.accepted, stored: r.stored, statuses: r.statuses })) }, null, 1));
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
