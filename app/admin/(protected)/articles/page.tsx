import type { Metadata } from 'next';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { listAllArticles } from '@/lib/content/articles';
import { publicationState } from '@/lib/content/load-articles';
import { listArticleOverviews } from '@/lib/admin/articles';
import { ArticlePublicationTable } from '@/components/admin/article-publication-table';

export const metadata: Metadata = { title: 'Articles' };

/** Every article, drafts and scheduled ones included: the author's view of what readers will see, and when. */
export default async function AdminArticles() {
  await requireAuthor();
  const articles = await listAllArticles();
  const now = new Date();
  const overviews = await listArticleOverviews(db, articles, now);
  const rows = overviews.map((overview, index) => {
    const article = articles[index]!;
    return { ...overview, publishAt: article.publishAt, state: publicationState(article, now) };
  });
  return (
    <>
      <h1>Articles</h1>
      <p>
        Un article est un fichier Markdown de <code>content/</code>. Avec <code>draft: true</code> il reste un brouillon ; avec une date
        et une heure à venir (<code>date: 2027-01-15T09:00</code>, heure de Paris), il paraît seul à cet instant, sans nouvelle
        construction ni redémarrage.
      </p>
      <ArticlePublicationTable rows={rows} />
    </>
  );
}
