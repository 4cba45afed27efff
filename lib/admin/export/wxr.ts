import type { Database } from '@/lib/db/client';
import type { Article } from '@/lib/content/load-articles';
import { defaultArticleState, isCommentingOpen } from '@/lib/comments/article-state';
import { escapeHtml, toXmlText } from '@/lib/feeds/xml-text';
import { readSettings } from '@/lib/settings';
import { pullStream } from '@/lib/http/pull-stream';
import { CHUNK_SIZE, readCommentsForExport, type ExportRow } from './csv-json';

type Client = Pick<Database, 'comment' | 'article' | 'siteSettings' | '$queryRawUnsafe' | '$executeRawUnsafe'>;
export type WxrArticle = Pick<Article, 'slug' | 'title' | 'date' | 'author' | 'description' | 'html' | 'comments'>;
export type WxrSite = { title: string; url: string; description: string };

/** As WordPress writes them: CDATA, split where the text itself holds its end marker. */
function cdata(text: string): string {
  return `<![CDATA[${toXmlText(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** WordPress's date format, in UTC (the export gives the same date as local and GMT time). */
function wordpressDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

// The site's statuses as wp:comment_approved; WordPress has a trash where ours has « deleted ».
const APPROVED: Record<string, string> = { published: '1', pending: '0', spam: 'spam', deleted: 'trash' };

function commentXml(row: ExportRow): string {
  return `
		<wp:comment>
			<wp:comment_id>${row.id}</wp:comment_id>
			<wp:comment_author>${cdata(row.authorName)}</wp:comment_author>
			<wp:comment_author_email>${cdata(row.authorEmail)}</wp:comment_author_email>
			<wp:comment_author_url>${cdata(row.authorWebsite ?? '')}</wp:comment_author_url>
			<wp:comment_author_IP>${cdata('')}</wp:comment_author_IP>
			<wp:comment_date>${cdata(wordpressDate(new Date(row.createdAt)))}</wp:comment_date>
			<wp:comment_date_gmt>${cdata(wordpressDate(new Date(row.createdAt)))}</wp:comment_date_gmt>
			<wp:comment_content>${cdata(escapeHtml(row.body))}</wp:comment_content>
			<wp:comment_approved>${cdata(APPROVED[row.status] ?? '0')}</wp:comment_approved>
			<wp:comment_type>${cdata('comment')}</wp:comment_type>
			<wp:comment_parent>${row.parentId ?? 0}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>`;
}

/**
 * The site as a WordPress eXtended RSS file (WXR 1.2), for an author who moves to WordPress (Outils
 * → Importer → WordPress): each article with its text and whether its comments are open, and its
 * comments, read by batches. Texts are plain, so they are escaped as HTML. Addresses are never
 * exported: the site keeps only their hashes.
 */
export async function* wxrExportChunks(db: Client, articles: WxrArticle[], site: WxrSite, now = new Date()): AsyncGenerator<string> {
  const settings = await readSettings(db);
  const states = await db.article.findMany({ select: { slug: true, commentsOpen: true, closesAt: true } });
  let chunk = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>${cdata(site.title)}</title>
	<link>${escapeHtml(site.url)}</link>
	<description>${cdata(site.description)}</description>
	<pubDate>${now.toUTCString()}</pubDate>
	<language>fr-FR</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${escapeHtml(site.url)}</wp:base_site_url>
	<wp:base_blog_url>${escapeHtml(site.url)}</wp:base_blog_url>
`;
  for (const [index, article] of articles.entries()) {
    const state = states.find((row) => row.slug === article.slug) ?? defaultArticleState(article.comments);
    const isOpen = isCommentingOpen(state, now, { publishedAt: article.date, closeAfterDays: settings.closeAfterDays });
    const link = `${site.url}/articles/${article.slug}`;
    chunk += `
	<item>
		<title>${cdata(article.title)}</title>
		<link>${escapeHtml(link)}</link>
		<pubDate>${article.date.toUTCString()}</pubDate>
		<dc:creator>${cdata(article.author)}</dc:creator>
		<guid isPermaLink="true">${escapeHtml(link)}</guid>
		<description></description>
		<content:encoded>${cdata(article.html)}</content:encoded>
		<excerpt:encoded>${cdata(article.description)}</excerpt:encoded>
		<wp:post_id>${index + 1}</wp:post_id>
		<wp:post_date>${cdata(wordpressDate(article.date))}</wp:post_date>
		<wp:post_date_gmt>${cdata(wordpressDate(article.date))}</wp:post_date_gmt>
		<wp:comment_status>${cdata(isOpen ? 'open' : 'closed')}</wp:comment_status>
		<wp:ping_status>${cdata('closed')}</wp:ping_status>
		<wp:post_name>${cdata(article.slug)}</wp:post_name>
		<wp:status>${cdata('publish')}</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>${cdata('post')}</wp:post_type>
		<wp:post_password>${cdata('')}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>`;
    for await (const batch of readCommentsForExport(db, article.slug)) {
      for (const row of batch) {
        chunk += commentXml(row);
        if (chunk.length >= CHUNK_SIZE) {
          yield chunk;
          chunk = '';
        }
      }
    }
    chunk += '\n\t</item>\n';
  }
  yield `${chunk}</channel>\n</rss>\n`;
}

/** The WXR export as a download, produced as fast as it is read. */
export function streamWxrExport(db: Client, articles: WxrArticle[], site: WxrSite): ReadableStream<Uint8Array> {
  return pullStream(wxrExportChunks(db, articles, site), 'Export WordPress');
}
