import type { ExpressionBuilder } from 'kysely';
import { targetOf, type Database } from '@/lib/db/client';
import { dateValue, execute, type Statement } from '@/lib/db/kysely';
import type { DB } from '@/lib/generated/kysely/types';
import { lockForTransaction } from '@/lib/db/transaction-lock';
import { newArticleMail, releaseMail, TOKEN_SLOT, type AnnouncedArticle, type AnnouncedBook } from './launch-mail';
import type { ReaderMail } from './mail';
import { SITE_LIST_SLUG, type SiteList } from './site-lists';

/** An article published longer ago than this is not announced any more (a site down for days does not send old news). */
const ANNOUNCE_WITHIN_DAYS = 7;

type Announcement = { list: SiteList; kind: string; key: string; instant: Date; mail: ReaderMail };

/**
 * Queues, for every confirmed address of a list, one e-mail about one event (the release, an
 * article): one statement writes them all, each address's unsubscribe token put in by the
 * database. Exactly once per address by construction: the list's high-water mark
 * (lastNotifiedAt) moves in the same transaction, and each message's dedupeKey is unique, so a
 * second process, a restart or a retry at the same instant adds nothing. Returns how many were queued.
 */
async function announce(db: Database, announcement: Announcement, now: Date): Promise<number> {
  const { provider } = targetOf(db);
  const { mail, instant } = announcement;
  const who = (eb: ExpressionBuilder<DB, 'Subscription'>) =>
    eb.and([
      eb('articleSlug', '=', SITE_LIST_SLUG),
      eb('scope', '=', announcement.list),
      eb('status', '=', 'confirmed'),
      eb('confirmedAt', '<=', instant),
      eb.or([eb('lastNotifiedAt', 'is', null), eb('lastNotifiedAt', '<', instant)]),
    ]);
  const headers = JSON.stringify(mail.headers);
  const insert: Statement = (k) =>
    k.insertInto('OutboxMessage')
      .columns(['kind', 'to', 'subject', 'text', 'html', 'headers', 'nextAttemptAt', 'createdAt', 'dedupeKey'])
      .expression(
        k.selectFrom('Subscription').where(who).select((eb) => {
          const withToken = (text: string) => eb.fn<string>('replace', [eb.val(text), eb.val(TOKEN_SLOT), 'unsubscribeToken']);
          return [
            eb.val(announcement.kind).as('kind'),
            'email',
            eb.val(mail.subject).as('subject'),
            withToken(mail.text).as('text'),
            withToken(mail.html).as('html'),
            withToken(headers).as('headers'),
            dateValue(eb, now).as('nextAttemptAt'),
            dateValue(eb, now).as('createdAt'),
            eb(eb.val(`${announcement.key}:`), '||', eb.ref('email')).as('dedupeKey'),
          ];
        }),
      )
      .onConflict((conflict) => conflict.column('dedupeKey').doNothing());
  return db.$transaction(async (tx) => {
    await lockForTransaction(tx, provider, `announce:${announcement.key}`);
    const queued = await execute(tx, provider, insert);
    await execute(tx, provider, (k) => k.updateTable('Subscription').set({ lastNotifiedAt: instant }).where(who));
    return queued;
  });
}

export type LaunchState = {
  now: Date;
  siteUrl: string;
  book: AnnouncedBook;
  /** The articles readers see at `now`, with the instant each became public. */
  articles: (AnnouncedArticle & { publishAt: Date })[];
};

/**
 * What the outbox sender runs each round: the release e-mail once the release instant has come,
 * and each article's once it is public (within ANNOUNCE_WITHIN_DAYS), oldest first.
 */
export async function announceLaunch(db: Database, state: LaunchState): Promise<number> {
  const { now, siteUrl, book } = state;
  let queued = 0;
  if (book.release <= now) {
    queued += await announce(db, { list: 'release', kind: 'release-announcement', key: 'parution', instant: book.release, mail: releaseMail(book, siteUrl) }, now);
  }
  const recent = state.articles
    .filter((article) => article.publishAt <= now && article.publishAt.getTime() > now.getTime() - ANNOUNCE_WITHIN_DAYS * 86_400_000)
    .sort((a, b) => a.publishAt.getTime() - b.publishAt.getTime());
  for (const article of recent) {
    queued += await announce(db, { list: 'new-articles', kind: 'article-announcement', key: `article:${article.slug}`, instant: article.publishAt, mail: newArticleMail(article, siteUrl) }, now);
  }
  return queued;
}
