import { XMLValidator } from 'fast-xml-parser';
import type { APIRequestContext, Page } from '@playwright/test';
import { cleanText } from '../../lib/comments/schema';
import { CLOSED_SLUG, OPEN_SLUG, expect, test } from './fixtures';
import { inspectPage, readComments, type PageReport } from './hostile/page-checks';
import { multipartBody, rawRequest } from './hostile/raw-http';
import { HOSTILE_WEBSITES, XSS_PAYLOADS } from './hostile/xss-payloads';
import { E2E_BASE_URL } from './server-settings';

const API = `/api/articles/${OPEN_SLUG}/comments`;
const ARTICLE = `/articles/${OPEN_SLUG}`;
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const ADDRESS_PREFIX = `2001:db8:${(process.pid & 0xffff).toString(16)}`;
let addressCount = Math.floor(Math.random() * 0x8000);
/**
 * A new client for each post (IPv6 documentation range, apart from the fixtures' IPv4 ones): a /64
 * of its own, since the server counts an IPv6 client by its /64, and allows it 5 posts a minute.
 */
function freshIp(): string {
  addressCount += 1;
  return `${ADDRESS_PREFIX}:${(addressCount & 0xffff).toString(16)}::1`;
}

type ListedComment = { id: number; body: string; authorName: string };

