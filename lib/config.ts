import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/database-url.cjs';
import { parseTrustedProxies } from './http/trusted-proxies';

/** Parses `COMMENT_RATE_LIMIT`: `<count>/<seconds>s` (e.g. `5/60s`) or `off`. */
const rateLimit = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === 'off') return null;
    const match = /^(\d+)\/(\d+)s$/.exec(value);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      ctx.addIssue({ code: 'custom', message: 'COMMENT_RATE_LIMIT : attendu « 5/60s » ou « off »' });
      return z.NEVER;
    }
    return { max: Number(match[1]), windowSeconds: Number(match[2]) };
  });

/** One line of the legal notice: free text, on one line, bounded. */
const legalText = (name: string) =>
  z
    .string()
    .trim()
    .max(300, `${name} : 300 caractères au plus`)
    .refine((value) => !/[\r\n]/.test(value), `${name} : une seule ligne`)
    .optional();

/**
 * The folder of the articles, the book's file (livre.md), the pages and the events: `content/` of
 * the working folder, read at run time. `CONTENT_DIR` points elsewhere (the launch tests do).
 */
export function getContentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.CONTENT_DIR || 'content');
}

/** The largest upload the admin's import page takes (the whole request: the file and its form); nginx's own limit for it is the same (deploy/nginx). */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

const environment = z.object({
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  SITE_URL: z.url().default('http://localhost:3000').transform((url) => url.replace(/\/+$/, '')),
  COMMENT_RATE_LIMIT: rateLimit.default(() => ({ max: 5, windowSeconds: 60 })),
  IP_HASH_SALT: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET : 32 caractères au moins (openssl rand -base64 32)').optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET : 32 caractères au moins (openssl rand -base64 32)').optional(),
  /** Key of the signed links of subscription confirmations (HMAC). */
  SUBSCRIPTION_SECRET: z.string().min(32, 'SUBSCRIPTION_SECRET : 32 caractères au moins (openssl rand -base64 32)').optional(),
  /** SMTP server for the author's notifications, e.g. smtp://user:password@smtp.example:587. Unset: no e-mail. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'SMTP_URL : adresse smtp:// ou smtps:// attendue' }).optional(),
  NOTIFY_EMAIL_TO: z.email({ error: 'NOTIFY_EMAIL_TO : adresse e-mail attendue' }).optional(),
  NOTIFY_EMAIL_FROM: z.string().min(3).default('Marketing 2.0 <no-reply@localhost>'),
  /** A subscriber's first notice waits this long for the comments that follow (one e-mail for a busy moment). */
  SUBSCRIBER_MAIL_DELAY_SECONDS: z.coerce
    .number({ error: 'SUBSCRIBER_MAIL_DELAY_SECONDS : un nombre de secondes' })
    .int('SUBSCRIBER_MAIL_DELAY_SECONDS : un nombre entier de secondes')
    .min(0, 'SUBSCRIBER_MAIL_DELAY_SECONDS : un nombre de secondes positif ou nul')
    .default(120),
  /** At most one e-mail per subscriber and thread in this time; the comments in between are gathered. */
  SUBSCRIBER_MAIL_INTERVAL_MINUTES: z.coerce
    .number({ error: 'SUBSCRIBER_MAIL_INTERVAL_MINUTES : un nombre de minutes' })
    .int('SUBSCRIBER_MAIL_INTERVAL_MINUTES : un nombre entier de minutes')
    .min(0, 'SUBSCRIBER_MAIL_INTERVAL_MINUTES : un nombre de minutes positif ou nul')
    .default(15),
  /**
   * The purge addresses of the HTTP caches in front (deploy/nginx), comma-separated, e.g.
   * http://127.0.0.1:8081/purge: after a write, the app asks each to forget the pages it changed.
   */
  CACHE_PURGE_URLS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((url) => url.trim().replace(/\/+$/, '')).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'CACHE_PURGE_URLS : adresses http:// séparées par des virgules' }))),
  /** Proxies allowed to tell the client's address (lib/http/trusted-proxies.ts). Unset: none. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /**
   * The legal notice (LCEN art. 6 III) and the privacy policy's controller (RGPD art. 13): who
   * publishes the site, how to reach them, who hosts it. Unset: the pages say « à renseigner ».
   */
  PUBLISHER_NAME: legalText('PUBLISHER_NAME'),
  PUBLISHER_ADDRESS: legalText('PUBLISHER_ADDRESS'),
  PUBLISHER_EMAIL: z.email({ error: 'PUBLISHER_EMAIL : adresse e-mail attendue' }).optional(),
  PUBLICATION_DIRECTOR: legalText('PUBLICATION_DIRECTOR'),
  HOST_NAME: legalText('HOST_NAME'),
  HOST_ADDRESS: legalText('HOST_ADDRESS'),
  HOST_PHONE: legalText('HOST_PHONE'),
  /** The address next-auth builds its links from (npm start sets it); its scheme decides Secure cookies. */
  NEXTAUTH_URL: z.string().optional(),
  /** Largest import upload, in bytes (/admin/import); keep deploy/nginx's client_max_body_size for it the same. */
  IMPORT_MAX_BYTES: z.coerce
    .number({ error: 'IMPORT_MAX_BYTES : un nombre d’octets' })
    .int('IMPORT_MAX_BYTES : un nombre entier d’octets')
    .positive('IMPORT_MAX_BYTES : un nombre d’octets positif')
    .default(DEFAULT_IMPORT_MAX_BYTES),
  /**
   * Where the import page keeps an uploaded file between its preview and its import (an hour at
   * most), in a folder only the server's user may open. Unset: one in the system's temporary folder.
   */
  IMPORT_DIR: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Config = z.infer<typeof environment>;

