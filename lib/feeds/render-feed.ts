import { Feed } from 'feed';
import { escapeHtml, toLibraryText } from './xml-text';

export type FeedFormat = 'rss' | 'atom';

/** One entry of a feed, before the format's quirks. HTML fields are already HTML. */
export type FeedEntry = {
  /** Plain text. */
  title: string;
  /** Absolute URL, also the entry's permanent id. */
  link: string;
  /** Publication date (RSS pubDate, Atom published and updated). */
  date: Date;
  authorName: string;
  /** Plain text summary. */
  summary?: string;
  contentHtml: string;
};

export type FeedChannel = {
  /** Plain text. */
  title: string;
  description: string;
  /** The page the feed is about (absolute). */
  link: string;
  /** The feed's own address (absolute): its self link and Atom id. */
  self: string;
  updated: Date;
  language: string;
  author?: { name: string; link?: string };
  image?: string;
};

/**
 * Writes a feed with the `feed` library. Titles and summaries are escaped (Atom declares them
 * `type="html"`, and escaping keeps `]]>` out of the library's CDATA sections). In RSS the author
 * goes in `dc:creator` (`<author>` must be an e-mail address, and readers' e-mails are never published).
 */
export function renderFeed(channel: FeedChannel, entries: FeedEntry[], format: FeedFormat): string {
  const feed = new Feed({
    id: channel.self,
    title: toLibraryText(channel.title),
    description: toLibraryText(channel.description),
    link: channel.link,
    language: channel.language,
    updated: channel.updated,
    generator: 'feed (https://github.com/jpmonette/feed)',
    feedLinks: format === 'rss' ? { rss: channel.self } : { atom: channel.self },
    author: channel.author ? { name: toLibraryText(channel.author.name), link: channel.author.link } : undefined,
    image: channel.image,
  });
  for (const entry of entries) {
    const authorName = toLibraryText(entry.authorName);
    feed.addItem({
      title: escapeHtml(entry.title),
      id: entry.link,
      link: entry.link,
      date: entry.date,
      published: entry.date,
      description: entry.summary === undefined ? undefined : escapeHtml(entry.summary),
      content: entry.contentHtml,
      ...(format === 'atom'
        ? { author: [{ name: authorName }] }
        : { extensions: [{ name: 'dc:creator', objects: { _text: authorName } }] }),
    });
  }
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

/** The HTTP answer for a feed. */
export function feedResponse(xml: string, format: FeedFormat): Response {
  return new Response(xml, { headers: { 'Content-Type': CONTENT_TYPES[format] } });
}
