import { targetOf, type Database } from '@/lib/db/client';
import { TIMESTAMP as ts, rawSqlDialect } from '@/lib/db/raw-sql';
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
  const { param: p, date: at } = rawSqlDialect(db);
  const { provider } = targetOf(db);
  const { mail, instant } = announcement;
  const who = `s."articleSlug" = ${p(1)} AND s."scope" = ${p(2)} AND s."status" = 'confirmed' AND s."confirmedAt" <= ${p(3, ts)} AND (s."lastNotifiedAt" IS NULL OR s."lastNotifiedAt" < ${p(3, ts)})`;
  const whoValues = [SITE_LIST_SLUG, announcement.list, at(instant), at(instant)];
  const insert = `INSERT INTO "OutboxMessage" ("kind", "to", "subject", "text", "html", "headers", "nextAttemptAt", "createdAt", "dedupeKey")
    SELECT ${p(4)}, s."email", ${p(5)}, replace(${p(6)}, ${p(7)}, s."unsubscribeToken"), replace(${p(8)}, ${p(7)}, s."unsubscribeToken"), replace(${p(9)}, ${p(7)}, s."unsubscribeToken"), ${p(10, ts)}, ${p(10, ts)}, ${p(11, '::text')} || s."email"
    FROM "Subscription" s WHERE ${who}
    ON CONFLICT ("dedupeKey") DO NOTHING`;
  const headers = JSON.stringify(mail.headers);
  // SQLite binds `?` in order of appearance; PostgreSQL by number.
  const insertValues = provider === 'sqlite'
    ? [announcement.kind, mail.subject, mail.text, TOKEN_SLOT, mail.html, TOKEN_SLOT, headers, TOKEN_SLOT, at(now), at(now), `${announcement.key}:`, ...whoValues]
    : [SITE_LIST_SLUG, announcement.list, at(instant), announcement.kind, mail.subject, mail.text, TOKEN_SLOT, mail.html, headers, at(now), `${announcement.key}:`];
  const update = `UPDATE "Subscription" AS s SET "lastNotifiedAt" = ${p(3, ts)} WHERE ${who}`;
  const updateValues = provider === 'sqlite' ? [at(instant), ...whoValues] : [SITE_LIST_SLUG, announcement.list, at(instant)];
  return db.$transaction(async (tx) => {
    await lockForTransaction(tx, provider, `announce:${announcement.key}`);
    const queued = await tx.$executeRawUnsafe(insert, ...insertValues);
    await tx.$executeRawUnsafe(update, ...updateValues);
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
