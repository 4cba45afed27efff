import type { APIRequestContext } from '@playwright/test';
import { CLOSED_SLUG, OPEN_SLUG, expect, test, uniqueIp, uniqueText } from './fixtures';

const url = (slug: string) => `/api/articles/${slug}/comments`;
const valid = () => ({ name: 'API', email: 'api@exemple.fr', body: uniqueText('Depuis l’API') });

type ApiComment = { id: number; parentId: number | null; authorName: string; authorWebsite: string | null; body: string; isAuthor: boolean; createdAt: string; url: string };
type ApiPage = { open: boolean; count: number; comments: ApiComment[]; nextCursor: string | null };

const FIELDS = ['authorName', 'authorWebsite', 'body', 'createdAt', 'id', 'isAuthor', 'parentId', 'url'];

async function getPage(api: APIRequestContext, slug: string, query: Record<string, string> = {}): Promise<ApiPage> {
  const response = await api.get(`${url(slug)}?${new URLSearchParams(query)}`);
  expect(response.status(), JSON.stringify(query)).toBe(200);
  return response.json();
}

/** Every page, from the first to `nextCursor: null`; `between` runs after each page. */
async function walk(api: APIRequestContext, slug: string, limit: number, between: (pageIndex: number) => Promise<unknown> = async () => undefined) {
  const comments: ApiComment[] = [];
  let cursor: string | null = null;
  for (let pageIndex = 0; pageIndex < 1000; pageIndex += 1) {
    const page: ApiPage = await getPage(api, slug, { limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(page.comments.length).toBeLessThanOrEqual(limit);
    comments.push(...page.comments);
    await between(pageIndex);
    if (page.nextCursor === null) return comments;
    cursor = page.nextCursor;
  }
  throw new Error('the walk never ended');
}

/** Posts `count` comments, five at most from each new address (the rate limit): their ids, in order. */
async function postComments(api: APIRequestContext, slug: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  let ip = uniqueIp();
  for (let index = 0; index < count; index += 1) {
    if (index % 5 === 0) ip = uniqueIp();
    const response = await api.post(url(slug), { data: valid(), headers: { 'x-forwarded-for': ip } });
    expect(response.status()).toBe(201);
    ids.push((await response.json()).comment.id);
  }
  return ids;
}

test('GET lists published comments, flat and oldest first, without e-mails or IP hashes', async ({ api }) => {
  const response = await api.get(url(CLOSED_SLUG));
  expect(response.status()).toBe(200);
  const json = await response.json();
  expect(json).toMatchObject({ open: false, count: 7, nextCursor: null });
  expect(json.comments).toHaveLength(7);
  expect(json.comments[0]).toMatchObject({ authorName: 'Yann', createdAt: '2008-05-05T07:42:00.000Z', parentId: null, isAuthor: false });
  for (const comment of json.comments as ApiComment[]) {
    expect(Object.keys(comment).sort()).toEqual(FIELDS);
    expect(comment.url).toBe(`/articles/${CLOSED_SLUG}/commentaires/${comment.id}`);
  }
  const ids = (json.comments as ApiComment[]).map((comment) => comment.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  const text = JSON.stringify(json);
  expect(text).not.toMatch(/email|ipHash|bodyHash|@commentaires\.invalid/i);
});

test('a walk with a small limit returns every comment once and in order while comments are posted during it', async ({ api }) => {
  // Enough comments for a few pages, whatever the other tests have posted.
  await postComments(api, OPEN_SLUG, 5);
  const before = (await walk(api, OPEN_SLUG, 100)).map((comment) => comment.id);
  const during: number[] = [];
  const walked = await walk(api, OPEN_SLUG, 2, async (pageIndex) => {
    if (pageIndex < 3) during.push(...(await postComments(api, OPEN_SLUG, 1)));
  });
  const ids = walked.map((comment) => comment.id);
  // Ascending ids: in order and never twice. Other tests may post meanwhile: theirs are allowed in.
  for (let index = 1; index < ids.length; index += 1) expect(ids[index]).toBeGreaterThan(ids[index - 1]!);
  const seen = new Set(ids);
  for (const id of [...before, ...during]) expect(seen.has(id), `comment ${id}`).toBe(true);
  // What existed when the walk began comes first, the comments posted during it after.
  expect(ids.slice(0, before.length)).toEqual(before);
  expect(Math.min(...during)).toBeGreaterThan(Math.max(...before));
});

test('a page holds 50 comments by default and at most 100; another limit answers 400 in French', async ({ api }) => {
  const { count } = await getPage(api, OPEN_SLUG, { limit: '1' });
  if (count < 51) await postComments(api, OPEN_SLUG, 51 - count);
  const first = await getPage(api, OPEN_SLUG);
  expect(first.count).toBeGreaterThanOrEqual(51);
  expect(first.comments).toHaveLength(50);
  expect(first.nextCursor).toEqual(expect.any(String));
  expect((await getPage(api, OPEN_SLUG, { limit: '50' })).comments).toEqual(first.comments);
  const hundred = (await getPage(api, OPEN_SLUG, { limit: '100' })).comments.length;
  expect(hundred).toBeGreaterThanOrEqual(Math.min(first.count, 100));
  expect(hundred).toBeLessThanOrEqual(100);
  const next = await getPage(api, OPEN_SLUG, { cursor: first.nextCursor! });
  expect(next.comments[0]!.id).toBeGreaterThan(first.comments.at(-1)!.id);

  for (const limit of ['101', '0', '-1', 'abc', '2.5', '']) {
    const response = await api.get(`${url(OPEN_SLUG)}?${new URLSearchParams({ limit })}`);
    expect(response.status(), limit).toBe(400);
    expect((await response.json()).error, limit).toBe('Le paramètre limit doit être un nombre entier entre 1 et 100.');
  }
});

test('a forged cursor, or one of another article, answers 400 in French, never 500', async ({ api }) => {
  const forged = [
    'abc',
    'pas un curseur',
    '',
    Buffer.from('{"v":1,').toString('base64url'),
    Buffer.from(JSON.stringify({ v: 1, slug: OPEN_SLUG, after: 'x' })).toString('base64url'),
    Buffer.from(JSON.stringify({ v: 1, slug: OPEN_SLUG, after: 1e12 })).toString('base64url'),
    'A'.repeat(4000),
  ];
  for (const cursor of forged) {
    const response = await api.get(`${url(OPEN_SLUG)}?${new URLSearchParams({ cursor })}`);
    expect(response.status(), cursor).toBe(400);
    expect((await response.json()).error, cursor).toMatch(/^Le paramètre cursor est invalide/);
  }
  const closed = await getPage(api, CLOSED_SLUG, { limit: '2' });
  expect(closed.nextCursor).toEqual(expect.any(String));
  const elsewhere = await api.get(`${url(OPEN_SLUG)}?${new URLSearchParams({ cursor: closed.nextCursor! })}`);
  expect(elsewhere.status()).toBe(400);
  expect((await elsewhere.json()).error).toBe('Ce curseur appartient à un autre article : reprenez la lecture à la première page de celui-ci.');
  // The cursor still works where it was made.
  expect((await getPage(api, CLOSED_SLUG, { limit: '2', cursor: closed.nextCursor! })).comments).toHaveLength(2);
});

test('no page of the API shows an e-mail', async ({ api }) => {
  const [id] = await postComments(api, OPEN_SLUG, 1);
  const comments = await walk(api, OPEN_SLUG, 100);
  expect(comments.some((comment) => comment.id === id)).toBe(true);
  for (const comment of comments) expect(Object.keys(comment).sort()).toEqual(FIELDS);
  expect(JSON.stringify(comments)).not.toMatch(/api@exemple\.fr|ipHash|bodyHash|authorEmail/);
});

test('POST stores a comment (201) that the next page load shows', async ({ api, page }) => {
  const input = valid();
  const response = await api.post(url(OPEN_SLUG), { data: input });
  expect(response.status()).toBe(201);
  const json = await response.json();
  expect(json.comment).toMatchObject({ authorName: 'API', body: input.body, status: 'published' });
  expect(JSON.stringify(json)).not.toContain('api@exemple.fr');

  const listed = (await walk(api, OPEN_SLUG, 100)).find((comment) => comment.id === json.comment.id);
  expect(listed).toMatchObject({ body: input.body, url: `/articles/${OPEN_SLUG}/commentaires/${json.comment.id}` });
  // Its permalink leads to the page of the thread that shows it now, whatever the thread's length.
  await page.goto(listed!.url);
  await expect(page.locator(`#comment-${json.comment.id}`)).toContainText(input.body);
});

test('POST with two links answers 202 with the reason: held for moderation, not listed', async ({ api }) => {
  const input = { ...valid(), body: uniqueText('https://a.example https://b.example') };
  const response = await api.post(url(OPEN_SLUG), { data: input });
  expect(response.status()).toBe(202);
  const json = await response.json();
  expect(json.comment.status).toBe('pending');
  // Why it waits: a code for programs, and the writer's sentence in French.
  expect(json).toMatchObject({ heldBecause: 'links', message: 'Merci ! Votre commentaire contient deux liens ou plus : il sera publié après relecture par l’auteur.' });
  // An API sets no cookie: a held comment shows to the writer of the form only.
  expect(response.headers()['set-cookie']).toBeUndefined();
  expect(JSON.stringify(await walk(api, OPEN_SLUG, 100))).not.toContain(input.body);
});

test('invalid input answers 400 with French field errors and stores nothing', async ({ api }) => {
  const before = (await (await api.get(url(OPEN_SLUG))).json()).count;
  const response = await api.post(url(OPEN_SLUG), { data: { name: '', email: 'x', website: 'javascript:alert(1)', body: ' ' } });
  expect(response.status()).toBe(400);
  const json = await response.json();
  expect(json.error).toMatch(/corrigez/);
  expect(json.fieldErrors).toEqual({
    name: 'Indiquez votre nom.',
    email: "L'adresse e-mail n'est pas valide.",
    website: 'Le site web doit commencer par http:// ou https://.',
    body: 'Écrivez votre commentaire.',
  });
  expect((await (await api.get(url(OPEN_SLUG))).json()).count).toBe(before);
});

test('wrong types and missing fields answer 400, never 500', async ({ api }) => {
  const cases: unknown[] = [
    {},
    { name: 1, email: 2, body: 3 },
    { name: ['a'], email: { a: 1 }, body: null },
    { ...valid(), parentId: 'abc' },
    { ...valid(), parentId: 999999999 },
    [valid()],
    'texte',
    42,
    null,
  ];
  for (const data of cases) {
    const response = await api.post(url(OPEN_SLUG), { data: JSON.stringify(data), headers: { 'content-type': 'application/json' } });
    expect(response.status(), JSON.stringify(data)).toBe(400);
    expect((await response.json()).error, JSON.stringify(data)).toEqual(expect.any(String));
  }
});

test('malformed JSON and invalid UTF-8 answer 400', async ({ api }) => {
  for (const body of ['{"name": "a",', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), '']) {
    const response = await api.post(url(OPEN_SLUG), { data: body, headers: { 'content-type': 'application/json' } });
    expect(response.status()).toBe(400);
  }
});

test('a closed article answers 403 and stores nothing', async ({ api }) => {
  const response = await api.post(url(CLOSED_SLUG), { data: valid() });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: 'Les commentaires sont fermés.' });
  expect((await (await api.get(url(CLOSED_SLUG))).json()).count).toBe(7);
});

