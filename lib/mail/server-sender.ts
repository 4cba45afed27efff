import 'server-only';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db';
import { gatherNotices, gatherPolicy } from '@/lib/subscriptions/gather';
import { smtpTransport, startOutboxSender } from './outbox-sender';

/** How often a server process looks for messages it was not woken for (retries, other processes' messages). */
const POLL_INTERVAL_MS = 30_000;

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
    gather: { run: (now) => gatherNotices(db, { now, policy }), delayMs: policy.delayMs },
  });
}
