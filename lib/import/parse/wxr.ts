import { htmlToPlainText } from '../html-to-plain-text';
import { ImportError } from '../import-error';
import type { CommentStatus, ImportEvent, SourcePost } from '../source-records';
import type { TextChunk } from '../source-text';
import { readXml } from '../xml-reader';

const POST_FIELDS = new Set(['title', 'link', 'wp:post_id', 'wp:post_name', 'wp:comment_status', 'wp:post_type']);
// What an item without comments may be to carry its open or closed state; not an attachment, a menu item or a revision.
const ARTICLE_TYPES = new Set(['post', 'page', '']);
const COMMENT_FIELDS = new Set([
  'wp:comment_id',
  'wp:comment_author',
  'wp:comment_author_email',
  'wp:comment_author_url',
  'wp:comment_author_IP',
  'wp:comment_date',
  'wp:comment_date_gmt',
  'wp:comment_content',
  'wp:comment_approved',
  'wp:comment_type',
  'wp:comment_parent',
]);

// wp:comment_approved; a comment in the trash is left out.
const STATUSES: Record<string, CommentStatus> = { '1': 'published', '0': 'pending', spam: 'spam' };

/** WordPress writes dates as `2008-05-01 10:00:00`; the `_gmt` ones are in UTC (zero when unknown). */
function wordpressDate(fields: Map<string, string>, line: number): Date {
  for (const name of ['wp:comment_date_gmt', 'wp:comment_date']) {
    const value = fields.get(name)?.trim() ?? '';
    if (!value || value.startsWith('0000')) continue;
    const date = new Date(`${value.replace(' ', 'T')}Z`);
    if (!Number.isNaN(date.getTime())) return date;
    throw new ImportError(line, `date de commentaire illisible : « ${value.slice(0, 40)} »`);
  }
  throw new ImportError(line, 'commentaire sans date (wp:comment_date_gmt)');
}

/**
 * WordPress eXtended RSS (Outils → Exporter): each item's comments, with the item's slug, address,
 * title and whether its comments are open (an item without comments too: a post closed at the
 * source closes its article). Pingbacks, trackbacks and the trash are left out.
 */
export function parseWxr(chunks: AsyncIterable<TextChunk>): AsyncGenerator<ImportEvent> {
  let itemDepth = 0;
  let post: Map<string, string> | null = null;
  let isPostSent = false;
  let comment: Map<string, string> | null = null;

  const postOf = (fields: Map<string, string>): SourcePost => {
    const status = fields.get('wp:comment_status')?.trim();
    return {
      key: fields.get('wp:post_id')?.trim() || fields.get('link')?.trim() || fields.get('title')?.trim() || '?',
      slug: fields.get('wp:post_name')?.trim() || null,
      url: fields.get('link')?.trim() || null,
      title: fields.get('title')?.trim() || null,
      state: status === 'open' || status === 'closed' ? { commentsOpen: status === 'open' } : null,
    };
  };

  return readXml<ImportEvent>(chunks, {
    open(name, _attributes, depth, { emit }) {
      if (name === 'item') {
        [itemDepth, post, isPostSent] = [depth, new Map(), false];
        return false;
      }
      if (name === 'wp:comment' && post) {
        if (!isPostSent) emit({ kind: 'post', post: postOf(post) });
        [comment, isPostSent] = [new Map(), true];
        return false;
      }
      if (comment) return COMMENT_FIELDS.has(name);
      if (post) return depth === itemDepth + 1 && POST_FIELDS.has(name);
      // The site's own address, on the channel: the source of its comments.
      return name === 'link' && depth === 3;
    },
    close(name, text, depth, { emit, line }) {
      if (name === 'link' && depth === 3 && text !== null && !post) emit({ kind: 'source', source: `wxr:${text.trim()}` });
      else if (name === 'wp:comment' && comment && post) {
        const fields = comment;
        comment = null;
        const postKey = postOf(post).key;
        const type = fields.get('wp:comment_type')?.trim() ?? '';
        const status = STATUSES[fields.get('wp:comment_approved')?.trim() ?? ''];
        if ((type !== '' && type !== 'comment') || !status) {
          emit({ kind: 'skipped', postKey });
          return;
        }
        const id = fields.get('wp:comment_id')?.trim();
        if (!id) throw new ImportError(line(), 'commentaire sans identifiant (wp:comment_id)');
        const parent = fields.get('wp:comment_parent')?.trim();
        emit({
          kind: 'comment',
          comment: {
            postKey,
            id,
            parentId: parent && parent !== '0' ? parent : null,
            authorName: fields.get('wp:comment_author') ?? '',
            authorEmail: fields.get('wp:comment_author_email') ?? null,
            authorWebsite: fields.get('wp:comment_author_url') ?? null,
            body: htmlToPlainText(fields.get('wp:comment_content') ?? ''),
            status,
            createdAt: wordpressDate(fields, line()),
            editedAt: null,
            ip: fields.get('wp:comment_author_IP')?.trim() || null,
            isAuthor: false,
            origin: null,
          },
        });
      } else if (name === 'item') {
        const type = post?.get('wp:post_type')?.trim() ?? '';
        if (post && !isPostSent && post.has('wp:comment_status') && ARTICLE_TYPES.has(type)) emit({ kind: 'post', post: postOf(post) });
        post = null;
      }
      else if (text !== null) (comment ?? post)?.set(name, text);
    },
  });
}
