// The "large thread" scenario: 100,000 published comments written straight into the database on
// one article, then what a popular article costs. Its page against the 7-comment article's, page
// 2,000 and the middle page against page 1, a walk through the JSON API, the feed, a full CSV export and the server's
// memory during it, and how soon a new comment shows.
import { Agent } from 'node:http';
import { createAdmin, signIn } from '../../tests/helpers/admin-session.mjs';
import { seedLargeThread } from '../../tests/helpers/large-thread.mjs';
import { AS_BROWSERS, interleavedRuns, postLoad, send, summarize, visibilityDelays } from './load.mjs';
import { nextServerPids, rssKiB } from './processes.mjs';

const ADMIN = { email: 'banc@exemple.fr', password: 'un mot de passe de banc d’essai' };
const FAR_PAGE = 2000;

/** The page the HTML marks as the current one in its page links. */
const currentPageOf = (html) => Number(/aria-current="page">(\d+)</.exec(html)?.[1] ?? 1);

/** GETs `url` with the cookie, reading the body as it streams; samples the workers' memory meanwhile. */
async function exportWithMemory(url, cookie, serverPid) {
  const pids = nextServerPids(serverPid);
  const before = new Map(pids.map((pid) => [pid, rssKiB(pid)]));
  let peakGrowthKiB = 0;
  const timer = setInterval(() => {
    for (const pid of pids) peakGrowthKiB = Math.max(peakGrowthKiB, rssKiB(pid) - (before.get(pid) ?? 0));
  }, 20);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { cookie } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
    return { status: response.status, bytes, lines, ms: performance.now() - started, peakGrowthKiB };
  } finally {
    clearInterval(timer);
  }
}

export async function measureLargeThread({ origin, proxy, env, slug, smallPagePath, count, connections, seconds, runs, visibilityPosts, serverPid, log }) {
  log(`large thread: writing ${count.toLocaleString('en')} comments on ${slug}…`);
  const seedStarted = performance.now();
  const seeded = await seedLargeThread({ databaseUrl: env.DATABASE_URL, slug, count });
  const seedMs = performance.now() - seedStarted;

  const articlePath = `/articles/${slug}`;
  await send(`${origin}${articlePath}`);
  const article = await send(`${origin}${articlePath}`);
  if (article.status !== 200) throw new Error(`large thread: the article answers ${article.status}`);
  const pageCount = currentPageOf(article.body);
  const farPage = Math.min(FAR_PAGE, pageCount - 1);
  // Page 1 holds the seed's and the posting runs' short comments: the depth is measured from the
  // first page made only of written comments, found by the first one's permalink.
  const located = await send(`${origin}${articlePath}/commentaires/${seeded.firstId}`);
  const firstWrittenPage = Number(/\/page\/(\d+)#/.exec(String(located.headers.location ?? ''))?.[1] ?? 0) + 1;
  // Pages are read from the nearer end of the thread: the middle one skips the most rows.
  const middlePage = Math.max(1, Math.round(pageCount / 2));
  // Both articles directly and through the cache in front, as readers get them (compressed).
  const urls = {
    small: `${origin}${smallPagePath}`,
    large: `${origin}${articlePath}`,
    smallCached: { url: `${proxy}${smallPagePath}`, headers: AS_BROWSERS },
    largeCached: { url: `${proxy}${articlePath}`, headers: AS_BROWSERS },
    // The article's page holds however many comments the last page has: a full page, through the cache too.
    firstCached: { url: `${proxy}${articlePath}/commentaires/page/${firstWrittenPage}`, headers: AS_BROWSERS },
    first: `${origin}${articlePath}/commentaires/page/${firstWrittenPage}`,
    far: `${origin}${articlePath}/commentaires/page/${farPage}`,
    middle: `${origin}${articlePath}/commentaires/page/${middlePage}`,
  };
  for (const target of Object.values(urls)) for (let load = 0; load < 3; load++) await send(target.url ?? target, { headers: target.headers });
  const firstPage = await send(urls.first);
  const firstPageGzip = await send(urls.firstCached.url, { headers: AS_BROWSERS });
  const far = await send(urls.far);

  const { runs: pageRuns, medians: pages } = await interleavedRuns(urls, {
    runs,
    connections,
    seconds,
    onRun: (run) => log(`large thread run ${run}/${runs}: the 7-comment article and the large one (directly, then through the cache), its pages ${firstWrittenPage}, ${farPage} and ${middlePage} (${seconds} s each)`),
  });

  log(`large thread: posting to it (${seconds} s)…`);
  const posting = await postLoad(`${origin}/api/articles/${slug}/comments`, { connections, seconds, tag: `largepost${Date.now()}` });

  log('large thread: walking the JSON API, 100 at a time…');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const apiTimes = [];
  const seen = new Set();
  let duplicates = 0;
  let cursor = null;
  let apiCount = 0;
  for (let index = 0; index < 200; index++) {
    const started = performance.now();
    const answer = await send(`${origin}/api/articles/${slug}/comments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { agent });
    apiTimes.push(performance.now() - started);
    const json = JSON.parse(answer.body);
    apiCount = json.count;
    for (const comment of json.comments) {
      if (seen.has(comment.id)) duplicates += 1;
      seen.add(comment.id);
    }
    cursor = json.nextCursor;
    if (!cursor) break;
  }
  agent.destroy();

  const feed = await send(`${origin}${articlePath}/comments/feed.xml`);
  const feedItems = (feed.body.match(/<item>/g) ?? []).length;

  log('large thread: the full CSV export, signed in as the author…');
  createAdmin(env, ADMIN);
  const cookie = await signIn(origin, ADMIN);
  // The article's 100,000 comments, then the whole site (the posting runs' comments too): a stream
  // in constant memory grows the server alike for both.
  const csvArticle = await exportWithMemory(`${origin}/api/admin/export?format=csv&article=${slug}`, cookie, serverPid);
  const csv = await exportWithMemory(`${origin}/api/admin/export?format=csv`, cookie, serverPid);

  log(`large thread: time to visibility through the cache over ${visibilityPosts} posts…`);
  const pageOf = async (answer, visibilityAgent) => {
    const permalink = await send(`${proxy}${answer.comment.url}`, { agent: visibilityAgent });
    return `${proxy}${String(permalink.headers.location ?? '').replace(/#.*$/, '')}`;
  };
  const visible = await visibilityDelays(`${origin}/api/articles/${slug}/comments`, pageOf, { count: visibilityPosts, tag: `large${Date.now()}` });

  return {
    seeded: { ...seeded, count, ms: seedMs },
    htmlBytes: article.bytes,
    firstWrittenPage,
    firstPageBytes: firstPage.bytes,
    firstPageGzipBytes: firstPageGzip.bytes,
    farPageBytes: far.bytes,
    pageCount,
    farPage,
    middlePage,
    pages,
    pageRuns,
    api: { ...summarize(apiTimes), requests: apiTimes.length, comments: seen.size, duplicates, threadCount: apiCount },
    feed: { status: feed.status, items: feedItems, bytes: feed.bytes },
    csvArticle,
    csv,
    visible,
    posting,
  };
}
