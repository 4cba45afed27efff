// Pages Next serves from its cache, answered again by the worker process without Next's request
// pipeline (about 0.8 ms of CPU per page, most of a cached page's cost). The memo is never fresher
// or staler than Next itself:
//
// - a response is kept only when Next served it from its cache as fresh (`x-nextjs-cache: HIT`),
//   with no time limit (`s-maxage=31536000`: a page due to render again at a closing date is not
//   kept), status 200, no cookie, and varying on nothing but Next's router headers and the encoding;
// - it is kept with the version of the shared cache tag expiries read *before* the request went to
//   Next, and answered only while that version is unchanged. Any write that expires a tag, in any
//   process on the database (a comment, a moderation, a closing, a setting), changes the version, so
//   the next request goes to Next again, even if the write landed while the page was being served.
//
// Only plain page loads are answered: GET, no query string, none of the headers of Next's client
// router (those ask for other payloads), no draft-mode cookie.

/** Request headers that make Next answer something other than the page's HTML. */
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url', 'next-action'];
/** What a kept response may vary on: the router headers (absent here) and the encoding (in the key). */
const KEYED_VARY = new Set([...ROUTER_HEADERS, 'accept-encoding']);
const DRAFT_MODE_COOKIES = /(?:^|;\s*)(?:__prerender_bypass|__next_preview_data)=/;
const CACHED_WITHOUT_TIME_LIMIT = /(?:^|,)\s*s-maxage=31536000\s*(?:,|$)/;
/** Headers that belong to one connection or one moment, never replayed. */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
/** A handful of pages, each in a few encodings: the bound only stops a flood of odd Accept-Encoding values. */
const MAX_ENTRIES = 256;

function keyOf(request) {
  if (request.method !== 'GET' || !request.url || request.url.includes('?')) return null;
  for (const name of ROUTER_HEADERS) if (request.headers[name] !== undefined) return null;
  if (DRAFT_MODE_COOKIES.test(request.headers.cookie ?? '')) return null;
  return `${request.url}\n${request.headers['accept-encoding'] ?? ''}`;
}

function isKeepable(statusCode, headers) {
  if (statusCode !== 200 || headers['x-nextjs-cache'] !== 'HIT' || headers['set-cookie'] !== undefined) return false;
  if (!CACHED_WITHOUT_TIME_LIMIT.test(String(headers['cache-control'] ?? ''))) return false;
  const vary = String(headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  return vary.every((name) => KEYED_VARY.has(name));
}

/** Calls `onEnd(statusCode, headers, body)` once `response` has been written whole (as sent: compressed). */
function recordResponse(response, onEnd) {
  const chunks = [];
  let headersArgument = {};
  const take = (chunk, encoding) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'));
    }
  };
  const { write, end, writeHead } = response;
  response.writeHead = function (statusCode, ...rest) {
    const headers = rest.find((argument) => argument && typeof argument === 'object');
    if (headers && !Array.isArray(headers)) headersArgument = headers;
    return writeHead.call(this, statusCode, ...rest);
  };
  response.write = function (chunk, encoding, ...rest) {
    take(chunk, encoding);
    return write.call(this, chunk, encoding, ...rest);
  };
  response.end = function (chunk, encoding, ...rest) {
    take(chunk, encoding);
    const result = end.call(this, chunk, encoding, ...rest);
    const headers = {};
    for (const [name, value] of Object.entries({ ...response.getHeaders(), ...headersArgument })) headers[name.toLowerCase()] = value;
    onEnd(response.statusCode, headers, Buffer.concat(chunks));
    return result;
  };
}

/**
 * `readVersion()` resolves to a value that changes whenever a shared tag expiry does, or null when
 * the database cannot say (then every request goes to Next). Returns `handle(request, response,
 * next)`, which answers from the memo or calls `next` (Next's request handler) and maybe keeps its answer.
 */
function createPageMemo(readVersion) {
  const entries = new Map();
  return async function handle(request, response, next) {
    const key = keyOf(request);
    if (key === null) return next(request, response);
    const version = await readVersion();
    if (version === null) return next(request, response);
    const kept = entries.get(key);
    if (kept && kept.version === version) {
      response.writeHead(200, { ...kept.headers, 'content-length': kept.body.byteLength });
      response.end(kept.body);
      return;
    }
    if (kept) entries.delete(key);
    recordResponse(response, (statusCode, headers, body) => {
      if (!isKeepable(statusCode, headers) || (entries.size >= MAX_ENTRIES && !entries.has(key))) return;
      const replayed = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_REPLAYED.has(name)));
      entries.set(key, { version, headers: replayed, body });
    });
    return next(request, response);
  };
}

module.exports = { createPageMemo };
