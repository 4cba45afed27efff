import { createPrismaClient } from '@/lib/db/client';
import { describeRetentionReport, eraseExpiredData } from './retention';

const DAY_MS = 86_400_000;

/** One run on a client of its own, closed after it: nothing stays open between two runs a day apart. */
async function runOnce(): Promise<void> {
  const db = createPrismaClient();
  try {
    console.log(describeRetentionReport(await eraseExpiredData(db)));
  } catch (error) {
    console.error('Conservation des données : l’effacement a échoué ; nouvel essai dans 24 heures.', error);
  } finally {
    await db.$disconnect();
  }
}

/**
 * Starts the retention job in this server process (instrumentation.ts): once now, without holding
 * up the start, then every 24 hours. Every process of every instance runs it; the statements make
 * that safe (lib/privacy/retention.ts). Its own client rather than lib/db.ts's: instrumentation
 * cannot import a `server-only` module (vercel/next.js#62564). Returns the way to stop it.
 */
export function startRetentionJob(): () => void {
  void runOnce();
  const timer = setInterval(() => void runOnce(), DAY_MS);
  // The timer alone never keeps the process alive (a SIGTERM ends it as before).
  timer.unref();
  return () => clearInterval(timer);
}
