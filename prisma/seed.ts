import type { Database } from '@/lib/db/client';
import type { Article } from '@/lib/content/load-articles';
import { hashBody } from '@/lib/fingerprint';
import { ANNOUNCEMENT_SLUG, announcementComments } from './seed-comments';

/** Stand-in for addresses the 2008 source does not give (`.invalid` can never be delivered). */
function placeholderEmail(name: string, index: number): string {
  const local = name.normalize('NFD').replace(/[^a-zA-Z]+/g, '.').replace(/^\.|\.$/g, '').toLowerCase();
  return `${local || 'lecteur'}.${index + 1}@commentaires.invalid`;
}

/**
 * Creates the comment state of every article that has none (its front matter's default) and, on a
 * database without comments, the announcement's reader comments. Running it again changes nothing.
 */
export async function seed(db: Database, articles: Article[]): Promise<{ articlesCreated: number; commentsCreated: number }> {
  let articlesCreated = 0;
  for (const article of articles) {
    const existing = await db.article.findUnique({ where: { slug: article.slug }, select: { slug: true } });
    if (existing) continue;
    const isOpen = article.comments === 'open';
    await db.article.create({
      data: { slug: article.slug, commentsOpen: isOpen, closedAt: isOpen ? null : new Date(), closedBy: isOpen ? null : 'import' },
    });
    articlesCreated += 1;
  }

  let commentsCreated = 0;
  const hasAnnouncement = articles.some((article) => article.slug === ANNOUNCEMENT_SLUG);
  if (hasAnnouncement && (await db.comment.count()) === 0) {
    await db.comment.createMany({
      data: announcementComments.map((comment, index) => ({
        articleSlug: ANNOUNCEMENT_SLUG,
        authorName: comment.authorName,
        authorEmail: placeholderEmail(comment.authorName, index),
        body: comment.body,
        status: 'published',
        ipHash: 'import',
        bodyHash: hashBody(comment.body),
        createdAt: new Date(comment.createdAt),
      })),
    });
    commentsCreated = announcementComments.length;
  }
  return { articlesCreated, commentsCreated };
}
