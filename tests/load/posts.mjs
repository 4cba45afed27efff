// Posting comments concurrently and checking them against the database file.
import { Agent } from 'node:http';
import Database from 'better-sqlite3';
import { send, summarize } from '../../bench/lib/load.mjs';

/** A unique, valid comment: its e-mail and its text name the run (`tag`) and the post. */
export function loadComment(tag, index) {
  return {
    name: 'Test de charge',
    email: `load-${tag}-${index}@exemple.fr`,
    body: `Commentaire ${tag} n° ${index} : chaque commentaire accepté doit être gardé.`,
  };
}

/**
 * POSTs up to `count` comments to `url`, `concurrency` at a time, until `shouldStop()`. Resolves
 * with one result per request sent: { index, body, sentAt, status, id, ms } or { index, body, sentAt, error }.
 * `onResult` sees each as it arrives.
 */
export async function postComments(url, { count, concurrency, tag, shouldStop = () => false, onResult = () => {} }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count && !shouldStop()) {
      const index = next++;
      const comment = loadComment(tag, index);
      const payload = JSON.stringify(comment);
      const sent = performance.now();
      let result;
      try {
        const response = await send(url, {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
          body: payload,
        });
        const id = response.status === 201 ? JSON.parse(response.body).comment?.id : undefined;
        result = { index, body: comment.body, sentAt: sent, status: response.status, id, ms: performance.now() - sent };
      } catch (error) {
        result = { index, body: comment.body, sentAt: sent, error: error.code ?? error.message };
      }
      results.push(result);
      onResult(result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { results, seconds: (performance.now() - started) / 1000 };
}

/** Counts of answers by status (`error` for requests that got none). */
export function statusCounts(results) {
  const counts = {};
  for (const result of results) {
    const key = result.error ? `error ${result.error}` : String(result.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export const latency = (results) => summarize(results.filter((result) => result.status).map((result) => result.ms));

/** `PRAGMA integrity_check` and the comments of run `tag`, read straight from the SQLite file. */
export function readStored(file, tag) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      rows: db.prepare(`SELECT id, body FROM "Comment" WHERE "authorEmail" LIKE ?`).all(`load-${tag}-%`),
    };
  } finally {
    db.close();
  }
}

/**
 * Every acknowledged (201) comment stored exactly once, under the id it was given. Returns the
 * list of problems (empty when all is well) and the stored comments nobody was told about.
 */
export function compareAcknowledged(results, rows) {
  const problems = [];
  const acknowledged = results.filter((result) => result.status === 201);
  const ids = new Set(acknowledged.map((result) => result.id));
  if (ids.size !== acknowledged.length) problems.push(`${acknowledged.length - ids.size} id(s) given to two comments`);
  const byBody = new Map();
  for (const row of rows) byBody.set(row.body, [...(byBody.get(row.body) ?? []), row]);
  const duplicated = [...byBody.values()].filter((copies) => copies.length > 1).length;
  if (duplicated) problems.push(`${duplicated} comment(s) stored more than once`);
  const missing = acknowledged.filter((result) => !byBody.get(result.body)?.some((row) => row.id === result.id));
  if (missing.length) problems.push(`${missing.length} acknowledged comment(s) missing (first: #${missing[0].index}, id ${missing[0].id})`);
  const unacknowledged = rows.filter((row) => !ids.has(row.id));
  return { problems, acknowledged: acknowledged.length, stored: rows.length, unacknowledged: unacknowledged.length };
}
