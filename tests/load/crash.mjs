// Crash safety: kill -9 the whole server (start.mjs, its server workers and anything below) in the middle
// of a burst of posts, restart it on the same database file, then check that the file is sound and
// that every comment acknowledged (201) before the kill is there, once.
import { compareAcknowledged, postComments, readStored, statusCounts } from './posts.mjs';
import { killGroup, waitGroupGone } from './site.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Returns the restarted site and a summary; `problems` lists what went wrong. */
export async function crashTest({ site, restart, postUrl, databaseFile, concurrency, killAfter, log }) {
  const tag = `crash${Date.now().toString(36)}`;
  let acknowledged = 0;
  let isKilled = false;
  let isBurstOver = false;
  const burst = postComments(postUrl, {
    count: 1_000_000,
    concurrency,
    tag,
    shouldStop: () => isKilled,
    onResult: (result) => {
      if (result.status === 201) acknowledged += 1;
    },
  }).finally(() => {
    isBurstOver = true;
  });
  while (acknowledged < killAfter && !isBurstOver) await sleep(5);
  killGroup(site);
  isKilled = true;
  const acknowledgedAtKill = acknowledged;
  log(`kill -9 of process group ${site.pid} after ${acknowledgedAtKill} acknowledged posts`);
  const { results } = await burst;
  await waitGroupGone(site);
  const exit = await site.exited;

  const restartedAt = performance.now();
  const restarted = await restart();
  const restartSeconds = (performance.now() - restartedAt) / 1000;
  const stored = readStored(databaseFile, tag);
  const comparison = compareAcknowledged(results, stored.rows);
  const problems = [...comparison.problems];
  if (stored.integrity !== 'ok') problems.push(`integrity_check: ${stored.integrity}`);
  if (exit.signal !== 'SIGKILL') problems.push(`start.mjs ended with ${JSON.stringify(exit)}, not SIGKILL`);
  const interrupted = results.filter((result) => result.error).length;
  if (interrupted === 0) problems.push('no request was in flight at the kill: the burst was not interrupted');
  const serverErrors = results.filter((result) => result.status >= 500).length;
  if (serverErrors) problems.push(`${serverErrors} answer(s) 5xx before the kill`);

  const after = await fetch(postUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Après la panne', email: `load-${tag}-after@exemple.fr`, body: `Commentaire ${tag} après le redémarrage.` }),
  });
  if (after.status !== 201) problems.push(`a post after the restart got ${after.status}`);

  return {
    site: restarted,
    summary: {
      acknowledgedAtKill,
      acknowledged: comparison.acknowledged,
      stored: comparison.stored,
      storedUnacknowledged: comparison.unacknowledged,
      interrupted,
      statuses: statusCounts(results),
      integrity: stored.integrity,
      restartSeconds,
    },
    problems,
  };
}
