import { getAuthSecret, getConfig, getIpHashSalt, getLegalIdentity } from '@/lib/config';

/** Runs once when the server starts: a missing or bad setting stops it here, with its name. */
export async function register() {
  const config = getConfig();
  getAuthSecret();
  getIpHashSalt();
  const { missing } = getLegalIdentity(config);
  if (config.NODE_ENV === 'production' && missing.length > 0) {
    console.warn(`Mentions légales et politique de confidentialité : « à renseigner » à la place de ${missing.join(', ')} (voir .env.example).`);
  }
  // The daily erasure of what is kept for a time only (IP hashes, sign-in counters): Node.js only,
  // loaded here so that no other runtime bundles the database client.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startRetentionJob } = await import('@/lib/privacy/retention-job');
    startRetentionJob();
  }
}
