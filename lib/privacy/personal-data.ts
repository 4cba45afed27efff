import { accountKey } from '@/lib/auth/throttle';
import { pullStream } from '@/lib/http/pull-stream';
import type { Expression, ExpressionBuilder } from 'kysely';
import { targetOf, type Database } from '@/lib/db/client';
import { queryRows, type Provider, type RawRunner, type Statement } from '@/lib/db/kysely';
import type { DB } from '@/lib/generated/kysely/types';
import { containsPattern, namesAddress, subjectKey } from './subject';

/** Rows of one request shown on the page; the export holds them all. */
const SHOWN_ROWS = 100;
/** Comments read per query by the export. */
const EXPORT_BATCH = 1_000;

type Client = RawRunner & Pick<Database, 'comment' | 'commentRevision' | 'auditLog' | 'adminUser' | 'knownSignInAddress' | 'loginThrottle' | 'outboxMessage'>;

/** Whether one of the columns, lowercased, holds the address (a pre-filter: namesAddress decides). */
const anyContains = <TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, columns: Expression<string>[], email: string) =>
  eb.or(columns.map((column) => eb(eb.fn<string>('lower', [column]), 'like', containsPattern(email))));

const ids = async (db: Client, provider: Provider, statement: Statement<{ id: number | bigint }>) => (await queryRows(db, provider, statement)).map((row) => Number(row.id));

/**
 * Comments whose text, name or site names the address: the address is personal data wherever it
 * is written. `whose: 'others'`: other people's comments; 'own': the person's own (`authorEmail`).
 */
export async function findMentions(db: Client, provider: Provider, email: string, whose: 'own' | 'others' = 'others') {
  const found = await ids(db, provider, (k) =>
    k.selectFrom('Comment').select('id').where('authorEmail', whose === 'own' ? '=' : '<>', email)
      .where((eb) => anyContains(eb, [eb.ref('body'), eb.ref('authorName'), eb.fn.coalesce('authorWebsite', eb.val(''))], email)).orderBy('id'),
  );
  if (found.length === 0) return [];
  const rows = await db.comment.findMany({ where: { id: { in: found } }, select: { id: true, articleSlug: true, authorName: true, authorWebsite: true, body: true }, orderBy: { id: 'asc' } });
  return rows.filter((row) => namesAddress(row.body, email) || namesAddress(row.authorName, email) || namesAddress(row.authorWebsite, email));
}

/** Earlier versions of comments (kept for the author) whose text names the address. */
export async function findRevisionMentions(db: Client, provider: Provider, email: string) {
  const found = await ids(db, provider, (k) => k.selectFrom('CommentRevision').select('id').where((eb) => anyContains(eb, [eb.ref('body')], email)).orderBy('id'));
  if (found.length === 0) return [];
  const rows = await db.commentRevision.findMany({ where: { id: { in: found } }, select: { id: true, body: true }, orderBy: { id: 'asc' } });
  return rows.filter((row) => namesAddress(row.body, email));
}

/** Audit lines whose actor, target or details name the address. */
export async function findAuditLines(db: Client, provider: Provider, email: string) {
  const found = await ids(db, provider, (k) =>
    k.selectFrom('AuditLog').select('id').where((eb) => anyContains(eb, [eb.ref('actor'), eb.ref('target'), eb.fn.coalesce('details', eb.val(''))], email)).orderBy('id'),
  );
  if (found.length === 0) return [];
  const rows = await db.auditLog.findMany({ where: { id: { in: found } }, orderBy: { id: 'asc' } });
  return rows.filter((row) => namesAddress(row.actor, email) || namesAddress(row.target, email) || namesAddress(row.details, email));
}

type SubjectComment = { id: number; articleSlug: string; status: string; authorName: string; createdAt: string; excerpt: string };
type SubjectAuditLine = { id: number; actor: string; action: string; target: string; createdAt: string };

/** What the page shows of one address: counts, the latest rows, and the earlier requests about it. */
export type PersonalDataSummary = {
  email: string;
  /** The author's own account: erased with `npm run admin:delete-account`, not here. */
  isAuthorAccount: boolean;
  comments: { total: number; latest: SubjectComment[] };
  /** Other people's comments that name the address. */
  mentions: number;
  auditLines: { total: number; latest: SubjectAuditLine[] };
  /** Sign-in records tied to the address: known addresses of an account, a failure counter. */
  signInRecords: number;
  /** Follow-up subscriptions of the address (any state), and e-mails to it or about it in the outbox. */
  subscriptions: number;
  messages: number;
  earlierRequests: { action: string; createdAt: string }[];
};

/**
 * The ids of the outbox's e-mails to the address or that carry it (the author's notice of their
 * comment names them): found by LIKE, kept when the address is there whole (not inside another).
 */
export async function findMessagesAbout(db: Pick<Database, 'outboxMessage'>, email: string): Promise<number[]> {
  const candidates = await db.outboxMessage.findMany({
    where: { OR: [{ to: email }, { text: { contains: email } }, { html: { contains: email } }, { headers: { contains: email } }] },
    select: { id: true, to: true, text: true, html: true, headers: true },
    orderBy: { id: 'asc' },
  });
  return candidates.filter((row) => [row.to, row.text, row.html, row.headers].some((text) => namesAddress(text, email))).map((row) => row.id);
}

const excerptOf = (body: string) => (body.length > 160 ? `${body.slice(0, 159)}…` : body);