/** Every comment the public API lists for the article: its pages walked to the end. */
async function listAll(api: APIRequestContext): Promise<ListedComment[]> {
  const all: ListedComment[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const page = (await (await api.get(`${API}${query}`)).json()) as { comments: ListedComment[]; nextCursor: string | null };
    all.push(...page.comments);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

type StoredJson = { id: number; authorName: string; authorWebsite: string | null; body: string; status: string };
type ApiAnswer = { comment: StoredJson; error?: string; fieldErrors: Record<string, string | undefined> };
type Posted = { sent: { name: string; email: string; website?: string; body: string }; status: number; json: ApiAnswer };

async function postAll(api: APIRequestContext, inputs: Posted['sent'][], batch = 12): Promise<Posted[]> {
  const results: Posted[] = [];
  for (let start = 0; start < inputs.length; start += batch) {
    const slice = inputs.slice(start, start + batch);
    const answers = await Promise.all(slice.map((data) => api.post(API, { data, headers: { 'x-forwarded-for': freshIp() } })));
    for (const [offset, answer] of answers.entries()) {
      results.push({ sent: slice[offset]!, status: answer.status(), json: (await answer.json()) as ApiAnswer });
    }
  }
  return results;
}

/** Records every dialog a page opens (and dismisses it). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => undefined);
  });
  return dialogs;
}

function expectNothingRan(report: PageReport, dialogs: string[], where: string) {
  expect(dialogs, `${where}: dialogs`).toEqual([]);
  expect(report.xssFlag, `${where}: window.__xss`).toBe('undefined');
  expect(report.injected, `${where}: #xss-injected`).toBe(0);
  expect(report.foreignScripts, `${where}: scripts other than Next's`).toEqual([]);
  expect(report.inlineHandlers, `${where}: inline event handlers`).toEqual([]);
  expect(report.unsafeUrls, `${where}: javascript:/data: URLs`).toEqual([]);
  expect(report.unexpectedCommentTags, `${where}: markup inside comments`).toEqual([]);
  expect(report.unexpectedCommentLinks, `${where}: links inside comments`).toEqual([]);
}

const RSS_ELEMENTS = ['atom:link', 'channel', 'content:encoded', 'dc:creator', 'description', 'docs', 'generator', 'guid', 'item', 'language', 'lastBuildDate', 'link', 'pubDate', 'rss', 'title'];

/** The element names used in a piece of markup. */
const tagsOf = (markup: string) => [...new Set([...markup.matchAll(/<\/?([a-zA-Z][\w:.-]*)/g)].map((match) => match[1]!))];

/** Text as the page shows it, whatever the paragraphs and line breaks. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

test.describe('hostile comments', () => {
  test('the XSS corpus posted through the API is stored verbatim and shown as text, never run', async ({ api, page }) => {
    test.setTimeout(120_000);
    const inputs = XSS_PAYLOADS.map(({ text }, index) => ({
      name: text,
      email: `xss-${index}-${RUN}@exemple.fr`,
      website: index % 4 === 0 ? HOSTILE_WEBSITES.accepted[(index / 4) % HOSTILE_WEBSITES.accepted.length] : undefined,
      body: `${text}\n[${RUN} ${index}]`,
    }));
    const posted = await postAll(api, inputs);
    for (const post of posted) {
      expect([201, 202], `${post.sent.body}: ${JSON.stringify(post.json)}`).toContain(post.status);
      // Stored as typed: only control characters are dropped; nothing is "sanitised" away.
      expect(post.json.comment.body).toBe(cleanText(post.sent.body).trim());
      expect(post.json.comment.authorName).toBe(cleanText(post.sent.name).trim());
      if (post.sent.website) expect(post.json.comment.authorWebsite).toMatch(/^https:\/\/exemple\.fr\/[^"<> ]*$/);
    }
    const published = posted.filter((post) => post.status === 201);
    const held = posted.filter((post) => post.status === 202);
    expect(published.length).toBeGreaterThan(XSS_PAYLOADS.length * 0.8);

    // The thread is paged: each comment is checked on the page its permalink leads to.
    const byPage = new Map<string, typeof published>();
    for (const post of published) {
      const permalink = await api.get(`/articles/${OPEN_SLUG}/commentaires/${post.json.comment.id}`, { maxRedirects: 0 });
      expect(permalink.status()).toBe(307);
      const pagePath = (permalink.headers().location ?? '').split('#')[0]!;
      byPage.set(pagePath, [...(byPage.get(pagePath) ?? []), post]);
    }
    const dialogs = watchDialogs(page);
    for (const [pagePath, onPage] of byPage) {
      await page.goto(pagePath);
      await expect(page.locator(`#comment-${onPage.at(-1)!.json.comment.id}`)).toBeAttached();
      // Give autofocus, onload, ontoggle and animations the chance to fire, were they there.
      await page.locator('#commentaires').hover();
      await page.waitForTimeout(300);
      const report = await inspectPage(page);
      expectNothingRan(report, dialogs, pagePath);

      const shown = await readComments(page, onPage.map((post) => post.json.comment.id));
      for (const [index, comment] of shown.entries()) {
        const stored = onPage[index]!.json.comment;
        expect(comment.author, `author of ${stored.body}`).toBe(stored.authorName);
        expect(squeeze(comment.body ?? ''), `text of ${stored.body}`).toBe(squeeze(stored.body));
        expect(comment.authorHref).toBe(stored.authorWebsite ?? null);
        for (const href of comment.bodyHrefs) expect(href).toMatch(/^https?:\/\//);
      }
      for (const post of held) await expect(page.locator(`#comment-${post.json.comment.id}`)).toHaveCount(0);

      // The JSON-LD block still parses, and holds every name exactly: nothing closed the script.
      expect(report.jsonLd).toHaveLength(1);
      const posting = JSON.parse(report.jsonLd[0]!) as { comment: { url: string; author: { name: string } }[] };
      const byId = new Map(posting.comment.map((entry) => [entry.url.split('#comment-')[1], entry]));
      for (const post of onPage) expect(byId.get(String(post.json.comment.id))).toMatchObject({ author: { name: post.json.comment.authorName } });

      // The server's HTML holds no payload as markup (text is escaped, inline data is JSON-escaped).
      const pageHtml = await (await api.get(pagePath)).text();
      for (const post of onPage) {
        for (const line of post.json.comment.body.split('\n').filter((part) => /<[a-z!/]/i.test(part))) {
          expect(pageHtml.includes(line), `raw markup in the page: ${line}`).toBe(false);
        }
      }
    }

    // The API lists the published texts as sent, not the held ones.
    const listedIds = new Set((await listAll(api)).map((comment) => comment.id));
    for (const post of published) expect(listedIds.has(post.json.comment.id)).toBe(true);
    for (const post of held) expect(listedIds.has(post.json.comment.id)).toBe(false);

    // The comment feed stays well-formed XML with no live markup.
    const feed = await (await api.get(`/articles/${OPEN_SLUG}/comments/feed.xml`)).text();
    expect(XMLValidator.validate(feed)).toBe(true);
    const html = [...feed.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((match) => match[1]!).join('\n');
    expect(tagsOf(html).filter((tag) => !['a', 'br', 'p'].includes(tag)), 'HTML in the feed').toEqual([]);
    for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
    const elements = tagsOf(feed.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''));
    expect(elements.filter((tag) => !RSS_ELEMENTS.includes(tag)), 'XML elements of the feed').toEqual([]);
    // The feed holds the latest comments: the last one posted here is among them.
    expect(feed).toContain(published.at(-1)!.sent.body.split('\n').at(-1)!);

    // The reply page shows a hostile name in its heading as text too.
    const replyTarget = published[0]!.json.comment;
    await page.goto(`/articles/${OPEN_SLUG}/repondre/${replyTarget.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Répondre à ${replyTarget.authorName}`);
    expectNothingRan(await inspectPage(page), dialogs, 'reply page');
  });

  test('hostile web site addresses are refused with a French message and nothing is stored', async ({ api }) => {
    const refused = await postAll(
      api,
      HOSTILE_WEBSITES.refused.map((website, index) => ({ name: 'Site', email: `site-${index}-${RUN}@exemple.fr`, website, body: `Site refusé [${RUN} r${index}]` })),
    );
    for (const post of refused) {
      expect(post.status, post.sent.website).toBe(400);
      expect(post.json.fieldErrors.website, post.sent.website).toMatch(/^Le site web doit (commencer par http:\/\/ ou https:\/\/|être une adresse valide)/);
    }
    const list = JSON.stringify(await listAll(api));
    expect(list).not.toContain(`[${RUN} r`);
  });

  async function fillAndSend(page: Page, values: { name: string; email: string; website?: string; body: string }) {
    // Each submission comes from a new address, so the rate limit never gets in the way.
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': freshIp() });
    const form = page.locator('#commenter');
    await form.getByLabel('Nom').fill(values.name);
    await form.getByLabel('E-mail').fill(values.email);
    await form.getByLabel('Site web').fill(values.website ?? '');
    await form.getByLabel(/^Commentaire/).fill(values.body);
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
  }

  const FORM_SAMPLE = [
    { name: '<img src=x onerror=alert(1)>', body: '</script><script>alert(1)</script>', website: 'https://exemple.fr/"onmouseover="alert(1)' },
    { name: '"><svg onload=alert(1)>', body: '"]);self.__next_f.push([1,"<img src=x onerror=alert(1)>' },
    { name: '{{constructor.constructor(\'alert(1)\')()}}', body: '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>\n\njavascript:alert(1)' },
    { name: 'Mallory', body: 'https://exemple.fr/<img src=x onerror=alert(1)> <details open ontoggle=alert(1)>' },
  ];

  test('payloads sent through the form with JavaScript show as text at once and after a reload', async ({ page }) => {
    const dialogs = watchDialogs(page);
    await page.goto(ARTICLE);
    for (const [index, sample] of FORM_SAMPLE.entries()) {
      const body = `${sample.body}\n[${RUN} js${index}]`;
      await fillAndSend(page, { ...sample, email: `form-js-${index}-${RUN}@exemple.fr`, body });
      const comment = page.locator('.comment', { hasText: `[${RUN} js${index}]` });
      await expect(comment).toBeVisible();
      await expect(comment.locator('.comment__author')).toHaveText(sample.name);
      expect(squeeze((await comment.locator('.comment__body').textContent()) ?? '')).toBe(squeeze(body));
    }
    expectNothingRan(await inspectPage(page), dialogs, 'after posting with JavaScript');
    await page.reload();
    await expect(page.locator('.comment', { hasText: `[${RUN} js${FORM_SAMPLE.length - 1}]` })).toBeVisible();
    expectNothingRan(await inspectPage(page), dialogs, 'after reloading');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('payloads sent through the form show as text on the returned page', async ({ page }) => {
      const dialogs = watchDialogs(page);
      await page.goto(ARTICLE);
      for (const [index, sample] of FORM_SAMPLE.slice(0, 3).entries()) {
        const body = `${sample.body}\n[${RUN} nojs${index}]`;
        await fillAndSend(page, { ...sample, email: `form-nojs-${index}-${RUN}@exemple.fr`, body });
        const comment = page.locator('.comment', { hasText: `[${RUN} nojs${index}]` });
        await expect(comment).toBeVisible();
        await expect(comment.locator('.comment__author')).toHaveText(sample.name);
      }
      expectNothingRan(await inspectPage(page), dialogs, 'returned page without JavaScript');
    });
  });
});

type Malformed = { label: string; body?: Buffer | string; type?: string | null; headers?: Record<string, string>; chunked?: boolean; status: number; error: RegExp };

const json = (value: unknown) => JSON.stringify(value);
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

test.describe('malformed requests', () => {
  const NOT_AN_OBJECT = /^La requête doit être un objet JSON/;
  const FIELDS = /^Le commentaire n’a pas été publié : corrigez les champs signalés\.$/;
  const NOT_UTF8 = /^Le corps de la requête n’est pas de l’UTF-8 valide\.$/;
  const NOT_JSON = /^Le corps de la requête n’est pas du JSON valide\.$/;
  const EMPTY = /^Le corps de la requête est vide\.$/;
  const WRONG_TYPE = /^Envoyez le commentaire en JSON \(Content-Type: application\/json\)\.$/;
  const TOO_LARGE = /^Requête trop volumineuse \(300 Ko au plus\)\.$/;

  test('the comments API answers every malformed request with a French 4xx and stores nothing', async ({ api }) => {
    test.setTimeout(90_000);
    const marker = `malformed ${RUN}`;
    const valid = (label: string) => ({ name: 'Robot', email: `robot-${RUN}@exemple.fr`, body: `${marker} ${label}` });
    const cases: Malformed[] = [
      // Not an object, or not the right types.
      ...[json([valid('array')]), '42', '"texte"', 'true', 'null', '[]'].map((body) => ({ label: body.slice(0, 20), body, status: 400, error: NOT_AN_OBJECT })),
      ...[
        {},
        { name: 1, email: 2, body: 3 },
        { name: ['a'], email: { a: 1 }, body: null },
        { ...valid('name object'), name: { toString: 'x' } },
        { ...valid('operator'), body: { $gt: '' } },
        { ...valid('email array'), email: ['robot@exemple.fr'] },
        { ...valid('website object'), website: { href: 'https://exemple.fr' } },
        { ...valid('website array'), website: ['https://exemple.fr'] },
        { ...valid('null name'), name: '\u0000\u0000' },
        { ...valid('null email'), email: 'robot\u0000@exemple.fr' },
        { ...valid('null website'), website: 'https://exe\u0000mple.fr' },
        { name: 'Robot', email: 'robot@exemple.fr', body: '\u0000\u200b\u0000' },
        { ...valid('honeypot'), homepage: 'https://spam.example' },
        ...['abc', '1.5', 1.5, -1, 0, 1e308, '99999999999999999999', true, {}, [1], '0x10', '1e1', ' 12 ', 2 ** 31, 2 ** 53 + 2].map((parentId) => ({
          ...valid(`parent ${json(parentId)}`),
          parentId,
        })),
      ].map((data) => ({ label: json(data).slice(0, 60), body: json(data), status: 400, error: /^Le commentaire (n’a pas été publié|auquel vous répondez)/ })),
      { label: 'Infinity', body: `{"name":"Robot","email":"robot@exemple.fr","body":1e999}`, status: 400, error: FIELDS },
      { label: '__proto__ fields', body: `{"__proto__":${json(valid('proto'))}}`, status: 400, error: FIELDS },
      { label: 'constructor.prototype', body: `{"constructor":{"prototype":${json(valid('constructor'))}}}`, status: 400, error: FIELDS },
      { label: 'duplicate keys', body: `${json(valid('duplicate key')).slice(0, -1)},"name":{"x":1}}`, status: 400, error: FIELDS },
      { label: 'parent beyond 32 bits', body: json({ ...valid('parent 2^31'), parentId: 2 ** 31 }), status: 400, error: /^Le commentaire (n’a pas été publié|auquel vous répondez)/ },
      // Bytes that are not UTF-8, or not JSON.
      { label: 'invalid UTF-8', body: bytes('{"name":"', [0xff, 0xfe], `","email":"robot@exemple.fr","body":"${marker} utf8"}`), status: 400, error: NOT_UTF8 },
      { label: 'overlong <', body: bytes(`{"name":"Robot","email":"robot@exemple.fr","body":"${marker} `, [0xc0, 0xbc], 'script>"}'), status: 400, error: NOT_UTF8 },
      { label: 'UTF-8 surrogate', body: bytes(`{"name":"Robot","email":"robot@exemple.fr","body":"${marker} `, [0xed, 0xa0, 0x80], '"}'), status: 400, error: NOT_UTF8 },
      { label: 'UTF-16', body: Buffer.from(json(valid('utf16')), 'utf16le'), type: 'application/json; charset=utf-16', status: 400, error: NOT_JSON },
      { label: 'raw NUL in a string', body: bytes(`{"name":"Robot","email":"robot@exemple.fr","body":"${marker} `, [0], '"}'), status: 400, error: NOT_JSON },
      { label: 'gzip', body: Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xab, 0xae, 0x05, 0]), headers: { 'content-encoding': 'gzip' }, status: 400, error: NOT_UTF8 },
      ...['{"name": "a",', `{"name":"Robot","email":"robot@exemple.fr","body":"${marker} truncated`, '{', '[', '"', 'nul', `${json(valid('trailing'))} x`, "{'name':'a'}", '{"a":1,}', '{"a":NaN}', '/* c */ {}'].map((body) => ({
        label: `JSON ${body.slice(0, 30)}`,
        body,
        status: 400,
        error: NOT_JSON,
      })),
      { label: 'nested 100 000 deep', body: '['.repeat(100_000) + ']'.repeat(100_000), status: 400, error: NOT_AN_OBJECT },
      { label: 'empty', body: '', status: 400, error: EMPTY },
      { label: 'blank', body: ' \n\t ', status: 400, error: EMPTY },
      // Not JSON at all.
      ...['text/plain', 'text/plain;charset=UTF-8', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonp', 'text/html', null].map((type) => ({
        label: `Content-Type ${type}`,
        body: json(valid(`type ${type}`)),
        type,
        status: 415,
        error: WRONG_TYPE,
      })),
      // Too large: declared, or streamed without a length.
      { label: '1 MB', body: json({ ...valid('1 MB'), body: 'a'.repeat(1024 * 1024) }), status: 413, error: TOO_LARGE },
      { label: '10 MB', body: json({ ...valid('10 MB'), body: 'a'.repeat(10 * 1024 * 1024) }), status: 413, error: TOO_LARGE },
      { label: '10 MB chunked', body: json({ ...valid('10 MB chunked'), body: 'a'.repeat(10 * 1024 * 1024) }), chunked: true, status: 413, error: TOO_LARGE },
    ];

    // Every malformed request comes from one address: if any were stored, that address would hit the limit sooner.
    const ip = freshIp();
    const answers = await Promise.all(
      cases.map(async (item) => {
        const type = item.type === undefined ? 'application/json' : item.type;
        const headers: Record<string, string> = { 'x-forwarded-for': ip, ...(type ? { 'content-type': type } : {}), ...item.headers };
        return { item, response: await rawRequest(API, { body: item.body, headers, chunked: item.chunked }) };
      }),
    );
    for (const { item, response } of answers) {
      // Too large: answered 413 and closed at once; the answer may be lost to the client still sending.
      if (response.reset && item.status === 413) continue;
      expect.soft(response.status, `${item.label}: ${response.text.slice(0, 200)}`).toBe(item.status);
      expect.soft(response.headers['content-type'], item.label).toMatch(/^application\/json/);
      expect.soft((JSON.parse(response.text) as { error: string }).error, item.label).toMatch(item.error);
    }

    // A header block over Node's 16 KB limit is refused before the application sees it.
    const hugeHeader = await rawRequest(API, { headers: { 'content-type': 'application/json', 'x-padding': 'a'.repeat(64 * 1024) }, body: json(valid('header')) });
    expect(hugeHeader.status).toBe(431);

    // The server still serves, nothing was published, and nothing was stored for that address: it
    // may post its five comments of the minute, and not a sixth.
    expect((await api.get('/')).status()).toBe(200);
    expect(JSON.stringify(await listAll(api)).includes(marker), 'a malformed request was published').toBe(false);
    for (let index = 0; index < 5; index += 1) {
      const post = await api.post(API, { data: { ...valid(`after ${index}`), body: `Après les requêtes malformées ${RUN} ${index}` }, headers: { 'x-forwarded-for': ip } });
      expect(post.status()).toBe(201);
    }
    const sixth = await api.post(API, { data: { ...valid('sixth'), body: `Sixième ${RUN}` }, headers: { 'x-forwarded-for': ip } });
    expect(sixth.status()).toBe(429);
  });

  test('an address whose percent-encoding does not decode answers 400, not 500', async ({ api }) => {
    for (const [method, path] of [
      ['GET', '/articles/%E0%A4%A'],
      ['GET', `${ARTICLE}/repondre/%ZZ`],
      ['GET', '/api/articles/%ZZ/comments'],
      ['POST', '/api/articles/%E0%A4%A/comments'],
      ['POST', `/articles/%C0%BC`],
    ] as const) {
      const answer = await rawRequest(path, { method, headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() }, body: method === 'POST' ? '{}' : undefined });
      expect(answer.status, `${method} ${path}`).toBe(400);
      expect(answer.text, path).toContain('Adresse mal encodée.');
      expect(answer.headers['content-security-policy'], path).toContain("script-src-attr 'none'");
    }
    // Well-formed escapes still reach the router.
    expect((await rawRequest('/articles/caf%C3%A9', { method: 'GET' })).status).toBe(404);
    expect((await rawRequest(`/articles/${OPEN_SLUG.replace('-', '%2D')}`, { method: 'GET' })).status).toBe(200);
    expect((await api.get('/')).status()).toBe(200);
  });

  test('extra fields cannot make a comment the author’s, published, or placed elsewhere', async ({ api, page }) => {
    const body = `Champs en trop ${RUN}\nhttps://un.example https://deux.example`;
    const post = await api.post(API, {
      headers: { 'x-forwarded-for': freshIp() },
      data: {
        name: 'Mallory',
        email: `extra-${RUN}@exemple.fr`,
        body,
        isAuthor: true,
        status: 'published',
        articleSlug: CLOSED_SLUG,
        id: 1,
        createdAt: '2000-01-01T00:00:00Z',
        ipHash: 'x',
        bodyHash: 'x',
        authorEmail: 'auteur@exemple.fr',
      },
    });
    // Two links: held for moderation whatever the request says.
    expect(post.status()).toBe(202);
    const { comment } = (await post.json()) as { comment: StoredJson & { createdAt: string; url: string } };
    expect(comment.id).not.toBe(1);
    expect(comment.status).toBe('pending');
    expect(comment.url).toBe(`/articles/${OPEN_SLUG}/commentaires/${comment.id}`);
    expect(Date.parse(comment.createdAt)).toBeGreaterThan(Date.parse('2020-01-01'));

    const plain = await api.post(API, {
      headers: { 'x-forwarded-for': freshIp() },
      data: { name: 'Mallory', email: `extra2-${RUN}@exemple.fr`, body: `Pas l’auteur ${RUN}`, isAuthor: true },
    });
    expect(plain.status()).toBe(201);
    const { comment: published } = (await plain.json()) as { comment: StoredJson };
    await page.goto(ARTICLE);
    await expect(page.locator(`#comment-${published.id}`)).toBeVisible();
    await expect(page.locator(`#comment-${published.id} .comment__badge`)).toHaveCount(0);
    expect(await page.locator(`#comment-${published.id}`).getAttribute('class')).toBe('comment');
  });
});

