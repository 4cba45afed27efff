// Load generators: wrk for page reads, a closed-loop client of our own for comment posts
// (it waits for every request it sent, so each stored comment has been acknowledged or refused).
import { execFile } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { median } from './report.mjs';

/** What a browser sends: pages through the cache are measured as browsers get them, compressed. */
export const AS_BROWSERS = { 'accept-encoding': 'gzip, deflate, br' };

const WRK = '/usr/bin/wrk';
const WRK_REPORT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

/**
 * GET `url` (or { url, headers }) with `connections` keep-alive connections for `seconds`, by wrk on
 * one thread: a client in C reads a large page for little more than a small one, so what is
 * measured is the server's work per page, not the client's per byte.
 */
export async function hammer(target, { connections, seconds }) {
  const { url, headers = {} } = typeof target === 'string' ? { url: target } : target;
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', WRK_REPORT];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  const stdout = await new Promise((resolve, reject) => {
    execFile(WRK, [...args, url], { maxBuffer: 1 << 20 }, (error, out, err) => {
      if (error) reject(new Error(`wrk failed (${error.code === 'ENOENT' ? 'install it: apt-get install wrk' : error.message}): ${err}`));
      else resolve(out);
    });
  });
  const report = JSON.parse(stdout.trim().split('\n').at(-1));
  const total = report.requests;
  return {
    rps: total / (report.durationUs / 1e6),
    p50: report.p50 / 1000,
    p99: report.p99 / 1000,
    total,
    errors: report.connect + report.read + report.write + report.status + report.timeout,
    bytesPerRequest: total ? report.bytes / total : 0,
  };
}

/**
 * Hammers each of `urls` ({ name: url or { url, headers } }) in turn, `runs` times over, so that a noisy moment of the
 * machine hits them alike. Returns every run and, per name, the median run's figures.
 */
export async function interleavedRuns(urls, { runs, connections, seconds, onRun = () => {} }) {
  const all = [];
  for (let run = 1; run <= runs; run++) {
    onRun(run);
    const results = {};
    for (const [name, url] of Object.entries(urls)) results[name] = await hammer(url, { connections, seconds });
    all.push(results);
  }
  const medians = Object.fromEntries(
    Object.keys(urls).map((name) => [
      name,
      {
        rps: median(all.map((run) => run[name].rps)),
        p50: median(all.map((run) => run[name].p50)),
        p99: median(all.map((run) => run[name].p99)),
        errors: all.reduce((sum, run) => sum + run[name].errors, 0),
      },
    ]),
  );
  return { runs: all, medians };
}

/** One HTTP request on a keep-alive agent; resolves with status, headers, body text, the bytes and their size as received. */
export function send(url, { method = 'GET', headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: raw.toString('utf8'), raw, bytes: raw.byteLength });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}

/** A unique, valid comment. */
export function benchComment(tag, index) {
  return {
    name: 'Banc d’essai',
    email: `bench-${tag}-${index}@example.com`,
    body: `Commentaire de charge ${tag}-${index} : l’intelligence collective se mesure aussi en requêtes par seconde.`,
  };
}

/**
 * POSTs unique comments to `url` from `connections` concurrent loops for `seconds`. Each loop sends
 * its next request only after the previous answer; at the deadline the loops finish what they sent.
 */
export async function postLoad(url, { connections, seconds, tag }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const statuses = {};
  const latencies = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const body = JSON.stringify(benchComment(tag, next++));
      const sent = performance.now();
      try {
        const response = await send(url, {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
          body,
        });
        latencies.push(performance.now() - sent);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const accepted = statuses[201] ?? 0;
  return { accepted, acceptedPerSecond: accepted / elapsed, sent: next, elapsed, statuses, errors, latency: summarize(latencies) };
}

/**
 * For each of `count` posts: POST a comment, then GET the page that shows it (`pageUrlOf(answer)`,
 * through its permalink) until it shows the comment's text. Measures from the POST to the end of
 * the first GET that shows it.
 */
export async function visibilityDelays(postUrl, pageUrlOf, { count, tag, timeoutMs = 10_000 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const delays = [];
  const reloads = [];
  let failures = 0;
  for (let index = 0; index < count; index++) {
    const comment = benchComment(tag, index);
    const body = JSON.stringify(comment);
    const started = performance.now();
    const posted = await send(postUrl, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, body });
    if (posted.status !== 201) {
      failures += 1;
      continue;
    }
    // The page escapes the text as HTML: look for a part of it without apostrophes or ampersands.
    const needle = `charge ${tag}-${index} `;
    // The page that shows it, as a reader reaches it: its permalink redirects there (threads are paged).
    const pageUrl = await pageUrlOf(JSON.parse(posted.body), agent);
    let loads = 0;
    for (;;) {
      loads += 1;
      const page = await send(pageUrl, { agent });
      if (page.status === 200 && page.body.includes(needle)) {
        delays.push(performance.now() - started);
        break;
      }
      if (performance.now() - started > timeoutMs) {
        failures += 1;
        break;
      }
    }
    reloads.push(loads);
  }
  agent.destroy();
  return { ...summarize(delays), failures, maxLoads: Math.max(0, ...reloads), firstLoadHits: reloads.filter((n) => n === 1).length };
}
