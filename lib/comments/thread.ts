import type { Article } from '@/lib/content/load-articles';

/** What a reader may see of a comment: no e-mail, no IP hash. Dates as ISO strings (cache-safe). */
export type PublicComment = {
  id: number;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  isAuthor: boolean;
  createdAt: string;
  /** When its text last changed (its writer or the author), if ever. */
  editedAt: string | null;
  replies: PublicComment[];
};

export type ThreadArticle = Pick<Article, 'slug' | 'comments' | 'date'>;
