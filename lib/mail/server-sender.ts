import 'server-only';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db';
import { gatherNotices, gatherPolicy } from '@/lib/subscriptions/gather';
import { getBook } from '@/lib/book-file/get-book';
import { listAllArticles } from '@/lib/content/articles';
import { isPublic } from '@/lib/content/load-articles';
import { announceLaunch } from '@/lib/subscriptions/launch-announcements';
import { nextChange } from '@/lib/cache/render-again-at';
import { wakeOutboxSenders } from './outbox';
import { smtpTransport, startOutboxSender } from './outbox-sender';

/** How often a server process looks for messages it was not woken for (retries, other processes' messages). */
const POLL_INTERVAL_MS = 30_000;
/** A timer for an instant further away is set again this far ahead (timers hold 24.8 days at most). */
const MAX_TIMER_MS = 86_400_000;

/** Nothing new comes due before this: announced up to its last instant, the rounds in between skip the lists. */
let quietUntil: Date | undefined;

/** The release and the articles readers see now: what a round announces to the site's lists (once per instant and process). */
async function announceWhatIsDue(now: Date): Promise<void> {
  if (quietUntil && now < quietUntil) return;
  const [book, articles] = await Promise.all([getBook(), listAllArticles()]);
  const { SITE_URL } = getConfig();
  await announceLaunch(db, { now, siteUrl: SITE_URL, book: { ...book, summary: book.summary?.text }, articles: articles.filter((article) => isPublic(article, now)) });
  quietUntil = nextChange([book.release, ...articles.filter((article) => !article.draft).map((article) => article.publishAt)], now) ?? new Date(now.getTime() + MAX_TIMER_MS);
}

/** Wakes the sender at the next release or publication instant, so that its e-mails leave then, not at the next poll. */
async function wakeAtNextAnnouncement(): Promise<void> {
  const now = new Date();
  const [book, articles] = await Promise.all([getBook(), listAllArticles()]);
  const next = nextChange([book.release, ...articles.filter((article) => !article.draft).map((article) => article.publishAt)], now);
  const delay = next ? Math.min(next.getTime() - now.getTime() + 50, MAX_TIMER_MS) : MAX_TIMER_MS;
  setTimeout(() => {
    wakeOutboxSenders();
    void wakeAtNextAnnouncement();
  }, delay).unref();
}

/**
 * Starts this server process's outbox sender (instrumentation.ts's register()). Every process
 * runs one; their claims never overlap. Without SMTP_URL nothing is sent: messages wait, and the
 * subscribers' notices wait ungathered (a comment removed meanwhile is never sent).
 */
export function startServerOutboxSender(): void {
  const { SMTP_URL, NOTIFY_EMAIL_FROM } = getConfig();
  if (!SMTP_URL) return;
  const policy = gatherPolicy();
  startOutboxSender(db, {
    transport: smtpTransport(SMTP_URL),
    from: NOTIFY_EMAIL_FROM,
    intervalMs: POLL_INTERVAL_MS,
    gather: {
      run: async (now) => {
        await announceWhatIsDue(now);
        await gatherNotices(db, { now, policy });
      },
      delayMs: policy.delayMs,
    },
  });
  void wakeAtNextAnnouncement();
}
