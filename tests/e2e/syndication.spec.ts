import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { APIRequestContext, Page } from '@playwright/test';
import { CLOSED_SLUG, OPEN_SLUG, expect, test, uniqueText } from './fixtures';
import { E2E_SERVER_ENV } from './server-settings';

const SITE = E2E_SERVER_ENV.SITE_URL;
const ARRAYS = new Set(['rss.channel.item', 'rss.channel.atom:link', 'feed.entry', 'feed.link']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (_name, jpath) => ARRAYS.has(String(jpath)) });

type Node = Record<string, unknown>;
const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Node)['#text']) : String(value));

/** Fetches a feed, checks its content type and that it is well-formed, and parses it. */
async function fetchFeed(api: APIRequestContext, path: string, type: RegExp): Promise<Node> {
  const response = await api.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type']).toMatch(type);
  const xml = await response.text();
  expect(XMLValidator.validate(xml), path).toBe(true);
  return parser.parse(xml) as Node;
}

async function commentFeedItems(api: APIRequestContext, slug: string): Promise<Node[]> {
  const rss = (await fetchFeed(api, `/articles/${slug}/comments/feed.xml`, /^application\/rss\+xml/)).rss as Node;
  return ((rss.channel as Node).item as Node[] | undefined) ?? [];
}

/** The page's JSON-LD objects, parsed. */
async function jsonLdOf(page: Page): Promise<Node[]> {
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return scripts.map((text) => JSON.parse(text) as Node);
}

/** The number in the « 7 commentaires » heading (0 for « Aucun commentaire »). */
async function shownCommentCount(page: Page): Promise<number> {
  const heading = (await page.locator('h2#commentaires').textContent()) ?? '';
  return heading.startsWith('Aucun') ? 0 : Number(/^(\d+)/.exec(heading.replace(/\s/g, ''))?.[1]);
}

/** A URL of the public site, fetched from the server under test. */
const local = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

test('the RSS feed lists every article with title, link, guid and date', async ({ api }) => {
  const rss = (await fetchFeed(api, '/feed.xml', /^application\/rss\+xml/)).rss as Node;
  expect(rss['@version']).toBe('2.0');
  const channel = rss.channel as Node;
  expect(channel.title).toBe('Marketing 2.0 – L’intelligence collective');
  expect(channel.link).toBe(`${SITE}/`);
  expect(String(channel.description)).not.toBe('');
  expect(channel.language).toBe('fr');
  const items = channel.item as Node[];
  expect(items.map((item) => item.link)).toEqual([`${SITE}/articles/${CLOSED_SLUG}`, `${SITE}/articles/${OPEN_SLUG}`]);
  for (const item of items) {
    expect(String(item.title)).not.toBe('');
    expect(textOf(item.guid)).toBe(item.link);
    expect(Number.isNaN(Date.parse(String(item.pubDate)))).toBe(false);
    expect(String(item['content:encoded'])).toContain('<p>');
  }
});

test('the Atom feed has an id, an update date and an entry per article', async ({ api }) => {
  const feed = (await fetchFeed(api, '/atom.xml', /^application\/atom\+xml/)).feed as Node;
  expect(feed.id).toBe(`${SITE}/atom.xml`);
  expect(Number.isNaN(Date.parse(String(feed.updated)))).toBe(false);
  expect(textOf(feed.title)).toBe('Marketing 2.0 – L’intelligence collective');
  const entries = feed.entry as Node[];
  expect(entries).toHaveLength(2);
  for (const entry of entries) {
    expect(String(entry.id)).toMatch(new RegExp(`^${SITE}/articles/`));
    expect(Number.isNaN(Date.parse(String(entry.updated)))).toBe(false);
    expect(textOf(entry.title)).not.toBe('');
  }
});