let cached: Config | undefined;

/** The environment, read and validated once. A bad value fails loudly with the variable's name. */
export function getConfig(): Config {
  if (cached) return cached;
  // An empty variable (as in a copied .env.example) means « not set ».
  const parsed = environment.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Configuration invalide :\n${details.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** The salt this repository once published as IP_HASH_SALT's default: anyone could undo hashes made with it. */
export const PUBLISHED_IP_HASH_SALT = 'marketing-2-0-change-me';

/**
 * The salt of the stored address hashes. Required in production, never the published one: with a
 * known salt, the hash of an IPv4 address is undone by trying all of them.
 */
export function getIpHashSalt(): string {
  const { IP_HASH_SALT, NODE_ENV } = getConfig();
  if (NODE_ENV !== 'production') return IP_HASH_SALT ?? 'development-only-salt-not-for-production-use';
  if (!IP_HASH_SALT || IP_HASH_SALT === PUBLISHED_IP_HASH_SALT) {
    throw new Error(
      `IP_HASH_SALT ${IP_HASH_SALT ? 'vaut la valeur publiée dans le dépôt' : 'manquant'} : le site ne démarre pas ainsi en production. ` +
        'Créez-en un avec « openssl rand -base64 32 » et placez-le dans IP_HASH_SALT (ou lancez le site par « npm start », qui en garde un dans data/.ip-hash-salt).',
    );
  }
  return IP_HASH_SALT;
}

/** The secret that signs the author's session. Required in production, with a message that says how. */
export function getAuthSecret(): string {
  const { AUTH_SECRET, NEXTAUTH_SECRET, NODE_ENV } = getConfig();
  const secret = AUTH_SECRET ?? NEXTAUTH_SECRET;
  if (secret) return secret;
  if (NODE_ENV === 'production') {
    throw new Error(
      'AUTH_SECRET manquant : le site ne démarre pas sans secret de session en production. ' +
        'Créez-en un avec « openssl rand -base64 32 » et placez-le dans AUTH_SECRET (ou lancez le site par « npm start », qui en garde un dans data/.auth-secret).',
    );
  }
  return 'development-only-secret-not-for-production-use';
}

/** What the legal pages print where a value is not set: it must read as a gap to fill in. */
export const TO_FILL_IN = 'à renseigner';

/** Who publishes and who hosts the site, for « Mentions légales » and « Politique de confidentialité ». */
export type LegalIdentity = {
  publisher: { name: string; address: string; email: string | null };
  director: string;
  host: { name: string; address: string; phone: string };
  /** The variables still unset, for the warning at start. */
  missing: string[];
};

/** The legal identity from the environment; each unset value reads « à renseigner (VARIABLE) ». */
export function getLegalIdentity(config: Config = getConfig()): LegalIdentity {
  const missing: string[] = [];
  const value = (name: keyof Config & string) => {
    const set = config[name];
    if (typeof set === 'string' && set !== '') return set;
    missing.push(name);
    return `${TO_FILL_IN} (${name})`;
  };
  const identity = {
    publisher: { name: value('PUBLISHER_NAME'), address: value('PUBLISHER_ADDRESS'), email: config.PUBLISHER_EMAIL ?? null },
    director: value('PUBLICATION_DIRECTOR'),
    host: { name: value('HOST_NAME'), address: value('HOST_ADDRESS'), phone: value('HOST_PHONE') },
  };
  if (!config.PUBLISHER_EMAIL) missing.push('PUBLISHER_EMAIL');
  return { ...identity, missing };
}

/**
 * Whether the site's cookies carry Secure: when the browser reaches the site over HTTPS, by the
 * same rule as next-auth's session cookies (NEXTAUTH_URL's scheme, else SITE_URL's).
 */
export function usesSecureCookies(config: Config = getConfig()): boolean {
  return (config.NEXTAUTH_URL ?? config.SITE_URL).startsWith('https://');
}

/** The key that signs subscription confirmation links. Required in production, like AUTH_SECRET. */
export function getSubscriptionSecret(): string {
  const { SUBSCRIPTION_SECRET, NODE_ENV } = getConfig();
  if (SUBSCRIPTION_SECRET) return SUBSCRIPTION_SECRET;
  if (NODE_ENV === 'production') {
    throw new Error(
      'SUBSCRIPTION_SECRET manquant : le site ne démarre pas sans clé des liens de confirmation en production. ' +
        'Créez-en une avec « openssl rand -base64 32 » et placez-la dans SUBSCRIPTION_SECRET (ou lancez le site par « npm start », qui en garde une dans data/.subscription-secret).',
    );
  }
  return 'development-only-subscription-secret-not-for-production-use';
}
