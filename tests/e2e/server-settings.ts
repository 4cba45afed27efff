// E2E_PORT lets two test runs share a machine: each gets its own port, database and build folder.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_FILE = `tests/.tmp/e2e-${E2E_PORT}.db`;
/** nginx with the site's cache config (deploy/nginx) in front of the server, and its purge server. */
export const E2E_PROXY_PORT = E2E_PORT + 2;
export const E2E_PROXY_URL = `http://127.0.0.1:${E2E_PROXY_PORT}`;
export const E2E_PURGE_PORT = E2E_PORT + 3;
/** Where the test SMTP receiver writes the e-mails it gets (one JSON line each). */
export const E2E_MAILBOX_FILE = `tests/.tmp/mail-${E2E_PORT}.jsonl`;

/**
 * The author's accounts: one for the admin tests, one that the throttling test locks out, two the
 * parallel sign-in bursts aim at, and one whose password the session test changes.
 */
export const ADMIN = { email: 'auteur@exemple.fr', password: 'un mot de passe assez long' };
export const THROTTLED_ADMIN = { email: 'verrou@exemple.fr', password: ADMIN.password };
export const BURST_ADMIN = { email: 'rafale@exemple.fr', password: ADMIN.password };
export const SPREAD_BURST_ADMIN = { email: 'rafale-repartie@exemple.fr', password: ADMIN.password };
export const SESSION_ADMIN = { email: 'session@exemple.fr', password: ADMIN.password };

/**
 * Servers the hostile network tests start themselves, on the same build and database (E2E_PORT + 5
 * is the PostgreSQL run's cluster, tests/e2e/run-on-postgresql.mjs).
 */
export const E2E_DIRECT_PORT = E2E_PORT + 6;
export const E2E_BEHIND_PROXY_PORT = E2E_PORT + 7;
export const E2E_SECOND_PROXY_PORT = E2E_PORT + 8;
export const E2E_SECOND_PURGE_PORT = E2E_PORT + 9;

/** The server under test: its own database file and build folder, a strict rate limit. */
export const E2E_SERVER_ENV: Record<string, string> = {
  PORT: String(E2E_PORT),
  // tests/e2e/run-on-postgresql.mjs runs the same suite on a throwaway PostgreSQL cluster.
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:./${E2E_DATABASE_FILE}`,
  NEXT_DIST_DIR: `.next-e2e-${E2E_PORT}`,
  SITE_URL: 'https://marketing20.example',
  COMMENT_RATE_LIMIT: '5/60s',
  IP_HASH_SALT: 'e2e-salt',
  AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
  SUBSCRIPTION_SECRET: 'e2e-subscriptions-e2e-subscriptions-e2e',
  NEXTAUTH_URL: E2E_BASE_URL,
  E2E_ADMIN_ACCOUNTS: [ADMIN, THROTTLED_ADMIN, BURST_ADMIN, SPREAD_BURST_ADMIN, SESSION_ADMIN].map((account) => account.email).join(','),
  // The test runner plays the proxy: each test tells its own address in X-Forwarded-For, so that
  // the per-address limits are the test's own. Tests of the defaults start servers of their own.
  TRUSTED_PROXIES: '127.0.0.0/8, ::1',
  ADMIN_PASSWORD: ADMIN.password,
  SMTP_URL: `smtp://127.0.0.1:${E2E_PORT + 1}`,
  NOTIFY_EMAIL_TO: ADMIN.email,
  NOTIFY_EMAIL_FROM: 'Marketing 2.0 <site@exemple.fr>',
  E2E_MAILBOX: E2E_MAILBOX_FILE,
  // Each new comment reaches its subscribers a second later, alone: the gathering itself is tested
  // on its own (tests/unit/subscription-gathering.test.ts), where time is the test's to set.
  SUBSCRIBER_MAIL_DELAY_SECONDS: '1',
  SUBSCRIBER_MAIL_INTERVAL_MINUTES: '0',
  E2E_PROXY_PORT: String(E2E_PROXY_PORT),
  CACHE_PURGE_URLS: `http://127.0.0.1:${E2E_PURGE_PORT}/purge`,
};