/** Everything the site holds about an e-mail address, for the author's answer to an access request. */
export async function lookUpPersonalData(db: Database, email: string, salt: string): Promise<PersonalDataSummary> {
  const dialect = targetOf(db).provider;
  const [account, total, latest, mentions, auditLines, known, counter, earlier, subscriptions, messages] = await Promise.all([
    db.adminUser.findUnique({ where: { email }, select: { email: true } }),
    db.comment.count({ where: { authorEmail: email } }),
    db.comment.findMany({
      where: { authorEmail: email },
      orderBy: { id: 'desc' },
      take: SHOWN_ROWS,
      select: { id: true, articleSlug: true, status: true, authorName: true, createdAt: true, body: true },
    }),
    findMentions(db, dialect, email),
    findAuditLines(db, dialect, email),
    db.knownSignInAddress.count({ where: { email } }),
    db.loginThrottle.count({ where: { key: accountKey(email, salt) } }),
    db.auditLog.findMany({ where: { target: subjectKey(email, salt) }, orderBy: { id: 'desc' }, take: SHOWN_ROWS, select: { action: true, createdAt: true } }),
    db.subscription.count({ where: { email } }),
    findMessagesAbout(db, email),
  ]);
  return {
    email,
    isAuthorAccount: account !== null,
    comments: {
      total,
      latest: latest.map(({ body, createdAt, ...row }) => ({ ...row, createdAt: createdAt.toISOString(), excerpt: excerptOf(body) })),
    },
    mentions: mentions.length,
    auditLines: {
      total: auditLines.length,
      latest: auditLines
        .slice(-SHOWN_ROWS)
        .reverse()
        .map((row) => ({ id: row.id, actor: row.actor, action: row.action, target: row.target, createdAt: row.createdAt.toISOString() })),
    },
    signInRecords: known + counter,
    subscriptions,
    messages: messages.length,
    earlierRequests: earlier.map((row) => ({ action: row.action, createdAt: row.createdAt.toISOString() })),
  };
}

/** The person's comments, whole (IP hash included: it is theirs too), in id order, a batch at a time. */
async function* commentsOf(db: Client, email: string): AsyncGenerator<string> {
  let afterId = 0;
  let separator = '\n';
  for (;;) {
    const rows = await db.comment.findMany({
      where: { authorEmail: email, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: EXPORT_BATCH,
      select: {
        id: true,
        articleSlug: true,
        parentId: true,
        authorName: true,
        authorEmail: true,
        authorWebsite: true,
        body: true,
        status: true,
        isAuthor: true,
        ipHash: true,
        createdAt: true,
        editedAt: true,
      },
    });
    if (rows.length > 0) {
      yield separator + rows.map((row) => JSON.stringify(row)).join(',\n');
      separator = ',\n';
    }
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_BATCH) return;
    afterId = last.id;
  }
}

/**
 * The JSON the author sends a person who asked for their data (RGPD art. 15 and 20): their
 * comments (streamed by batches, however many), the audit lines that name them, their sign-in
 * records, their subscriptions and the e-mails to them or about them (by batches too). Other people's comments that mention the address are theirs, and stay out.
 */
export async function* personalDataJson(db: Database, email: string, salt: string, now: Date): AsyncGenerator<string> {
  const dialect = targetOf(db).provider;
  yield `{\n"email": ${JSON.stringify(email)},\n"exportedAt": ${JSON.stringify(now.toISOString())},\n"comments": [`;
  yield* commentsOf(db, email);
  const [auditLines, account, knownAddresses, counter] = await Promise.all([
    findAuditLines(db, dialect, email),
    db.adminUser.findUnique({ where: { email }, select: { email: true, updatedAt: true } }),
    db.knownSignInAddress.findMany({ where: { email }, select: { ipHash: true, lastSignInAt: true }, orderBy: { lastSignInAt: 'desc' } }),
    db.loginThrottle.findUnique({ where: { key: accountKey(email, salt) }, select: { attempts: true, windowStart: true } }),
  ]);
  // Earlier texts of the person's comments: a few per comment at most (its writer's window, the author's corrections).
  const revisions = await db.commentRevision.findMany({
    where: { comment: { authorEmail: email } },
    orderBy: { id: 'asc' },
    select: { commentId: true, body: true, editedBy: true, replacedAt: true },
  });
  const signIn = { authorAccount: account, knownAddresses, failureCounter: counter };
  // A subscription per article and kind at most.
  const subscriptions = await db.subscription.findMany({
    where: { email },
    orderBy: { id: 'asc' },
    select: { articleSlug: true, scope: true, commentId: true, status: true, createdAt: true, confirmedAt: true, unsubscribedAt: true },
  });
  yield `\n],\n"earlierVersions": ${JSON.stringify(revisions)},\n"auditLog": ${JSON.stringify(auditLines)},\n"signIn": ${JSON.stringify(signIn)},\n"subscriptions": ${JSON.stringify(subscriptions)},\n"emails": [`;
  yield* messagesOf(db, email);
  yield '\n]\n}\n';
}

/** The outbox's e-mails to the address or about it, a batch at a time. */
async function* messagesOf(db: Client, email: string): AsyncGenerator<string> {
  const ids = await findMessagesAbout(db, email);
  for (let start = 0; start < ids.length; start += EXPORT_BATCH) {
    const rows = await db.outboxMessage.findMany({
      where: { id: { in: ids.slice(start, start + EXPORT_BATCH) } },
      orderBy: { id: 'asc' },
      select: { id: true, kind: true, to: true, subject: true, text: true, status: true, createdAt: true, sentAt: true },
    });
    yield (start === 0 ? '\n' : ',\n') + rows.map((row) => JSON.stringify(row)).join(',\n');
  }
}

/** The export as a download body, produced as fast as it is read. */
export function streamPersonalDataExport(db: Database, email: string, salt: string, now = new Date()): ReadableStream<Uint8Array> {
  return pullStream(personalDataJson(db, email, salt, now), 'Export des données personnelles');
}
