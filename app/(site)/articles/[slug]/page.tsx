import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getArticle, listArticleSlugs } from '@/lib/content/articles';
import { getCommentThread } from '@/lib/comments/queries';
import { ArticleView } from '@/components/articles/article-view';
import { CommentSection } from '@/components/comments/comment-section';

type Props = { params: Promise<{ slug: string }> };

// Every article is known at build time: any other slug is a 404.
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listArticleSlugs()).map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  if (!article) return {};
  const url = `/articles/${article.slug}`;
  return {
    title: article.title,
    description: article.description,
    alternates: { canonical: url },
    authors: [{ name: article.author }],
    openGraph: {
      type: 'article',
      url,
      title: article.title,
      description: article.description,
      publishedTime: article.date.toISOString(),
      authors: [article.author],
      locale: 'fr_FR',
    },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  const thread = await getCommentThread(article);
  return (
    <div className="page">
      <ArticleView article={article} />
      <CommentSection slug={article.slug} thread={thread} />
    </div>
  );
}