test('an unknown article answers 404', async ({ api }) => {
  expect((await api.post(url('nexiste-pas'), { data: valid() })).status()).toBe(404);
  expect((await api.get(url('nexiste-pas'))).status()).toBe(404);
});

test('a 1 MB body answers 413 and a comment over the limit answers 400', async ({ api }) => {
  const huge = { ...valid(), body: 'a'.repeat(1024 * 1024) };
  expect((await api.post(url(OPEN_SLUG), { data: huge })).status()).toBe(413);
  const long = await api.post(url(OPEN_SLUG), { data: { ...valid(), body: 'a'.repeat(65_526) } });
  expect(long.status()).toBe(400);
  expect((await long.json()).fieldErrors.body).toMatch(/trop long/);
});

test('a body that is not JSON answers 415', async ({ api }) => {
  for (const [type, data] of [
    ['application/x-www-form-urlencoded', 'name=a&email=b@c.fr&body=x'],
    ['text/plain', JSON.stringify(valid())],
  ] as const) {
    expect((await api.post(url(OPEN_SLUG), { data, headers: { 'content-type': type } })).status()).toBe(415);
  }
});

test('a duplicate answers 409 with a clear message', async ({ api }) => {
  const input = valid();
  expect((await api.post(url(OPEN_SLUG), { data: input })).status()).toBe(201);
  const again = await api.post(url(OPEN_SLUG), { data: input });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toBe('Vous avez déjà publié ce commentaire sur cet article.');
});

test('the sixth comment within a minute from one address answers 429 with Retry-After', async ({ api }) => {
  for (let index = 0; index < 5; index += 1) {
    expect((await api.post(url(OPEN_SLUG), { data: valid() })).status()).toBe(201);
  }
  const limited = await api.post(url(OPEN_SLUG), { data: valid() });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await limited.json()).error).toMatch(/trop vite/);
});