test.describe('malformed server-action requests', () => {
  /** The hidden fields React writes into the comment form for its no-JavaScript submission. */
  async function formFields(api: APIRequestContext): Promise<{ fields: [string, string][]; actionId: string }> {
    const html = await (await api.get(ARTICLE)).text();
    const form = /<form id="commenter"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    const unescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const fields = [...form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/>/g)].map(
      ([, name, value]) => [name!, unescape(value ?? '')] as [string, string],
    );
    const actionId = (JSON.parse(fields.find(([name]) => name.endsWith(':0'))?.[1] ?? '{}') as { id?: string }).id ?? '';
    expect(actionId).toMatch(/^[0-9a-f]{40,}$/);
    return { fields, actionId };
  }

  const noStackTrace = (text: string) => expect(text).not.toMatch(/\bat .+\.(js|ts):\d+|node_modules|SyntaxError|TypeError|prisma/i);

  test('garbage actions get a 4xx, and hostile form fields a French error on the page', async ({ api }) => {
    const { fields, actionId } = await formFields(api);
    const marker = `action ${RUN}`;
    const headers = () => ({ origin: E2E_BASE_URL, 'x-forwarded-for': freshIp() });
    const send = (body: Buffer | string, contentType: string, extra: Record<string, string> = {}) =>
      rawRequest(ARTICLE, { body, headers: { ...headers(), 'content-type': contentType, ...extra } });
    const form = (values: [string, string | Buffer][]) => multipartBody(values);

    // Action ids that do not exist: Next refuses them before any code of ours runs.
    const garbage = form([['1_name', 'x']]);
    for (const [label, answer] of [
      ['garbage Next-Action', await send(garbage.body, garbage.contentType, { 'next-action': 'garbage' })],
      ['unknown Next-Action', await send('[]', 'text/plain;charset=UTF-8', { 'next-action': '0'.repeat(42) })],
      ['garbage $ACTION_ID_', await send(form([['$ACTION_ID_garbage', ''], ['name', 'x']]).body, garbage.contentType)],
      ['garbage $ACTION_REF', await send(form([['$ACTION_REF_1', ''], ['$ACTION_1:0', '{"id":"garbage","bound":"$@1"}'], ['$ACTION_1:1', '[{}]']]).body, garbage.contentType)],
    ] as const) {
      expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, label).toBeLessThan(500);
      noStackTrace(answer.text);
    }

    // The real action with arguments that are not a form: our action refuses them.
    for (const [label, answer] of [
      ['arguments not a form', await send('["garbage", 42]', 'text/plain;charset=UTF-8', { 'next-action': actionId })],
      ['a form as first argument', await send(form([['0', '["$K1"]'], ['1_slug', OPEN_SLUG]]).body, garbage.contentType, { 'next-action': actionId })],
    ] as const) {
      expect(answer.status, label).toBe(200);
      expect(answer.text, label).toContain('Requête invalide.');
    }

    // The no-JavaScript form, tampered with: each field error comes back in French.
    const tampered = (values: [string, string | Buffer][]) => send(form([...fields, ...values]).body, garbage.contentType);
    const hostile = await tampered([
      ['slug', OPEN_SLUG],
      ['name', '\u0000\u0000'],
      ['email', Buffer.from([0xff, 0xfe, 0x40, 0x78])],
      ['website', 'javascript:alert(1)'],
      ['body', '\u200b\u0000'],
    ]);
    expect(hostile.status).toBe(200);
    for (const message of ['Indiquez votre nom.', 'L&#x27;adresse e-mail n&#x27;est pas valide.', 'Le site web doit commencer par http:// ou https://.', 'Écrivez votre commentaire.']) {
      expect(hostile.text).toContain(message);
    }
    const valid = (label: string): [string, string][] => [['name', 'Robot'], ['email', `robot-action-${RUN}@exemple.fr`], ['body', `${marker} ${label}`]];
    const cases: [label: string, values: [string, string][], message: string][] = [
      ['closed article', [['slug', CLOSED_SLUG], ...valid('closed')], 'Les commentaires sont fermés.'],
      ['unknown article', [['slug', '../../etc/passwd'], ...valid('unknown')], 'Cet article n&#x27;existe pas.'],
      ['parent 0x10', [['slug', OPEN_SLUG], ['parentId', '0x10'], ...valid('parent')], 'Le commentaire auquel vous répondez est invalide.'],
    ];
    for (const [label, values, message] of cases) {
      const answer = await tampered(values);
      expect(answer.status, label).toBe(200);
      expect(answer.text, label).toContain(message);
    }
    expect(JSON.stringify(await listAll(api)).includes(marker), 'a tampered request was published').toBe(false);
  });

  // Next decodes an action's payload before our action runs; what it cannot decode ends as a 500
  // (an RSC error with only a digest for the JavaScript path, "Internal Server Error" for the
  // no-JavaScript one), and a body over its 1 MB action limit does too (by design: the client's
  // error boundary shows it). Nothing of ours can answer first without re-implementing Next's
  // decoder, so this checks what matters: no details leak and the server keeps serving.
  test('payloads Next cannot decode leak nothing and leave the server serving', async ({ api }) => {
    const { fields, actionId } = await formFields(api);
    const headers = (type: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': freshIp(), 'content-type': type, ...extra });
    const huge = multipartBody([...fields, ['slug', OPEN_SLUG], ['body', 'a'.repeat(2 * 1024 * 1024)]]);
    const answers = await Promise.all([
      rawRequest(ARTICLE, { body: 'not json at all', headers: headers('text/plain;charset=UTF-8', { 'next-action': actionId }) }),
      rawRequest(ARTICLE, { body: '--XYZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--XY', headers: headers('multipart/form-data; boundary=XYZ', { 'next-action': actionId }) }),
      rawRequest(ARTICLE, { body: 'garbage', headers: headers('multipart/form-data', { 'next-action': actionId }) }),
      rawRequest(ARTICLE, { body: huge.body, headers: headers(huge.contentType) }),
    ]);
    for (const answer of answers) {
      expect([400, 404, 413, 500]).toContain(answer.status);
      noStackTrace(answer.text);
    }
    expect((await api.get('/')).status()).toBe(200);
    expect((await api.get(ARTICLE)).status()).toBe(200);
  });
});

