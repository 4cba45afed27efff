// `npm run test:postgresql-instances` (part of `npm test`): the scale-out setup for real. A
// throwaway PostgreSQL 15 cluster, one build, two instances (scripts/start.mjs) on it (as behind a load
// balancer), and checks across them:
//   1. a comment posted on A is on B's very next page load (shared cache-tag expiries);
//   2. LOAD_COMMENTS comments (1 000 by default) posted concurrently to A and B, rate limit off:
//      every 201 stored exactly once, the count exact, no 500, no duplicate;
//   3. the author closes comments on A: B refuses the next post (403) and its page says so.
// Prints accepted/s, p50/p99 and stored vs acknowledged; exits non-zero on any failure.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createAdmin, signIn } from '../helpers/admin-session.mjs';
import pg from 'pg';
import { hammer } from '../../bench/lib/load.mjs';
import { startPostgres } from '../postgres/cluster.mjs';
import { compareAcknowledged, latency, postComments, statusCounts } from './posts.mjs';
import { killGroup, startSite, waitGroupGone } from './site.mjs';

const POSTS = Number(process.env.LOAD_COMMENTS ?? 1000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 50);
const PORT_A = 3330;
const PORT_B = 3331;
const SLUG = 'le-marketing-2-0-c-est-quoi';
const ADMIN = { email: 'auteur@exemple.fr', password: 'un mot de passe assez long' };
const TMP = 'tests/.tmp/instances';

const failures = [];
const check = (condition, message) => {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures.push(message);
};

async function postComment(port, body, email) {
  const response = await fetch(`http://127.0.0.1:${port}/api/articles/${SLUG}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Charge', email, body }),
  });
  const json = await response.json().catch(() => null);
  return { status: response.status, error: json?.error };
}

const pageOf = async (port) => (await fetch(`http://127.0.0.1:${port}/articles/${SLUG}`)).text();

rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
const cluster = startPostgres({ port: 5442, database: 'marketing_instances' });
const sites = [];
try {
  const env = {
    DATABASE_URL: cluster.url,
    COMMENT_RATE_LIMIT: 'off',
    IP_HASH_SALT: 'instances-salt',
    AUTH_SECRET: 'instances-secret-instances-secret-instances',
    SITE_URL: 'https://marketing20.example',
    NEXT_DIST_DIR: '.next-instances-a',
    // One process per instance: this test is about instances (several processes of one instance
    // share the same way, and test:load checks them on SQLite); it keeps 2 cores for 2 servers.
    WEB_CONCURRENCY: '1',
  };
  createAdmin(env, ADMIN);

  // One build for both instances: B gets a copy of A's build folder, as a deploy would ship it.
  const a = await startSite({ env: { ...env, PORT: String(PORT_A), NEXTAUTH_URL: `http://127.0.0.1:${PORT_A}` }, readyUrl: `http://127.0.0.1:${PORT_A}/`, logFile: `${TMP}/a.log` });
  sites.push(a);
  rmSync('.next-instances-b', { recursive: true, force: true });
  cpSync('.next-instances-a', '.next-instances-b', { recursive: true, filter: (source) => !source.includes('/cache/') });
  const b = await startSite({
    env: { ...env, PORT: String(PORT_B), NEXT_DIST_DIR: '.next-instances-b', NEXTAUTH_URL: `http://127.0.0.1:${PORT_B}` },
    readyUrl: `http://127.0.0.1:${PORT_B}/`,
    logFile: `${TMP}/b.log`,
  });
  sites.push(b);

  // 1. Posted on A, seen on B's next load (B's cached page must expire through PostgreSQL).
  check((await (await fetch(`http://127.0.0.1:${PORT_B}/articles/en-librairie-le-15-mai`)).text()).includes('Philippe'), 'B serves the seeded comments');
  const marker = `Vu sur l'autre instance ${Date.now()}`;
  const posted = await postComment(PORT_A, marker, 'croise@exemple.fr');
  check(posted.status === 201, `post on A answered ${posted.status}`);
  check((await pageOf(PORT_B)).includes(marker), 'the comment posted on A is on B’s next page load');
  check((await pageOf(PORT_A)).includes(marker), 'and on A’s');

  // What sharing the tag expiries costs: every cache read on B first asks PostgreSQL (one small
  // query, shared by concurrent reads). Reported, not asserted (the machine is shared).
  const reads = await hammer(`http://127.0.0.1:${PORT_B}/articles/en-librairie-le-15-mai`, { connections: 32, seconds: 5 });
  console.log(`\nArticle page on B (cached, tag expiries read from PostgreSQL): ${reads.rps.toFixed(0)} req/s, p50 ${reads.p50} ms, p99 ${reads.p99} ms, ${reads.errors} errors\n`);
  check(reads.errors === 0, 'page reads on B: no errors');

  // 2. The load: POSTS comments, half to each instance, CONCURRENCY in flight in all.
  const tag = `instances-${Date.now()}`;
  const started = performance.now();
  const halves = await Promise.all(
    [PORT_A, PORT_B].map((port, half) =>
      postComments(`http://127.0.0.1:${port}/api/articles/${SLUG}/comments`, { count: half ? Math.floor(POSTS / 2) : Math.ceil(POSTS / 2), concurrency: Math.max(1, Math.round(CONCURRENCY / 2)), tag: `${tag}-${half}` }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const results = halves.flatMap((half) => half.results);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const { rows } = await client.query(`SELECT id, body FROM "Comment" WHERE "authorEmail" LIKE $1`, [`load-${tag}-%`]);
  await client.end();
  const statuses = statusCounts(results);
  const { p50, p99 } = latency(results);
  const comparison = compareAcknowledged(results, rows);
  console.log(
    `\n${POSTS} posts to 2 instances on PostgreSQL, ${CONCURRENCY} in flight: ${(comparison.acknowledged / seconds).toFixed(0)} accepted/s, ` +
      `p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, answers ${JSON.stringify(statuses)}, ` +
      `acknowledged ${comparison.acknowledged} / stored ${comparison.stored}\n`,
  );
  check(comparison.acknowledged === POSTS, `every post answered 201 (${JSON.stringify(statuses)})`);
  check(comparison.problems.length === 0, `every 201 stored once under its id, no duplicate (${comparison.problems.join('; ') || 'ok'})`);
  check(comparison.stored === comparison.acknowledged, `stored ${comparison.stored} = acknowledged ${comparison.acknowledged}`);

  // 3. Closed on A, refused on B — by the server, and said on B's page.
  const session = await signIn(`http://127.0.0.1:${PORT_A}`, ADMIN);
  const close = await fetch(`http://127.0.0.1:${PORT_A}/api/admin/articles/${SLUG}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: session },
    body: JSON.stringify({ commentsOpen: false }),
  });
  check(close.status === 200, `the author closes comments on A (${close.status})`);
  const refused = await postComment(PORT_B, 'Après la fermeture', 'apres@exemple.fr');
  check(refused.status === 403 && /fermés/.test(refused.error ?? ''), `B refuses the next post: ${refused.status} ${refused.error}`);
  check((await pageOf(PORT_B)).includes('Les commentaires sont fermés.'), 'B’s next page load says comments are closed');
} finally {
  for (const site of sites) killGroup(site);
  for (const site of sites) await waitGroupGone(site).catch(() => undefined);
  cluster.stop();
}

if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed.`);
  process.exit(1);
}
console.log('\nTwo instances on PostgreSQL: all checks passed.');
