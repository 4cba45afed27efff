import type { Database } from '@/lib/db/client';
import { targetOf } from '@/lib/db/client';
import { sqliteConnection } from '@/lib/db/sqlite-connection';
import { getConfig, getIpHashSalt, getSubscriptionSecret } from '@/lib/config';
import { listArticles } from '@/lib/content/articles';
import type { Article } from '@/lib/content/load-articles';
import { newEditSecret } from './own/secret';
import { wakeOutboxSenders } from '@/lib/mail/outbox';
import { authorNotification } from './posting/author-mail';
import { subscriberNotification } from '@/lib/subscriptions/notify';
import { requestSubscriptions, type SubscriptionRequest, type SubscriptionRequestOutcome, type SubscriptionScope } from '@/lib/subscriptions/service';
import { hashBody, hashIp } from '@/lib/fingerprint';
import { countLinks } from './links';
import { HELD_MESSAGES, PUBLISHED_MESSAGE } from './messages';
import { failure, type PostCommentResult, type PostingMail } from './posting/result';
import { postOnSqlite } from './posting/sqlite';
import { postOnPostgresql } from './posting/postgresql';
import type { PostingQuery } from './posting/rules';
import type { NewComment } from './posting/new-comment';
import { commentInput, fieldErrorsOf } from './schema';

export type { PostCommentResult };

export type PostContext = {
  db: Database;
  /** The poster's IP address as seen by the server; only its salted hash is stored. */
  ip: string;
  now?: Date;
  /** Where the articles come from (tests pass a folder of their own). */
  articles?: () => Promise<Article[]>;
  rateLimit?: { max: number; windowSeconds: number } | null;
  /**
   * Give the comment an edit secret (the form does, for the posting browser's cookie): its hash is
   * stored, the secret comes back once in `comment.editSecret`.
   */
  issueEditSecret?: boolean;
  /** Who is told of each new comment by e-mail (default NOTIFY_EMAIL_TO; null: nobody). */
  notifyAuthorTo?: string | null;
};

/**
 * Posts a reader's comment: validates it, checks every rule (article exists and is open, rate
 * limit, duplicate, reply target) and stores it, with the author's notification e-mail queued in
 * the outbox, in one transaction. The form's server action and
 * the JSON API both call this, so they cannot disagree.
 */
export async function postComment(slug: string, rawInput: unknown, context: PostContext): Promise<PostCommentResult> {
  const config = getConfig();
  const now = context.now ?? new Date();
  const rateLimit = context.rateLimit === undefined ? config.COMMENT_RATE_LIMIT : context.rateLimit;
  const notifyAuthorTo = context.notifyAuthorTo === undefined ? config.NOTIFY_EMAIL_TO : context.notifyAuthorTo;

  const article = (await (context.articles ?? listArticles)()).find((candidate) => candidate.slug === slug);
  if (!article) return failure('not-found', "Cet article n'existe pas.");

  if (typeof rawInput !== 'object' || rawInput === null || Array.isArray(rawInput)) {
    return failure('invalid', 'La requête doit être un objet JSON avec name, email, body (et website, parentId facultatifs).');
  }
  const parsed = commentInput.safeParse(rawInput);
  if (!parsed.success) {
    return failure('invalid', 'Le commentaire n’a pas été publié : corrigez les champs signalés.', fieldErrorsOf(parsed.error));
  }
  const input = parsed.data;
  if (input.homepage) return failure('invalid', 'Le commentaire n’a pas été publié.');

  const query: PostingQuery = {
    slug,
    ipHash: hashIp(context.ip, getIpHashSalt()),
    bodyHash: hashBody(input.body),
    email: input.email.toLowerCase(),
    parentId: input.parentId,
    now,
    rateLimit,
    article: { date: article.date, comments: article.comments },
    linkCount: countLinks(input.body),
  };
  const edit = context.issueEditSecret ? newEditSecret() : null;
  const comment: NewComment = { authorName: input.name, authorWebsite: input.website ?? null, body: input.body, editSecretHash: edit?.hash ?? null };
  const mail: PostingMail = {
    // Nothing to build nor insert per post when the author is not to be told.
    author: notifyAuthorTo ? authorNotification(article, notifyAuthorTo, config.SITE_URL) : null,
    subscribers: subscriberNotification(article),
  };

  try {
    const target = targetOf(context.db);
    const outcome =
      target.provider === 'sqlite'
        ? await postOnSqlite(context.db, sqliteConnection(target.file), query, comment, mail)
        : await postOnPostgresql(context.db, query, comment, mail);
    if ('ok' in outcome) return outcome;
    const scopes: SubscriptionScope[] = [...(input.notifyReplies ? (['replies'] as const) : []), ...(input.notifyArticle ? (['article'] as const) : [])];
    const subscribing = scopes.length > 0 ? await askToSubscribe(context.db, { email: outcome.authorEmail, article, threadId: outcome.parentId ?? outcome.id, scopes }, now) : 'none';
    if (mail.author || outcome.status === 'published' || subscribing === 'asked') wakeOutboxSenders();
    const message = outcome.heldBecause ? HELD_MESSAGES[outcome.heldBecause] : PUBLISHED_MESSAGE;
    const stored = edit ? { ...outcome, editSecret: edit.secret } : outcome;
    return { ok: true, comment: stored, message: subscribing === 'none' ? message : `${message} ${SUBSCRIPTION_MESSAGE[subscribing]}` };
  } catch (error) {
    console.error('postComment failed', error);
    return failure('failed', 'Votre commentaire n’a pas pu être enregistré. Réessayez dans un instant.');
  }
}

const SUBSCRIPTION_MESSAGE = {
  asked: 'Un e-mail vous a été envoyé pour confirmer votre abonnement.',
  subscribed: 'Votre adresse est déjà confirmée : vous serez prévenu(e) par e-mail.',
} as const;

/** The comment is stored: a subscription that cannot be recorded is logged, never the comment's failure. */
async function askToSubscribe(db: Database, request: SubscriptionRequest, now: Date): Promise<SubscriptionRequestOutcome> {
  try {
    return await requestSubscriptions(db, request, { siteUrl: getConfig().SITE_URL, secret: getSubscriptionSecret(), now });
  } catch (error) {
    console.error('requestSubscriptions failed', error);
    return 'none';
  }
}