test.describe('security headers', () => {
  /** The policy's directives, each with its sources. */
  const directivesOf = (policy: string) =>
    new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...sources]) => [name!, sources]));

  test('every kind of response carries a strict policy with no third-party origin', async ({ api }) => {
    const firstId = ((await (await api.get(API)).json()) as { comments: { id: number }[] }).comments[0]!.id;
    const responses = await Promise.all(
      [
        ['/', 200],
        [ARTICLE, 200],
        [`/articles/${CLOSED_SLUG}`, 200],
        [`${ARTICLE}/repondre/${firstId}`, 200],
        ['/admin/connexion', 200],
        ['/feed.xml', 200],
        ['/atom.xml', 200],
        [`${ARTICLE}/comments/feed.xml`, 200],
        ['/robots.txt', 200],
        ['/sitemap.xml', 200],
        [API, 200],
        ['/api/articles/nexiste-pas/comments', 404],
        ['/page-inexistante', 404],
        ['/articles/nexiste-pas', 404],
      ].map(async ([path, status]) => ({ path: String(path), status, response: await api.get(String(path), { maxRedirects: 0 }) })),
    );
    const posts = [
      { path: `${API} (415)`, status: 415, response: await api.post(API, { data: 'x', headers: { 'content-type': 'text/plain', 'x-forwarded-for': freshIp() } }) },
      { path: `${API} (400)`, status: 400, response: await api.post(API, { data: {}, headers: { 'x-forwarded-for': freshIp() } }) },
      { path: '/api/admin/articles (401)', status: 401, response: await api.patch(`/api/admin/articles/${OPEN_SLUG}`, { data: { commentsOpen: false } }) },
    ];
    for (const { path, status, response } of [...responses, ...posts]) {
      expect(response.status(), path).toBe(status);
      const headers = response.headers();
      const policy = directivesOf(headers['content-security-policy'] ?? '');
      expect(policy.get('script-src-attr'), `${path}: inline event handlers`).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(policy.get('object-src'), path).toEqual(["'none'"]);
      expect(policy.get('base-uri'), path).toEqual(["'self'"]);
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      const sources = [...policy.values()].flat();
      expect(sources.filter((source) => !["'self'", "'none'", "'unsafe-inline'", 'data:'].includes(source)), `${path}: other origins`).toEqual([]);
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(headers['x-frame-options'], path).toBe('DENY');
    }
  });

  test('Chromium blocks an inline event handler injected after load, and the site itself needs none', async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`));
    });
    const dialogs = watchDialogs(page);
    for (const path of ['/', ARTICLE, '/admin/connexion', '/page-inexistante']) {
      await page.goto(path);
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), `${path}: the page breaks its own policy`).toEqual([]);

      await page.evaluate(() => {
        const probe = { violation: '', imageFailed: false };
        (window as unknown as { __probe: typeof probe }).__probe = probe;
        document.addEventListener('securitypolicyviolation', (event) => (probe.violation ||= event.effectiveDirective));
        const host = document.createElement('div');
        // What a stored XSS would do: markup with an inline handler, through innerHTML.
        host.innerHTML = '<img id="xss-probe" src="/__hostile-missing.png" onerror="window.__xss=1; alert(1)">';
        host.querySelector('img')?.addEventListener('error', () => (probe.imageFailed = true));
        document.body.append(host);
      });
      // The image failed (so the handler had its chance), and the policy refused to run it.
      await expect.poll(() => page.evaluate(() => (window as unknown as { __probe: unknown }).__probe), path).toEqual({ violation: 'script-src-attr', imageFailed: true });
      const report = await inspectPage(page);
      // The checker sees the injected handler (so it would see a stored one), and it did not run.
      expect(report.inlineHandlers.some((element) => element.includes('xss-probe')), path).toBe(true);
      expect(report.xssFlag, path).toBe('undefined');
    }
    expect(dialogs).toEqual([]);
  });
});
