import type { SiteSettings } from '@/lib/settings';
import { defaultArticleState, isCommentingOpen, type ArticleState } from '../article-state';
import { CLOSED_MESSAGE } from '../messages';
import { failure, type HeldReason, type PostFailure } from './result';

/** What the database says at the moment of posting, read inside the posting transaction. */
export type PostingFacts = {
  /** null: the article has no row yet (its front matter decides). */
  articleState: ArticleState | null;
  settings: SiteSettings;
  /** This address's comments inside the rate-limit window (counted up to `max`), and the oldest of those. */
  recentCount: number;
  oldestRecent: Date | null;
  isDuplicate: boolean;
  /** The comment replied to, when it is a published comment of this article. */
  parent: { id: number; parentId: number | null } | null;
  /** Whether this e-mail address already has a published comment (asked only in hold-first mode). */
  authorHasPublished: boolean;
};

/** What a store must look up, and what the rules need besides the facts. */
export type PostingQuery = {
  slug: string;
  ipHash: string;
  bodyHash: string;
  email: string;
  parentId: number | undefined;
  now: Date;
  rateLimit: { max: number; windowSeconds: number } | null;
  article: { date: Date; comments: 'open' | 'closed' };
  /** Links in the comment's text (auto-linked addresses). */
  linkCount: number;
};

/** Comments with this many links or more wait for the author's review. */
export const LINKS_HELD_FOR_MODERATION = 2;

/** A held comment's status with its reason; a published one has none. */
type PostingStatus = { status: 'published'; heldBecause: null } | { status: 'pending'; heldBecause: HeldReason };

export type PostingDecision = ({ ok: true; parentId: number | null } & PostingStatus) | PostFailure;

export const rateLimitWindowStart = (query: PostingQuery): Date | null =>
  query.rateLimit ? new Date(query.now.getTime() - query.rateLimit.windowSeconds * 1000) : null;

/** The hold-first mode is the only rule that needs the author's history (a store may skip asking). */
export const needsAuthorHistory = (settings: SiteSettings): boolean => settings.moderation === 'hold-first';

/** Every posting rule, in one place, for every store: open, rate limit, duplicate, reply target, moderation. */
export function decidePosting(query: PostingQuery, facts: PostingFacts): PostingDecision {
  const state = facts.articleState ?? defaultArticleState(query.article.comments);
  if (!isCommentingOpen(state, query.now, { publishedAt: query.article.date, closeAfterDays: facts.settings.closeAfterDays })) {
    return failure('closed', CLOSED_MESSAGE);
  }

  const oldest = facts.oldestRecent;
  if (query.rateLimit && oldest && facts.recentCount >= query.rateLimit.max) {
    const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + query.rateLimit.windowSeconds * 1000 - query.now.getTime()) / 1000));
    return failure('rate-limited', `Vous commentez trop vite : réessayez dans ${retryAfter} seconde${retryAfter > 1 ? 's' : ''}.`, {}, retryAfter);
  }

  if (facts.isDuplicate) {
    return failure('duplicate', 'Vous avez déjà publié ce commentaire sur cet article.', { body: 'Ce commentaire a déjà été envoyé.' });
  }

  let parentId: number | null = null;
  if (query.parentId !== undefined) {
    if (!facts.parent) {
      const message = 'Le commentaire auquel vous répondez n’existe pas.';
      return failure('invalid', message, { parentId: message });
    }
    // One level of replies: a reply to a reply joins its thread.
    parentId = facts.parent.parentId ?? facts.parent.id;
  }

  return { ok: true, parentId, ...moderationOf(query, facts) };
}

/**
 * Held or published, and why. When several reasons apply, the writer is told the one that
 * matters: with everything held, the links change nothing; links hold even a regular's comment.
 */
function moderationOf(query: PostingQuery, facts: PostingFacts): PostingStatus {
  if (facts.settings.moderation === 'hold-all') return { status: 'pending', heldBecause: 'all' };
  if (query.linkCount >= LINKS_HELD_FOR_MODERATION) return { status: 'pending', heldBecause: 'links' };
  if (needsAuthorHistory(facts.settings) && !facts.authorHasPublished) return { status: 'pending', heldBecause: 'first-comment' };
  return { status: 'published', heldBecause: null };
}
