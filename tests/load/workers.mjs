// Several worker processes (scripts/serve-workers.mjs) behave as one site:
//   1. start.mjs runs as many server workers as WEB_CONCURRENCY says;
//   2. a comment posted through one worker shows on the very next page load from another: each
//      request goes out on a new connection, and the connections are handed to the workers in
//      turn, so with two workers each page load comes from the worker that did not take the post
//      (with the shared tag versions switched off, 40 of 40 page loads missed the comment);
//   3. the same when each worker serves the page from its cache (x-nextjs-cache: HIT);
//   4. a worker that dies is replaced, and the site keeps answering meanwhile. One page load may
//      go unanswered: Node's cluster hands a new connection to the dying worker if the kill lands
//      before the primary notices it, and that connection then waits for the client to give up.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { nextServerPids } from '../../bench/lib/processes.mjs';
import { send } from '../../bench/lib/load.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page load on a new connection: 'ok' (200), 'failed' (another answer, a reset) or 'timeout'. */
function pageLoad(url, timeoutMs) {
  return new Promise((resolve) => {
    const req = request(url, { headers: { Connection: 'close' }, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200 ? 'ok' : 'failed'));
      response.on('error', () => resolve('failed'));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve('failed'));
    req.end();
  });
}

/** The page that shows a posted comment: where its permalink redirects (threads are paged). */
async function pageShowing(origin, posted) {
  const permalink = await send(`${origin}${JSON.parse(posted.body).comment.url}`, { headers: { Connection: 'close' } });
  return `${origin}${String(permalink.headers.location ?? '').replace(/#.*$/, '')}`;
}

function freshComment(tag, index) {
  return { name: 'Test des processus', email: `workers-${tag}-${index}@exemple.fr`, body: `Processus ${tag} n° ${index} : visible partout au chargement suivant.` };
}

export async function workersTest({ site, origin, slug, expectedWorkers, rounds = 40, log }) {
  const problems = [];
  const workers = nextServerPids(site.pid);
  if (workers.length !== expectedWorkers) problems.push(`${workers.length} server processes, expected ${expectedWorkers}`);
  // Each worker runs with the memory settings serve-workers.mjs gives it (WORKER_HEAP_MB's default).
  for (const pid of workers) {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    if (!args.includes('--max-old-space-size=192') || !args.includes('--max-semi-space-size=4')) problems.push(`worker ${pid} runs without the heap limits: ${args.join(' ')}`);
    if (!environment.includes('MALLOC_ARENA_MAX=2')) problems.push(`worker ${pid} runs without MALLOC_ARENA_MAX=2`);
  }

  const tag = `w${Date.now().toString(36)}`;
  let missed = 0;
  let lastPosted = null;
  for (let index = 0; index < rounds; index++) {
    const body = JSON.stringify(freshComment(tag, index));
    const posted = await send(`${origin}/api/articles/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' },
      body,
    });
    if (posted.status !== 201) {
      problems.push(`post ${index}: ${posted.status} ${posted.body.slice(0, 200)}`);
      continue;
    }
    lastPosted = posted;
    const page = await send(await pageShowing(origin, posted), { headers: { Connection: 'close' } });
    if (page.status !== 200 || !page.body.includes(`Processus ${tag} n° ${index} `)) missed += 1;
  }
  if (missed > 0) problems.push(`${missed} of ${rounds} page loads right after a post did not show it`);

  // 3. The same once every worker serves the page from its cache (lib/cache/cache-handler.cjs):
  // a post must still show on the next load from each worker.
  const cachedRounds = 5;
  let cachedMissed = 0;
  let hits = 0;
  // The page where the next comment lands: the one that shows the last comment posted.
  let landing = lastPosted ? await pageShowing(origin, lastPosted) : `${origin}/articles/${slug}`;
  for (let index = 0; index < cachedRounds; index++) {
    for (let load = 0; load < 4 * expectedWorkers; load++) {
      const page = await send(landing, { headers: { Connection: 'close' } });
      if (page.headers['x-nextjs-cache'] === 'HIT') hits += 1;
    }
    const body = JSON.stringify(freshComment(`${tag}m`, index));
    const posted = await send(`${origin}/api/articles/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' },
      body,
    });
    if (posted.status !== 201) problems.push(`cached-phase post ${index}: ${posted.status} ${posted.body.slice(0, 200)}`);
    else landing = await pageShowing(origin, posted);
    for (let load = 0; load < 2 * expectedWorkers; load++) {
      const page = await send(landing, { headers: { Connection: 'close' } });
      if (page.status !== 200 || !page.body.includes(`Processus ${tag}m n° ${index} `)) cachedMissed += 1;
    }
  }
  if (cachedMissed > 0) problems.push(`${cachedMissed} of ${cachedRounds * 2 * expectedWorkers} page loads after a post, with the page in the workers' caches, did not show it`);
  if (hits < cachedRounds * 2 * expectedWorkers) problems.push(`only ${hits} of ${cachedRounds * 4 * expectedWorkers} loads between posts were cache HITs: the phase tested no cache`);

  const [victim] = workers;
  const pageUrl = `${origin}/articles/${slug}`;
  const during = { ok: 0, failed: 0, timeout: 0 };
  let replacedAfter = null;
  if (victim) {
    process.kill(victim, 'SIGKILL');
    const started = performance.now();
    while (performance.now() - started < 20_000) {
      during[await pageLoad(pageUrl, 3000)] += 1;
      const now = nextServerPids(site.pid);
      if (now.length === expectedWorkers && !now.includes(victim)) {
        replacedAfter = (performance.now() - started) / 1000;
        break;
      }
      await sleep(50);
    }
    if (replacedAfter === null) problems.push(`worker ${victim} killed: not replaced within 20 s`);
    if (during.failed > 0 || during.timeout > 1) problems.push(`page loads while a worker was replaced: ${JSON.stringify(during)}`);
    // Then every worker, the new one included, serves: the loads go to each in turn.
    const after = { ok: 0, failed: 0, timeout: 0 };
    for (let index = 0; index < 4 * expectedWorkers; index++) after[await pageLoad(pageUrl, 10_000)] += 1;
    if (after.ok !== 4 * expectedWorkers) problems.push(`page loads after the replacement: ${JSON.stringify(after)}`);
  }
  log?.(
    `workers: ${workers.length} server processes; ${rounds - missed} of ${rounds} posts visible on the next load; ` +
      `with the page cached (${hits} HITs), ${cachedRounds * 2 * expectedWorkers - cachedMissed} of ${cachedRounds * 2 * expectedWorkers}; ` +
      `killed worker ${replacedAfter === null ? 'NOT replaced' : `replaced in ${replacedAfter.toFixed(1)} s`}, page loads meanwhile ${JSON.stringify(during)}`,
  );
  return { problems };
}