test('an article’s comment feed shows a comment published through the API, before every older one', async ({ api }) => {
  const before = await commentFeedItems(api, OPEN_SLUG);
  const input = { name: 'Abonnée RSS', email: 'abonnee@exemple.fr', body: uniqueText('Vu dans le fil') };
  const posted = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: input });
  expect(posted.status()).toBe(201);
  const { comment } = (await posted.json()) as { comment: { id: number } };

  const after = await commentFeedItems(api, OPEN_SLUG);
  // Other tests post to the same article meanwhile: only the items that were already there are known to be older.
  const link = `${SITE}/articles/${OPEN_SLUG}/commentaires/${comment.id}`;
  const older = new Set(before.map((item) => item.link));
  const place = after.findIndex((item) => item.link === link);
  expect(place, 'the new comment is in the feed').toBeGreaterThanOrEqual(0);
  expect(after.slice(0, place).filter((item) => older.has(item.link))).toEqual([]);
  // The feed holds the 50 latest: at least one more item, or the oldest pushed out.
  expect(after.length).toBeGreaterThanOrEqual(Math.min(before.length + 1, 50));
  expect(after.length).toBeLessThanOrEqual(50);
  expect(after[place]).toMatchObject({ title: 'Commentaire de Abonnée RSS', 'dc:creator': 'Abonnée RSS' });
  expect(String(after[place]?.['content:encoded'])).toContain(input.body);
  expect(JSON.stringify(after)).not.toContain('abonnee@exemple.fr');
  const dates = after.map((item) => Date.parse(String(item.pubDate)));
  expect(dates).toEqual([...dates].sort((a, b) => b - a));
});

test('the closed article’s comment feed lists its published comments, and an unknown article has none', async ({ api }) => {
  const items = await commentFeedItems(api, CLOSED_SLUG);
  const count = (await (await api.get(`/api/articles/${CLOSED_SLUG}/comments`)).json()).count as number;
  expect(items).toHaveLength(count);
  expect(JSON.stringify(items)).not.toMatch(/@commentaires\.invalid/);
  expect((await api.get('/articles/nexiste-pas/comments/feed.xml')).status()).toBe(404);
});

test('every page announces the site feeds, and an article its comment feed', async ({ page, api }) => {
  await page.goto('/');
  const homeFeeds = await page.locator('link[rel="alternate"][type="application/rss+xml"], link[rel="alternate"][type="application/atom+xml"]').evaluateAll((links) =>
    links.map((link) => (link as HTMLLinkElement).getAttribute('href')),
  );
  expect(homeFeeds).toEqual(expect.arrayContaining([`${SITE}/feed.xml`, `${SITE}/atom.xml`]));

  await page.goto(`/articles/${OPEN_SLUG}`);
  const articleFeeds = await page.locator('link[rel="alternate"][type="application/rss+xml"]').evaluateAll((links) =>
    links.map((link) => (link as HTMLLinkElement).getAttribute('href') ?? ''),
  );
  expect(articleFeeds).toEqual([`${SITE}/feed.xml`, `${SITE}/articles/${OPEN_SLUG}/comments/feed.xml`]);
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute('href', `${SITE}/atom.xml`);
  for (const href of articleFeeds) expect((await api.get(local(href))).status(), href).toBe(200);
});

