// Graceful shutdown: SIGTERM to scripts/start.mjs (which passes it to its server workers) while posts are
// in flight. Every request the server had started gets its answer (201) and is stored, new
// connections are refused, and the process exits 0 soon after.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { compareAcknowledged, loadComment, postComments, readStored, statusCounts } from './posts.mjs';
import { isGroupAlive } from './site.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A post whose body is sent in two halves: once the server has read its headers, the request is in
 * flight until `finish()` sends the rest. `written` resolves when the first half has left;
 * `answer` with { status, id } or { error }.
 */
function slowPost(url, comment, agent) {
  const payload = JSON.stringify(comment);
  const half = Math.floor(payload.length / 2);
  let resolveAnswer;
  const answer = new Promise((resolve) => {
    resolveAnswer = resolve;
  });
  const post = request(
    url,
    { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
    (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolveAnswer({ status: response.statusCode, id: response.statusCode === 201 ? JSON.parse(text).comment?.id : undefined });
      });
      response.on('error', (error) => resolveAnswer({ error: error.code ?? error.message }));
    },
  );
  post.on('error', (error) => resolveAnswer({ error: error.code ?? error.message }));
  const written = new Promise((resolve) => post.write(payload.slice(0, half), resolve));
  return { answer, written, finish: () => post.end(payload.slice(half)) };
}

/** Resolves with the code of a new TCP connection's failure (`ECONNREFUSED`), or `connected`. */
function tryConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error) => resolve(error.code));
  });
}

export async function shutdownTest({ site, postUrl, port, databaseFile, slowPosts, concurrency, log }) {
  const tag = `stop${Date.now().toString(36)}`;
  const problems = [];
  const agent = new Agent({ keepAlive: true });
  const slow = Array.from({ length: slowPosts }, (_, index) => {
    const comment = loadComment(tag, index);
    return { comment, ...slowPost(postUrl, comment, agent) };
  });
  // Fast posts as well, so that SIGTERM also lands among requests being written to the database.
  let isBurstStopped = false;
  let slowWrittenAt = Infinity;
  let answeredSince = 0;
  const burst = postComments(postUrl, {
    count: 1_000_000,
    concurrency,
    tag: `${tag}f`,
    shouldStop: () => isBurstStopped,
    onResult: (result) => {
      if (result.status === 201 && result.sentAt > slowWrittenAt) answeredSince += 1;
    },
  });
  await Promise.all(slow.map((post) => post.written));
  slowWrittenAt = performance.now();
  // The server reads its sockets in the order data arrives: once it has answered posts sent after
  // the slow ones' headers, it has read those headers too, and their requests are in flight.
  const deadline = slowWrittenAt + 60_000;
  while (answeredSince < concurrency && performance.now() < deadline) await sleep(10);
  if (answeredSince < concurrency) problems.push('the server answered no post for 60 s before SIGTERM');

  const signalledAt = performance.now();
  process.kill(site.pid, 'SIGTERM');
  log(`SIGTERM to scripts/start.mjs (pid ${site.pid}) with ${slowPosts} slow posts in flight`);
  let refusal = await tryConnect(port);
  while (refusal === 'connected' && performance.now() - signalledAt < 10_000) {
    await sleep(20);
    refusal = await tryConnect(port);
  }
  const refusedAfterMs = performance.now() - signalledAt;
  if (refusal !== 'ECONNREFUSED') problems.push(`a new connection after SIGTERM: ${refusal}, expected ECONNREFUSED`);
  isBurstStopped = true;

  for (const post of slow) post.finish();
  const answers = await Promise.all(slow.map((post) => post.answer));
  const { results: fast } = await burst;
  // start.mjs itself kills its workers 30 s after SIGTERM: past 40 s, something else is wrong.
  const exit = await Promise.race([site.exited, sleep(40_000).then(() => null)]);
  const exitSeconds = (performance.now() - signalledAt) / 1000;
  agent.destroy();
  if (!exit) problems.push('the server was still running 40 s after SIGTERM');
  else if (exit.code !== 0) problems.push(`scripts/start.mjs exited with ${JSON.stringify(exit)}, expected code 0`);
  await sleep(100);
  if (isGroupAlive(site.pid)) problems.push('processes of the server were left running');

  const slowResults = answers.map((answer, index) => ({ index, body: slow[index].comment.body, ...answer }));
  const notAnswered = slowResults.filter((result) => result.status !== 201);
  if (notAnswered.length) problems.push(`${notAnswered.length} in-flight post(s) without their 201: ${JSON.stringify(statusCounts(notAnswered))}`);
  const slowCheck = compareAcknowledged(slowResults, readStored(databaseFile, tag).rows);
  const fastCheck = compareAcknowledged(fast, readStored(databaseFile, `${tag}f`).rows);
  problems.push(...slowCheck.problems, ...fastCheck.problems);
  if (slowCheck.stored !== slowPosts) problems.push(`${slowCheck.stored} of the ${slowPosts} in-flight posts stored`);
  // A graceful stop answers every request it processes: nothing stored without its 201.
  if (fastCheck.unacknowledged) problems.push(`${fastCheck.unacknowledged} post(s) stored but never answered`);
  const serverErrors = fast.filter((result) => result.status >= 500).length;
  if (serverErrors) problems.push(`${serverErrors} answer(s) 5xx during the shutdown`);

  return {
    summary: {
      slowAcknowledged: slowCheck.acknowledged,
      slowStored: slowCheck.stored,
      fastStatuses: statusCounts(fast),
      fastAcknowledged: fastCheck.acknowledged,
      fastStored: fastCheck.stored,
      refusedAfterMs,
      exit,
      exitSeconds,
    },
    problems,
  };
}
