import { createHash } from 'node:crypto';
import { htmlToPlainText } from '../html-to-plain-text';
import { ImportError } from '../import-error';
import type { ImportEvent, SourcePost } from '../source-records';
import { MAX_FIELD_LENGTH, splitLines, type TextChunk } from '../source-text';

const SECTION_END = '-----';
const ENTRY_END = '--------';
const COMMENT_FIELD = /^(AUTHOR|EMAIL|URL|IP|DATE):\s?(.*)$/;
const HEADER_FIELD = /^([A-Z][A-Z ]*):\s?(.*)$/;
const SECTION_START = /^[A-Z][A-Z ]*:$/;
/** An entry's header has a dozen known keys: past this many, the rest are not kept. */
const MAX_HEADER_FIELDS = 64;

/** `MM/DD/YYYY hh:mm:ss AM|PM` (or on 24 hours), read as UTC: the format carries no time zone. */
export function movableTypeDate(value: string, line: number): Date {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i.exec(value.trim());
  if (!match) throw new ImportError(line, `date illisible « ${value.slice(0, 40)} » (MM/JJ/AAAA hh:mm:ss AM|PM attendu)`);
  const [, month, day, year, hours, minutes, seconds, half] = match;
  let hour = Number(hours);
  if (half) hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(minutes), Number(seconds ?? 0)));
  if (date.getUTCDate() !== Number(day) || hour > 23) throw new ImportError(line, `date impossible « ${value.slice(0, 40)} »`);
  return date;
}

type Comment = { fields: Map<string, string>; body: string[]; length: number; isBody: boolean; line: number };

/**
 * Movable Type and TypePad's export: entries of `KEY: value` lines, sections between `-----`, entries
 * between `--------`; each `COMMENT:` section has its AUTHOR, EMAIL, URL, IP and DATE lines, then its
 * text. Comments have no id in this format: theirs is a hash of the entry, date, author and text,
 * the same on every import of the same file.
 */
export async function* parseMovableType(chunks: AsyncIterable<TextChunk>): AsyncGenerator<ImportEvent> {
  let header = new Map<string, string>();
  let isHeader = true;
  let post: SourcePost | null = null;
  let section: string | null = null;
  let comment: Comment | null = null;

  const postOf = (): SourcePost => {
    const allow = header.get('ALLOW COMMENTS');
    const title = header.get('TITLE') || null;
    const slug = header.get('BASENAME') || null;
    return {
      key: slug ?? `${title ?? ''} ${header.get('DATE') ?? ''}`.trim(),
      slug,
      url: null,
      title,
      state: allow === '1' ? { commentsOpen: true } : allow === '0' || allow === '2' ? { commentsOpen: false } : null,
    };
  };

  const finishComment = (current: Comment): ImportEvent => {
    const { fields } = current;
    const postKey = post?.key ?? '';
    const body = current.body.join('\n').trim();
    const date = fields.get('DATE') ?? '';
    if (!date) throw new ImportError(current.line, 'commentaire sans date (DATE:)');
    const id = createHash('sha256').update([postKey, date, fields.get('AUTHOR') ?? '', body].join('\n')).digest('hex').slice(0, 32);
    return {
      kind: 'comment',
      comment: {
        postKey,
        id,
        parentId: null,
        authorName: fields.get('AUTHOR') ?? '',
        authorEmail: fields.get('EMAIL') || null,
        authorWebsite: fields.get('URL') || null,
        body: htmlToPlainText(body),
        status: 'published',
        createdAt: movableTypeDate(date, current.line),
        editedAt: null,
        ip: fields.get('IP') || null,
        isAuthor: false,
        origin: null,
      },
    };
  };

  for await (const { text, line } of splitLines(chunks)) {
    if (text === ENTRY_END) {
      if (comment) yield finishComment(comment);
      [header, isHeader, post, section, comment] = [new Map(), true, null, null, null];
      continue;
    }
    if (isHeader) {
      if (text === SECTION_END) isHeader = false;
      else {
        const field = HEADER_FIELD.exec(text);
        // The entry's own date comes first; a later DATE belongs to something else.
        if (field?.[1] && !header.has(field[1]) && header.size < MAX_HEADER_FIELDS) header.set(field[1], field[2]?.trim() ?? '');
      }
      continue;
    }
    if (section === null) {
      if (!SECTION_START.test(text)) continue;
      section = text.slice(0, -1);
      if (section === 'COMMENT') {
        if (!post) {
          post = postOf();
          yield { kind: 'post', post };
        }
        comment = { fields: new Map(), body: [], length: 0, isBody: false, line };
      }
      continue;
    }
    if (text === SECTION_END) {
      if (comment) yield finishComment(comment);
      [section, comment] = [null, null];
      continue;
    }
    if (!comment) continue;
    const field = comment.isBody ? null : COMMENT_FIELD.exec(text);
    if (field?.[1]) comment.fields.set(field[1], field[2]?.trim() ?? '');
    else {
      comment.isBody = true;
      comment.length += text.length + 1;
      if (comment.length > MAX_FIELD_LENGTH) throw new ImportError(line, `commentaire trop long (plus de ${MAX_FIELD_LENGTH.toLocaleString('fr-FR')} caractères)`);
      comment.body.push(text);
    }
  }
  if (comment) yield finishComment(comment);
}
