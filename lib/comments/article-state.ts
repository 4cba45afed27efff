export type ArticleState = { commentsOpen: boolean; closesAt: Date | null };

/** Open unless closed by hand or past its scheduled closing date. */
export function isCommentingOpen(state: ArticleState, now: Date): boolean {
  return state.commentsOpen && (state.closesAt === null || state.closesAt > now);
}

/** The state of an article that has no row yet: what its front matter says. */
export function defaultArticleState(frontMatterComments: 'open' | 'closed'): ArticleState {
  return { commentsOpen: frontMatterComments === 'open', closesAt: null };
}
