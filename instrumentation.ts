import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { getAuthSecret, getConfig, getIpHashSalt, getSubscriptionSecret } from '@/lib/config';

/**
 * Runs once when the server starts: a missing or bad setting stops it here, with its name. Then,
 * in the Node.js runtime of a running server (never during `next build`), the outbox's sender.
 */
export async function register() {
  getConfig();
  getAuthSecret();
  getIpHashSalt();
  getSubscriptionSecret();
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD) {
    const { startServerOutboxSender } = await import('@/lib/mail/server-sender');
    startServerOutboxSender();
  }
}
