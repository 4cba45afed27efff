import type { Article } from '@/lib/content/articles';
import { getConfig } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import type { ThreadPage } from '@/lib/comments/queries';
import { threadPagePath } from '@/lib/comments/paging';
import { blogPostingJsonLd } from '@/lib/structured-data/blog-posting';
import { CommentSection } from '@/components/comments/comment-section';
import { JsonLd } from '@/components/seo/json-ld';
import { ArticleView } from './article-view';
import { ShareLinks } from './share-links';

type Props = { article: Article; thread: ThreadPage };

/** An article with one page of its comments: every page keeps the text, so readers keep the context. */
export async function ArticlePage({ article, thread }: Props) {
  const site = getConfig().SITE_URL;
  const book = await getBook();
  const pagePath = threadPagePath(article.slug, thread)(thread.page);
  return (
    <div className="page">
      <JsonLd data={blogPostingJsonLd(article, thread.comments, { url: site, name: book.fullTitle }, { commentCount: thread.count, pagePath })} />
      <ArticleView article={article} />
      <ShareLinks url={`${site}/articles/${article.slug}`} title={article.title} description={article.description} />
      <CommentSection slug={article.slug} thread={thread} />
    </div>
  );
}
