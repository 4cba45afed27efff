import { describe, expect, it } from 'vitest';
import { recordAction } from '@/lib/audit';
import { accountKey } from '@/lib/auth/throttle';
import { postComment } from '@/lib/comments/service';
import { commentsTag } from '@/lib/comments/cache-tags';
import { getIpHashSalt } from '@/lib/config';
import type { Database } from '@/lib/db/client';
import { AUTHOR_ACCOUNT_MESSAGE, erasePersonalData } from '@/lib/privacy/erasure';
import { lookUpPersonalData, personalDataJson } from '@/lib/privacy/personal-data';
import { ERASED_IP_HASH } from '@/lib/privacy/retention';
import { ANONYMOUS_NAME, ERASED_ADDRESS, erasureInput, namesAddress, subjectInput, subjectKey, withoutAddress } from '@/lib/privacy/subject';
import { NOW } from './helpers/clock';
import { seededSite } from './helpers/seeded-site';

const OPEN = 'le-marketing-2-0-c-est-quoi';
const SUBJECT = 'camille.dupont@exemple.fr';
/** A different address that contains the subject's: never touched. */
const NEIGHBOUR = `x${SUBJECT}`;
const AUTHOR = 'auteur@exemple.fr';
const salt = () => getIpHashSalt();

const site = seededSite();

async function post(email: string, body: string, parentId?: number, name = 'Camille') {
  const result = await postComment(OPEN, { name, email, body, website: 'https://camille.example.org', parentId: parentId ? String(parentId) : undefined }, site.context);
  if (!result.ok) throw new Error(result.message);
  return result.comment.id;
}

/** The person of the request, their reply-getter, a neighbour, the audit log and sign-in records. */
async function populate() {
  const db = site.temp.db;
  await db.adminUser.create({ data: { email: AUTHOR, passwordHash: 'scrypt$x' } });
  const first = await post(SUBJECT, 'Mon premier commentaire.');
  const second = await post(SUBJECT.toUpperCase(), `Écrivez-moi à ${SUBJECT.replace('camille', 'Camille')}.`);
  const held = await post(SUBJECT, 'Deux liens : https://un.example et https://deux.example');
  const reply = await post('bob@exemple.fr', `Camille, je vous écris à ${SUBJECT} demain.`, first, 'Bob');
  const neighbour = await post(NEIGHBOUR, `Mon adresse, ${NEIGHBOUR}, n’est pas la sienne.`, undefined, 'Xavier');
  await recordAction(db, AUTHOR, 'comment.edit', `comment:${first}`, { before: `Contact : ${SUBJECT}` });
  await recordAction(db, AUTHOR, 'comment.edit', `comment:${second}`, { before: 'Mon texte d’avant' });
  await recordAction(db, AUTHOR, 'note', `email:${SUBJECT}`);
  await recordAction(db, AUTHOR, 'note', `email:${NEIGHBOUR}`);
  // Earlier versions: one of the person's own comments, one of Bob's that named the address.
  await db.commentRevision.create({ data: { commentId: first, body: `Première version, signée ${SUBJECT}`, editedBy: 'reader' } });
  await db.commentRevision.create({ data: { commentId: reply, body: `Bob écrivait : ${SUBJECT.toUpperCase()} !`, editedBy: 'reader' } });
  await db.knownSignInAddress.create({ data: { email: SUBJECT, ipHash: 'a'.repeat(64), lastSignInAt: new Date() } });
  await db.loginThrottle.create({ data: { key: accountKey(SUBJECT, salt()), attempts: 2, windowStart: new Date() } });
  // A follow-up subscription, an e-mail to the person, and the author's notice of their comment (which names them).
  await db.subscription.create({ data: { email: SUBJECT, articleSlug: OPEN, scope: 'article', status: 'confirmed', unsubscribeToken: `t-${first}` } });
  await db.subscription.create({ data: { email: NEIGHBOUR, articleSlug: OPEN, scope: 'article', status: 'confirmed', unsubscribeToken: `t-${neighbour}` } });
  await db.outboxMessage.create({ data: { kind: 'subscriber', to: SUBJECT, subject: 'Nouveau commentaire', text: 'Un nouveau commentaire.' } });
  await db.outboxMessage.create({ data: { kind: 'author', to: AUTHOR, subject: 'Commentaire de Camille', text: `Camille <${SUBJECT}> a écrit.`, headers: JSON.stringify({ 'Reply-To': SUBJECT }) } });
  await db.outboxMessage.create({ data: { kind: 'author', to: AUTHOR, subject: 'Commentaire de Xavier', text: `Xavier <${NEIGHBOUR}> a écrit.` } });
  return { first, second, held, reply, neighbour };
}

