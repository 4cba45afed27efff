import { CLOSED_SLUG, OPEN_SLUG, expect, test, uniqueText } from './fixtures';

const url = (slug: string) => `/api/articles/${slug}/comments`;
const valid = () => ({ name: 'API', email: 'api@exemple.fr', body: uniqueText('Depuis l’API') });

test('GET lists published comments without e-mails or IP hashes', async ({ api }) => {
  const response = await api.get(url(CLOSED_SLUG));
  expect(response.status()).toBe(200);
  const json = await response.json();
  expect(json).toMatchObject({ open: false, count: 7 });
  expect(json.comments).toHaveLength(7);
  expect(json.comments[0]).toMatchObject({ authorName: 'Yann', createdAt: '2008-05-05T07:42:00.000Z' });
  const text = JSON.stringify(json);
  expect(text).not.toMatch(/email|ipHash|bodyHash|@commentaires\.invalid/i);
});

test('POST stores a comment (201) that the next page load shows', async ({ api, page }) => {
  const input = valid();
  const response = await api.post(url(OPEN_SLUG), { data: input });
  expect(response.status()).toBe(201);
  const json = await response.json();
  expect(json.comment).toMatchObject({ authorName: 'API', body: input.body, status: 'published' });
  expect(JSON.stringify(json)).not.toContain('api@exemple.fr');

  const list = await (await api.get(url(OPEN_SLUG))).json();
  expect(list.comments.some((comment: { id: number }) => comment.id === json.comment.id)).toBe(true);
  await page.goto(`/articles/${OPEN_SLUG}`);
  await expect(page.locator(`#comment-${json.comment.id}`)).toContainText(input.body);
});

test('POST with two links answers 202: held for moderation, not listed', async ({ api }) => {
  const input = { ...valid(), body: uniqueText('https://a.example https://b.example') };
  const response = await api.post(url(OPEN_SLUG), { data: input });
  expect(response.status()).toBe(202);
  expect((await response.json()).comment.status).toBe('pending');
  const list = await (await api.get(url(OPEN_SLUG))).json();
  expect(JSON.stringify(list)).not.toContain(input.body);
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
