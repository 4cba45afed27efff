import 'server-only';
import { unstable_cache } from 'next/cache';
import { db } from '@/lib/db';
import type { Article } from '@/lib/content/load-articles';
import { defaultArticleState, isCommentingOpen } from './article-state';
import { commentsTag } from './cache-tags';

/** What a reader may see of a comment: no e-mail, no IP hash. Dates as ISO strings (cache-safe). */
export type PublicComment = {
  id: number;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  isAuthor: boolean;
  createdAt: string;
  replies: PublicComment[];
};

export type CommentThread = {
  isOpen: boolean;
  /** Closing date still to come, if any (ISO). */
  closesAt: string | null;
  count: number;
  comments: PublicComment[];
};

type ThreadArticle = Pick<Article, 'slug' | 'comments'>;

async function readThread(slug: string, frontMatterComments: Article['comments']): Promise<CommentThread> {
  const [state, rows] = await Promise.all([
    db.article.findUnique({ where: { slug }, select: { commentsOpen: true, closesAt: true } }),
    db.comment.findMany({
      where: { articleSlug: slug, status: 'published' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, parentId: true, authorName: true, authorWebsite: true, body: true, isAuthor: true, createdAt: true },
    }),
  ]);
  const effective = state ?? defaultArticleState(frontMatterComments);
  const byId = new Map<number, PublicComment>();
  const roots: PublicComment[] = [];
  for (const row of rows) {
    const comment: PublicComment = {
      id: row.id,
      authorName: row.authorName,
      authorWebsite: row.authorWebsite,
      body: row.body,
      isAuthor: row.isAuthor,
      createdAt: row.createdAt.toISOString(),
      replies: [],
    };
    byId.set(row.id, comment);
    const parent = row.parentId === null ? undefined : byId.get(row.parentId);
    // A reply whose parent is hidden (pending, deleted) is shown at the top level rather than lost.
    (parent ? parent.replies : roots).push(comment);
  }
  const now = new Date();
  return {
    isOpen: isCommentingOpen(effective, now),
    closesAt: effective.closesAt && effective.closesAt > now ? effective.closesAt.toISOString() : null,
    count: rows.length,
    comments: roots,
  };
}

/**
 * The published comments of an article, oldest first, replies under their parent. Cached until a
 * write to that article invalidates its tag.
 */
export function getCommentThread(article: ThreadArticle): Promise<CommentThread> {
  return unstable_cache(readThread, ['comment-thread', article.slug], { tags: [commentsTag(article.slug)] })(
    article.slug,
    article.comments,
  );
}

/** Published comment count of each article, for the home page. */
export async function getCommentCounts(articles: ThreadArticle[]): Promise<Record<string, number>> {
  const counts = await Promise.all(articles.map(async (article) => [article.slug, (await getCommentThread(article)).count] as const));
  return Object.fromEntries(counts);
}
