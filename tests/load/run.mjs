// `npm run test:load`: nothing acknowledged is lost. Starts the site as `npm start` does
// (scripts/start.mjs: build in .next-load/ when needed, the server workers) on a fresh database in
// tests/.tmp/, with no rate limit and two worker processes (WEB_CONCURRENCY=2), then:
//   0. workers: a post through one worker shows on the next page load from any; a killed worker
//      is replaced while the site keeps answering (workers.mjs);
//   1. load: posts LOAD_COMMENTS comments (argument or variable, 1000), LOAD_CONCURRENCY (50) at a
//      time; no 5xx, every 201 stored exactly once under its id, as many stored as acknowledged;
//   2. crash: kill -9 of the whole server in the middle of a burst, restart on the same file:
//      integrity_check ok, every comment acknowledged before the kill is there (crash.mjs);
//   3. shutdown: SIGTERM with posts in flight: each gets its 201 and is stored, new connections are
//      refused, the server exits 0 (shutdown.mjs).
// One build serves the three. Exits 1 on any failure. Port LOAD_PORT (3270).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { crashTest } from './crash.mjs';
import { compareAcknowledged, latency, postComments, readStored, statusCounts } from './posts.mjs';
import { shutdownTest } from './shutdown.mjs';
import { isGroupAlive, killGroup, startSite } from './site.mjs';
import { workersTest } from './workers.mjs';

const setting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const COMMENTS = setting('LOAD_COMMENTS', process.argv[2] ?? 1000);
const CONCURRENCY = setting('LOAD_CONCURRENCY', 50);
const PORT = setting('LOAD_PORT', 3270);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SLUG = 'le-marketing-2-0-c-est-quoi';
const POST_URL = `${ORIGIN}/api/articles/${SLUG}/comments`;
const WORKERS = 2;
const TMP = 'tests/.tmp';
const DATABASE_FILE = `${TMP}/load-${PORT}.db`;
const LOG_FILE = `${TMP}/load-${PORT}-server.log`;
// Started at most every few minutes: a hung server must not hang `npm test`.
const TIME_LIMIT_MS = setting('LOAD_TIME_LIMIT_SECONDS', 300) * 1000;

const startedAt = performance.now();
const log = (message) => console.log(`[test:load ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}`);
const ms = (value) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

const env = {
  PORT: String(PORT),
  NEXT_DIST_DIR: '.next-load',
  DATABASE_URL: `file:./${DATABASE_FILE}`,
  COMMENT_RATE_LIMIT: 'off',
  SITE_URL: ORIGIN,
  // A throw-away session secret, so start.mjs does not create one in data/.
  AUTH_SECRET: randomBytes(32).toString('base64'),
  SMTP_URL: '',
  NOTIFY_EMAIL_TO: '',
  // None: start.mjs keeps a salt of its own in data/ (checked below).
  IP_HASH_SALT: '',
  // Two workers whatever the machine's cores: the tests below then always cross processes.
  WEB_CONCURRENCY: String(WORKERS),
};
const start = () => startSite({ env, readyUrl: POST_URL, logFile: LOG_FILE });

let site;
const watchdog = setTimeout(() => {
  console.error(`[test:load] ÉCHEC : pas fini en ${TIME_LIMIT_MS / 1000} s (journal du serveur : ${LOG_FILE})`);
  if (site) killGroup(site);
  process.exit(1);
}, TIME_LIMIT_MS);
watchdog.unref();