/** Every text value of every table (the migrations' own excepted), found by the database's catalogue: a table added later is searched too. */
async function everyText(db: Database, provider: 'sqlite' | 'postgresql'): Promise<{ where: string; value: string }[]> {
  const columns =
    provider === 'sqlite'
      ? (
          await Promise.all(
            (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)).map(
              async ({ name }) =>
                (await db.$queryRawUnsafe<{ name: string; type: string }[]>(`SELECT name, type FROM pragma_table_info('${name}')`))
                  .filter((column) => column.type === 'TEXT')
                  .map((column) => ({ table: name, column: column.name })),
            ),
          )
        ).flat()
      : (
          await db.$queryRawUnsafe<{ table: string; column: string }[]>(
            `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
              WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') AND table_name <> '_prisma_migrations'`,
          )
        );
  expect(columns.map((column) => `${column.table}.${column.column}`)).toEqual(
    expect.arrayContaining(['Comment.authorEmail', 'Comment.body', 'CommentRevision.body', 'AuditLog.details', 'KnownSignInAddress.email']),
  );
  const values = await Promise.all(
    columns.map(async ({ table, column }) =>
      (await db.$queryRawUnsafe<{ value: string | null }[]>(`SELECT "${column}" AS value FROM "${table}"`)).flatMap((row) => (row.value === null ? [] : [{ where: `${table}.${column}`, value: row.value }])),
    ),
  );
  return values.flat();
}

