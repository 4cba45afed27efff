import { PHASE_PRODUCTION_BUILD } from 'next/constants';
import { getAuthSecret, getConfig, getIpHashSalt, getLegalIdentity, getSubscriptionSecret } from '@/lib/config';

/**
 * Runs once when the server starts: a missing or bad setting stops it here, with its name. Then,
 * in the Node.js runtime of a running server (never during `next build`), the background work:
 * the outbox's sender and the daily erasure of what is kept for a time only.
 */
export async function register() {
  const config = getConfig();
  getAuthSecret();
  getIpHashSalt();
  getSubscriptionSecret();
  const { missing } = getLegalIdentity(config);
  if (config.NODE_ENV === 'production' && missing.length > 0) {
    console.warn(`Mentions légales et politique de confidentialité : « à renseigner » à la place de ${missing.join(', ')} (voir .env.example).`);
  }
  // Loaded here so that no other runtime bundles the database client.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== PHASE_PRODUCTION_BUILD) {
    const { startServerOutboxSender } = await import('@/lib/mail/server-sender');
    startServerOutboxSender();
    const { startRetentionJob } = await import('@/lib/privacy/retention-job');
    startRetentionJob();
  }
}