async function main() {
  mkdirSync(TMP, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DATABASE_FILE}${suffix}`, { force: true });
  writeFileSync(LOG_FILE, '');
  const failures = [];

  log(`starting the site (scripts/start.mjs, build in .next-load/ if needed; output in ${LOG_FILE})…`);
  site = await start();
  log(`ready after ${((performance.now() - site.startedAt) / 1000).toFixed(1)} s (start.mjs pid ${site.pid})`);
  // No IP_HASH_SALT in env: start.mjs keeps one of its own, readable by this user only.
  const saltMode = statSync('data/.ip-hash-salt', { throwIfNoEntry: false })?.mode;
  if (saltMode === undefined || (saltMode & 0o777) !== 0o600) failures.push(`data/.ip-hash-salt: mode ${saltMode?.toString(8) ?? 'absent'}, 600 expected`);

  log(`workers: ${WORKERS} processes, posts and page loads across them, one killed…`);
  const workers = await workersTest({ site, origin: ORIGIN, slug: SLUG, expectedWorkers: WORKERS, log });
  failures.push(...workers.problems.map((problem) => `workers: ${problem}`));

  log(`load: ${COMMENTS} comments, ${CONCURRENCY} in flight…`);
  const tag = `load${Date.now().toString(36)}`;
  const load = await postComments(POST_URL, { count: COMMENTS, concurrency: CONCURRENCY, tag });
  const stored = readStored(DATABASE_FILE, tag);
  const check = compareAcknowledged(load.results, stored.rows);
  const times = latency(load.results);
  const statuses = statusCounts(load.results);
  log(
    `load: ${Math.round(check.acknowledged / load.seconds)} comments/s accepted, latency p50 ${ms(times.p50)} / p99 ${ms(times.p99)}, ` +
      `acknowledged ${check.acknowledged} / stored ${check.stored} / sent ${load.results.length}, answers ${JSON.stringify(statuses)}`,
  );
  const loadProblems = [...check.problems];
  if (check.acknowledged !== COMMENTS) loadProblems.push(`${COMMENTS - check.acknowledged} of ${COMMENTS} posts not acknowledged with 201: ${JSON.stringify(statuses)}`);
  if (check.stored !== COMMENTS) loadProblems.push(`${check.stored} stored for ${COMMENTS} posted`);
  if (stored.integrity !== 'ok') loadProblems.push(`integrity_check: ${stored.integrity}`);
  failures.push(...loadProblems.map((problem) => `load: ${problem}`));

  log('crash: kill -9 in the middle of a burst, then restart on the same file…');
  const crash = await crashTest({
    site,
    restart: start,
    postUrl: POST_URL,
    databaseFile: DATABASE_FILE,
    concurrency: CONCURRENCY,
    killAfter: Math.min(300, Math.ceil(COMMENTS / 4)),
    log,
  });
  site = crash.site;
  const c = crash.summary;
  log(
    `crash: ${c.acknowledged} acknowledged (${c.acknowledgedAtKill} at the kill), ${c.interrupted} cut off, ` +
      `${c.stored} stored (${c.storedUnacknowledged} of them never acknowledged), integrity_check ${c.integrity}, restarted in ${c.restartSeconds.toFixed(1)} s`,
  );
  failures.push(...crash.problems.map((problem) => `crash: ${problem}`));

  log('shutdown: SIGTERM with posts in flight…');
  const shutdown = await shutdownTest({ site, postUrl: POST_URL, port: PORT, databaseFile: DATABASE_FILE, slowPosts: 20, concurrency: 10, log });
  const s = shutdown.summary;
  log(
    `shutdown: in-flight posts ${s.slowAcknowledged} × 201, ${s.slowStored} stored; concurrent posts ${JSON.stringify(s.fastStatuses)}, ` +
      `${s.fastAcknowledged} acknowledged / ${s.fastStored} stored; new connections refused ${ms(s.refusedAfterMs)} after SIGTERM; ` +
      `exit ${JSON.stringify(s.exit)} ${s.exitSeconds.toFixed(1)} s after SIGTERM`,
  );
  failures.push(...shutdown.problems.map((problem) => `shutdown: ${problem}`));

  const total = ((performance.now() - startedAt) / 1000).toFixed(1);
  if (failures.length > 0) {
    for (const failure of failures) console.error(`[test:load] ÉCHEC : ${failure}`);
    console.error(`[test:load] ${failures.length} échec(s) en ${total} s (journal du serveur : ${LOG_FILE})`);
    return 1;
  }
  log(`all checks passed in ${total} s`);
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[test:load] ÉCHEC : ${error.stack ?? error}`);
} finally {
  if (site && isGroupAlive(site.pid)) killGroup(site);
}
process.exit(code);
