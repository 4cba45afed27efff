export type ArticleState = { commentsOpen: boolean; closesAt: Date | null };

/** Site-wide rules that close comments too (WordPress's "close comments on posts older than"). */
export type ClosingRules = { publishedAt: Date; closeAfterDays: number | null };

/** When comments close by themselves, if ever: the scheduled date or the age limit, the earlier. */
export function automaticClosingDate(state: ArticleState, rules: ClosingRules): Date | null {
  const byAge = rules.closeAfterDays === null ? null : new Date(rules.publishedAt.getTime() + rules.closeAfterDays * 86_400_000);
  if (state.closesAt && byAge) return state.closesAt < byAge ? state.closesAt : byAge;
  return state.closesAt ?? byAge;
}

/** Open unless closed by hand, past its scheduled closing date, or older than the site's limit. */
export function isCommentingOpen(state: ArticleState, now: Date, rules?: ClosingRules): boolean {
  if (!state.commentsOpen) return false;
  const closing = rules ? automaticClosingDate(state, rules) : state.closesAt;
  return closing === null || closing > now;
}

/** The state of an article that has no row yet: what its front matter says. */
export function defaultArticleState(frontMatterComments: 'open' | 'closed'): ArticleState {
  return { commentsOpen: frontMatterComments === 'open', closesAt: null };
}
