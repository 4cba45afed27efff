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

/**
 * A thread as stored in the cache: nothing in it depends on the clock, so it stays true until a
 * write expires it. threadAsOf() turns it into what a reader sees at a given moment.
 */
export type StoredThread = {
  /** Open unless closed by hand (or by the front matter). */
  commentsOpen: boolean;
  /** When comments close by themselves, past or to come (ISO): the schedule or the age limit. */
  closing: string | null;
  count: number;
  comments: PublicComment[];
};

export type ThreadArticle = Pick<Article, 'slug' | 'comments' | 'date'>;

/** The thread as a reader sees it at `now`: open or closed, and the closing still to come. */
export function threadAsOf({ commentsOpen, closing, count, comments }: StoredThread, now: Date): CommentThread {
  // `closing` already combines the schedule and the age limit.
  const isOpen = isCommentingOpen({ commentsOpen, closesAt: closing === null ? null : new Date(closing) }, now);
  return { isOpen, closesAt: isOpen ? closing : null, count, comments };
}

/** Reads an article's published thread and comment state from the database (uncached), as of now. */
export async function readCommentThread(...args: Parameters<typeof readStoredThread>): Promise<CommentThread> {
  return threadAsOf(await readStoredThread(...args), new Date());
}

/** Reads an article's published thread and comment state from the database (uncached). */
export async function readStoredThread(db: Pick<Database, 'article' | 'comment' | 'siteSettings'>, slug: string, frontMatterComments: Article['comments'], publishedAt: string): Promise<StoredThread> {
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
  return {
    commentsOpen: effective.commentsOpen,
    closing: automaticClosingDate(effective, rules)?.toISOString() ?? null,
    count: rows.length,
    comments: roots,
  };
}

