import { htmlToPlainText } from '../html-to-plain-text';
import { ImportError } from '../import-error';
import type { ImportEvent } from '../source-records';
import type { TextChunk } from '../source-text';
import { readXml } from '../xml-reader';

const THREAD_FIELDS = new Set(['id', 'link', 'title', 'forum', 'isClosed']);
const POST_FIELDS = new Set(['message', 'createdAt', 'isDeleted', 'isSpam', 'ipAddress']);
const AUTHOR_FIELDS = new Set(['name', 'email']);

type Element = { id: string; fields: Map<string, string>; thread: string | null; parent: string | null };

/**
 * Disqus's XML export: threads (one per page of the old site: address, identifier, title), then
 * every post with its thread and parent. Deleted posts are left out; spam stays spam.
 */
export function parseDisqus(chunks: AsyncIterable<TextChunk>): AsyncGenerator<ImportEvent> {
  let current: { kind: 'thread' | 'post'; element: Element } | null = null;
  let child: string | null = null;
  let isSourceSent = false;

  return readXml<ImportEvent>(chunks, {
    open(name, attributes, depth, { line }) {
      if (depth === 2 && (name === 'thread' || name === 'post')) {
        const id = attributes['dsq:id'];
        if (!id) throw new ImportError(line(), `<${name}> sans attribut dsq:id`);
        current = { kind: name, element: { id, fields: new Map(), thread: null, parent: null } };
        return false;
      }
      if (!current) return false;
      if (depth === 3) {
        child = name;
        if (current.kind === 'thread') return THREAD_FIELDS.has(name);
        if (name === 'thread') current.element.thread = attributes['dsq:id'] ?? null;
        if (name === 'parent') current.element.parent = attributes['dsq:id'] ?? null;
        return POST_FIELDS.has(name);
      }
      return depth === 4 && current.kind === 'post' && child === 'author' && AUTHOR_FIELDS.has(name);
    },
    close(name, text, depth, { emit, line }) {
      if (!current) return;
      if (text !== null) current.element.fields.set(depth === 4 ? `author.${name}` : name, text.trim());
      if (depth !== 2) return;
      const { kind, element } = current;
      const { fields } = element;
      current = null;
      if (kind === 'thread') {
        if (!isSourceSent && fields.get('forum')) emit({ kind: 'source', source: `disqus:${fields.get('forum')}` });
        isSourceSent = true;
        emit({
          kind: 'post',
          post: {
            key: element.id,
            slug: fields.get('id') || null,
            url: fields.get('link') || null,
            title: fields.get('title') || null,
            state: fields.get('isClosed') === 'true' ? { commentsOpen: false } : null,
          },
        });
        return;
      }
      if (!element.thread) throw new ImportError(line(), `message ${element.id} sans fil (<thread dsq:id>)`);
      if (fields.get('isDeleted') === 'true') {
        emit({ kind: 'skipped', postKey: element.thread });
        return;
      }
      const createdAt = new Date(fields.get('createdAt') ?? '');
      if (Number.isNaN(createdAt.getTime())) throw new ImportError(line(), `message ${element.id} : date illisible (<createdAt>)`);
      emit({
        kind: 'comment',
        comment: {
          postKey: element.thread,
          id: element.id,
          parentId: element.parent,
          authorName: fields.get('author.name') ?? '',
          authorEmail: fields.get('author.email') ?? null,
          authorWebsite: null,
          body: htmlToPlainText(fields.get('message') ?? ''),
          status: fields.get('isSpam') === 'true' ? 'spam' : 'published',
          createdAt,
          editedAt: null,
          ip: fields.get('ipAddress') || null,
          isAuthor: false,
          origin: null,
        },
      });
    },
  });
}
