import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SITE_NAME } from '@/lib/book';
import { getConfig } from '@/lib/config';
import { getArticle } from '@/lib/content/articles';
import { getCommentThread } from '@/lib/comments/queries';
import { commentsFeedPath, commentsFeedTitle, feedAlternates } from '@/lib/feeds/links';
import { blogPostingJsonLd } from '@/lib/structured-data/blog-posting';
import { ArticleView } from '@/components/articles/article-view';
import { ShareLinks } from '@/components/articles/share-links';
import { CommentSection } from '@/components/comments/comment-section';
import { JsonLd } from '@/components/seo/json-ld';

type Props = { params: Promise<{ slug: string }> };

// No page is rendered by the build (which has no database): each renders at its first request,
// then is served from the cache until a write to its comments (lib/cache/cache-handler.cjs).
export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  if (!article) return {};
  const url = `/articles/${article.slug}`;
  return {
    title: article.title,
    description: article.description,
    alternates: {
      canonical: url,
      types: feedAlternates({ url: commentsFeedPath(article.slug), title: commentsFeedTitle(article.title) }),
    },
    authors: [{ name: article.author }],
    openGraph: {
      type: 'article',
      url,
      siteName: SITE_NAME,
      title: article.title,
      description: article.description,
      publishedTime: article.date.toISOString(),
      authors: [article.author],
      locale: 'fr_FR',
    },
    twitter: { card: 'summary_large_image', title: article.title, description: article.description },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  const thread = await getCommentThread(article);
  const site = getConfig().SITE_URL;
  return (
    <div className="page">
      <JsonLd data={blogPostingJsonLd(article, thread.comments, site)} />
      <ArticleView article={article} />
      <ShareLinks url={`${site}/articles/${article.slug}`} title={article.title} description={article.description} />
      <CommentSection slug={article.slug} thread={thread} />
    </div>
  );
}