describe('an access request', () => {
  it('finds everything the site holds about the address, whatever its case', async () => {
    await populate();
    const summary = await lookUpPersonalData(site.temp.db, subjectInput.parse({ email: ` ${SUBJECT.toUpperCase()} ` }).email, salt());
    expect(summary.email).toBe(SUBJECT);
    expect(summary.isAuthorAccount).toBe(false);
    expect(summary.comments.total).toBe(3);
    expect(summary.comments.latest.map((comment) => comment.status).sort()).toEqual(['pending', 'published', 'published']);
    expect(summary.mentions).toBe(1);
    expect(summary.auditLines.total).toBe(2);
    expect(summary.auditLines.latest.map((line) => line.target)).toEqual([`email:${SUBJECT}`, expect.stringMatching(/^comment:\d+$/)]);
    expect(summary.signInRecords).toBe(2);
    expect([summary.subscriptions, summary.messages]).toEqual([1, 2]);
    expect(summary.earlierRequests).toEqual([]);
    // The page never gets an IP hash or a whole row.
    expect(JSON.stringify(summary)).not.toMatch(/ipHash|bodyHash/);
  });

  it('exports it as one JSON document: the person’s comments whole, the audit lines, the sign-in records, nobody else’s comments', async () => {
    const { first, reply, neighbour } = await populate();
    let text = '';
    for await (const chunk of personalDataJson(site.temp.db, SUBJECT, salt(), NOW)) text += chunk;
    const exported = JSON.parse(text);
    expect(exported.email).toBe(SUBJECT);
    expect(exported.exportedAt).toBe(NOW.toISOString());
    expect(exported.comments).toHaveLength(3);
    expect(exported.comments[0]).toMatchObject({ id: first, authorEmail: SUBJECT, authorName: 'Camille', body: 'Mon premier commentaire.', ipHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(exported.comments.map((comment: { id: number }) => comment.id)).not.toContain(reply);
    expect(exported.comments.map((comment: { id: number }) => comment.id)).not.toContain(neighbour);
    expect(exported.earlierVersions).toEqual([expect.objectContaining({ commentId: first, body: `Première version, signée ${SUBJECT}`, editedBy: 'reader' })]);
    expect(exported.auditLog).toHaveLength(2);
    expect(exported.signIn).toMatchObject({ authorAccount: null, knownAddresses: [{ ipHash: 'a'.repeat(64) }], failureCounter: { attempts: 2 } });
    expect(exported.subscriptions).toEqual([expect.objectContaining({ articleSlug: OPEN, scope: 'article', status: 'confirmed' })]);
    expect(exported.emails.map((message: { subject: string }) => message.subject)).toEqual(['Nouveau commentaire', 'Commentaire de Camille']);
  });

  it('streams a large history in batches into valid JSON', async () => {
    await site.temp.db.comment.createMany({
      data: Array.from({ length: 2500 }, (_, index) => ({
        articleSlug: OPEN,
        authorName: 'Prolixe',
        authorEmail: SUBJECT,
        body: `Commentaire ${index}`,
        ipHash: ERASED_IP_HASH,
        bodyHash: `h${index}`,
      })),
    });
    const chunks: string[] = [];
    for await (const chunk of personalDataJson(site.temp.db, SUBJECT, salt(), new Date())) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const exported = JSON.parse(chunks.join(''));
    expect(exported.comments).toHaveLength(2500);
    expect(new Set(exported.comments.map((comment: { id: number }) => comment.id)).size).toBe(2500);
  }, 30_000);
});

describe('an erasure', () => {
  for (const mode of ['delete', 'anonymise'] as const) {
    it(`(${mode}) leaves the address in no text column of any table, and touches nothing else`, async () => {
      const ids = await populate();
      const db = site.temp.db;
      const neighbourBefore = await db.comment.findUnique({ where: { id: ids.neighbour } });
      const tagBefore = (await db.cacheTag.findUnique({ where: { tag: commentsTag(OPEN) } }))?.version ?? 0;

      const result = await erasePersonalData(db, erasureInput.parse({ email: SUBJECT, mode }), AUTHOR, salt());

      expect(result).toEqual({ ok: true, slugs: [OPEN], counts: { comments: 3, mentions: 1, auditLines: 2, signInRecords: 2, subscriptions: 1, messages: 2 } });
      const found = (await everyText(db, site.temp.provider)).filter(({ value }) => namesAddress(value, SUBJECT));
      expect(found).toEqual([]);

      const own = await db.comment.findMany({ where: { id: { in: [ids.first, ids.second, ids.held] } }, orderBy: { id: 'asc' } });
      if (mode === 'delete') {
        expect(own).toEqual([]);
        // The reply stays, without its parent, and no longer names the address.
        expect(await db.comment.findUnique({ where: { id: ids.reply }, select: { parentId: true, body: true, authorName: true } })).toEqual({
          parentId: null,
          body: `Camille, je vous écris à ${ERASED_ADDRESS} demain.`,
          authorName: 'Bob',
        });
        // A correction's « before » text of a deleted comment goes with it.
        expect((await db.auditLog.findMany({ where: { target: { in: [`comment:${ids.first}`, `comment:${ids.second}`] } } })).map((line) => line.details)).toEqual([null, null]);
      } else {
        expect(own.map((comment) => [comment.authorName, comment.authorEmail, comment.authorWebsite, comment.ipHash])).toEqual(
          Array.from({ length: 3 }, () => [ANONYMOUS_NAME, '', null, ERASED_IP_HASH]),
        );
        expect(own.map((comment) => comment.status)).toEqual(['published', 'published', 'pending']);
        expect(own[1]?.body).toBe(`Écrivez-moi à ${ERASED_ADDRESS}.`);
        expect(own[0]?.body).toBe('Mon premier commentaire.');
        expect((await db.comment.findUnique({ where: { id: ids.reply } }))?.parentId).toBe(ids.first);
        // The kept text stays; its earlier versions go.
        expect(await db.commentRevision.count({ where: { commentId: ids.first } })).toBe(0);
      }
      // Bob's earlier version keeps his words, without the address.
      expect((await db.commentRevision.findMany({ where: { commentId: ids.reply } })).map((revision) => revision.body)).toEqual([`Bob écrivait : ${ERASED_ADDRESS} !`]);
      // Another address, even one that contains this one, is untouched.
      expect(await db.comment.findUnique({ where: { id: ids.neighbour } })).toEqual(neighbourBefore);
      expect(await db.auditLog.count({ where: { target: `email:${NEIGHBOUR}` } })).toBe(1);
      expect([await db.subscription.count({ where: { email: NEIGHBOUR } }), await db.outboxMessage.count()]).toEqual([1, 1]);
      // The author's account and its own lines are untouched.
      expect(await db.adminUser.count({ where: { email: AUTHOR } })).toBe(1);
      expect(await db.auditLog.count({ where: { actor: AUTHOR } })).toBe(5);

      // The audit log has the erasure, under the keyed hash, never the address.
      const line = await db.auditLog.findFirstOrThrow({ where: { action: 'privacy.erase' } });
      expect(line).toMatchObject({ actor: AUTHOR, target: subjectKey(SUBJECT, salt()) });
      expect(JSON.parse(line.details ?? '{}')).toEqual({ mode, comments: 3, mentions: 1, auditLines: 2, signInRecords: 2, subscriptions: 1, messages: 2 });
      expect(await db.auditLog.findFirst({ where: { target: `email:${subjectKey(SUBJECT, salt())}` } })).not.toBeNull();

      // The thread's cached pages end in the same commit; the counts stay true (triggers).
      expect((await db.cacheTag.findUnique({ where: { tag: commentsTag(OPEN) } }))?.version).toBeGreaterThan(tagBefore);
      const kept = await db.articleCommentCount.findUnique({ where: { articleSlug: OPEN } });
      const published = await db.comment.count({ where: { articleSlug: OPEN, status: 'published' } });
      expect(kept?.published).toBe(published);

      // The same address, typed again, finds nothing but the request made.
      const again = await lookUpPersonalData(db, SUBJECT, salt());
      expect({ comments: again.comments.total, mentions: again.mentions, auditLines: again.auditLines.total, signIn: again.signInRecords }).toEqual({
        comments: 0,
        mentions: 0,
        auditLines: 0,
        signIn: 0,
      });
      expect(again.earlierRequests.map((request) => request.action)).toEqual(['privacy.erase']);
    });
  }

  it('refuses the author’s own account and changes nothing', async () => {
    await populate();
    await post(AUTHOR, 'L’auteur commente sous son adresse.');
    const before = await site.temp.db.comment.count({ where: { authorEmail: AUTHOR } });
    expect(await erasePersonalData(site.temp.db, { email: AUTHOR, mode: 'delete' }, AUTHOR, salt())).toEqual({ ok: false, message: AUTHOR_ACCOUNT_MESSAGE });
    expect(await site.temp.db.comment.count({ where: { authorEmail: AUTHOR } })).toBe(before);
    expect(await site.temp.db.auditLog.count({ where: { action: 'privacy.erase' } })).toBe(0);
  });

  it('asks for the author’s choice and a valid address, in French', () => {
    expect(erasureInput.safeParse({ email: SUBJECT }).error?.issues[0]?.message).toBe('Choisissez : supprimer les commentaires, ou les garder sans nom ni adresse.');
    expect(subjectInput.safeParse({ email: 'pas une adresse' }).error?.issues[0]?.message).toBe('Cette adresse e-mail n’est pas valide.');
    expect(subjectInput.safeParse({ email: '  ' }).error?.issues[0]?.message).toBe('Indiquez une adresse e-mail.');
  });
});

describe('the address in a text', () => {
  it('is found whole, whatever its case, and never inside another address', () => {
    expect(namesAddress(`Écrivez à ${SUBJECT.toUpperCase()}.`, SUBJECT)).toBe(true);
    expect(namesAddress(`<${SUBJECT}>`, SUBJECT)).toBe(true);
    expect(namesAddress(NEIGHBOUR, SUBJECT)).toBe(false);
    expect(namesAddress(`${SUBJECT}.example`, SUBJECT)).toBe(false);
    expect(withoutAddress(`a ${SUBJECT}, b ${SUBJECT}.`, SUBJECT)).toBe(`a ${ERASED_ADDRESS}, b ${ERASED_ADDRESS}.`);
  });
});