for (const path of ['/', `/articles/${OPEN_SLUG}`, `/articles/${CLOSED_SLUG}`]) {
  test(`${path} has Open Graph and Twitter card metadata with a PNG share image`, async ({ page, api }) => {
    await page.goto(path);
    const meta = (selector: string) => page.locator(`meta[${selector}]`).first().getAttribute('content');
    expect(await meta('property="og:title"')).toBeTruthy();
    expect(await meta('property="og:description"')).toBeTruthy();
    expect(await meta('property="og:site_name"')).toBe('Marketing 2.0 – L’intelligence collective');
    expect(await meta('property="og:locale"')).toBe('fr_FR');
    expect(await meta('name="twitter:card"')).toBe('summary_large_image');
    expect(await meta('name="twitter:title"')).toBeTruthy();
    expect(await meta('property="og:image:width"')).toBe('1200');

    const image = await meta('property="og:image"');
    expect(image).toMatch(new RegExp(`^${SITE}/`));
    if (path !== '/') expect(image).toContain(`${path}/opengraph-image`);
    expect(await meta('name="twitter:image"')).toBe(image);
    const response = await api.get(local(image ?? ''));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    const body = await response.body();
    expect(body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });
}

test('the home page describes the book in JSON-LD', async ({ page }) => {
  await page.goto('/');
  const [book] = await jsonLdOf(page);
  expect(book).toMatchObject({
    '@type': 'Book',
    name: 'Marketing 2.0 – L’intelligence collective',
    author: { name: 'François Laurent' },
    datePublished: '2008-05-15',
    inLanguage: 'fr',
    image: `${SITE}/cover.svg`,
  });
  expect((await page.request.get('/cover.svg')).status()).toBe(200);
});

for (const slug of [CLOSED_SLUG, OPEN_SLUG]) {
  test(`the JSON-LD of ${slug} matches the comments on the page`, async ({ page }) => {
    await page.goto(`/articles/${slug}`);
    const [posting] = await jsonLdOf(page);
    const shown = await shownCommentCount(page);
    const comments = (posting?.comment ?? []) as Node[];
    // The whole thread's count, and the comments of this page only.
    expect(posting).toMatchObject({ '@type': 'BlogPosting', headline: await page.locator('h1').textContent(), commentCount: shown });
    expect(comments).toHaveLength(await page.locator('.comment').count());
    const image = await page.request.get(local(String(posting?.image)));
    expect(image.headers()['content-type']).toBe('image/png');
    for (const comment of comments.slice(0, 3)) {
      const id = String(comment.url).split('#')[1] ?? '';
      const onPage = page.locator(`[id="${id}"]`);
      await expect(onPage.locator('.comment__author')).toHaveText(String((comment.author as Node).name));
      await expect(onPage.locator('time')).toHaveAttribute('datetime', String(comment.dateCreated));
      // The text is the page's only: no second copy in the structured data.
      expect(comment).not.toHaveProperty('text');
    }
  });
}

test('a comment containing </script> cannot break out of the JSON-LD', async ({ api, page }) => {
  const body = uniqueText('Fin </script><script>window.__pwned = true</script><!--');
  const posted = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: '</script>', email: 'x@exemple.fr', body } });
  expect(posted.status()).toBe(201);

  await page.goto(`/articles/${OPEN_SLUG}`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  const scripts = await jsonLdOf(page);
  expect(scripts).toHaveLength(1);
  const comments = (scripts[0]?.comment ?? []) as Node[];
  const { comment: stored } = (await posted.json()) as { comment: { id: number } };
  const mine = comments.find((comment) => String(comment.url).endsWith(`#comment-${stored.id}`));
  expect((mine?.author as Node | undefined)?.name).toBe('</script>');
  await expect(page.locator(`#comment-${stored.id}`)).toContainText(body);
  await expect(page.getByText(body)).toBeVisible();
});

test('the sitemap lists every article, dated by its latest comment', async ({ api }) => {
  const posted = await api.post(`/api/articles/${OPEN_SLUG}/comments`, { data: { name: 'Plan', email: 'plan@exemple.fr', body: uniqueText('Pour le plan du site') } });
  expect(posted.status()).toBe(201);
  const { comment } = (await posted.json()) as { comment: { createdAt: string } };

  const response = await api.get('/sitemap.xml');
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const urls = (new XMLParser({ isArray: (name) => name === 'url' }).parse(xml) as { urlset: { url: { loc: string; lastmod: string }[] } }).urlset.url;
  const byLoc = Object.fromEntries(urls.map((url) => [url.loc, url.lastmod]));
  expect(Object.keys(byLoc)).toEqual(expect.arrayContaining([`${SITE}/articles/${OPEN_SLUG}`, `${SITE}/articles/${CLOSED_SLUG}`]));
  expect(Date.parse(byLoc[`${SITE}/articles/${OPEN_SLUG}`] ?? '')).toBeGreaterThanOrEqual(Date.parse(comment.createdAt));
  // The closed article's last comment is from 2008, after the article itself.
  const closedItems = await commentFeedItems(api, CLOSED_SLUG);
  expect(Date.parse(byLoc[`${SITE}/articles/${CLOSED_SLUG}`] ?? '')).toBe(Date.parse(String(closedItems[0]?.pubDate)));
});

test('an article has plain share links, in French, under a labelled navigation', async ({ page }) => {
  await page.goto(`/articles/${OPEN_SLUG}`);
  const share = page.getByRole('navigation', { name: 'Partager cet article' });
  const links = share.getByRole('link');
  await expect(links).toHaveText(['Par e-mail', 'Sur X (Twitter)', 'Sur LinkedIn', 'Sur Facebook']);
  const encoded = encodeURIComponent(`${SITE}/articles/${OPEN_SLUG}`);
  for (const link of await links.all()) {
    expect(await link.getAttribute('href')).toContain(encoded);
    expect(await link.getAttribute('rel')).toContain('noopener');
  }
  await expect(share.getByRole('link', { name: 'Par e-mail' })).toHaveAttribute('href', /^mailto:\?subject=/);
  // No third-party script or image on the page.
  const external = await page.locator('script[src], img[src], iframe').evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('src') ?? '').filter((src) => /^(https?:)?\/\//.test(src)),
  );
  expect(external).toEqual([]);
});
