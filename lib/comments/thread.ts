import type { Database } from '@/lib/db/client';
import type { Article } from '@/lib/content/load-articles';
import { readSettings } from '@/lib/settings';
import { automaticClosingDate, defaultArticleState, isCommentingOpen } from './article-state';

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

export type ThreadArticle = Pick<Article, 'slug' | 'comments' | 'date'>;

/** Reads an article's published thread and comment state from the database (uncached). */
export async function readCommentThread(db: Pick<Database, 'article' | 'comment' | 'siteSettings'>, slug: string, frontMatterComments: Article['comments'], publishedAt: string): Promise<CommentThread> {
  const [state, rows, settings] = await Promise.all([
    db.article.findUnique({ where: { slug }, select: { commentsOpen: true, closesAt: true } }),
    db.comment.findMany({
      where: { articleSlug: slug, status: 'published' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, parentId: true, authorName: true, authorWebsite: true, body: true, isAuthor: true, createdAt: true },
    }),
    readSettings(db),
  ]);
  const rules = { publishedAt: new Date(publishedAt), closeAfterDays: settings.closeAfterDays };
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
  const closing = automaticClosingDate(effective, rules);
  return {
    isOpen: isCommentingOpen(effective, now, rules),
    closesAt: closing && closing > now ? closing.toISOString() : null,
    count: rows.length,
    comments: roots,
  };
}

