import { formatDateTime } from '@/lib/format-date';
import { splitLinks } from './links';
import type { PublicComment } from './thread';
import type { PageComment } from './thread-page';

/** A line of a comment's text: plain strings, and web links found in it. */
export type DisplayLine = (string | { href: string; text: string })[];

/**
 * A comment as the page shows it, worked out on the server: the date in Paris time and the text cut
 * into paragraphs, lines and links, so that no client island needs the text-splitting code (a held
 * comment is rendered in the browser). What most comments lack (a website, the author's badge,
 * replies) is left out rather than sent empty.
 */
export type DisplayComment = {
  id: number;
  authorName: string;
  authorWebsite?: string;
  isAuthor?: true;
  createdAt: string;
  dateText: string;
  /** Its text changed after it was posted: the page says « modifié ». */
  isEdited?: true;
  paragraphs: DisplayLine[][];
};

export type DisplayThreadComment = DisplayComment & { replies?: DisplayComment[]; hiddenReplies?: number };

/** Paragraphs split on blank lines, lines on line breaks, links as linkify-it finds them. Never parsed as HTML. */
function bodyParagraphs(body: string): DisplayLine[][] {
  return body
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => paragraph.split('\n').map((line) => splitLinks(line).map((part) => (part.kind === 'link' ? { href: part.href, text: part.text } : part.text))));
}

export function toDisplayComment(comment: Omit<PublicComment, 'replies'>): DisplayComment {
  return {
    id: comment.id,
    authorName: comment.authorName,
    ...(comment.authorWebsite ? { authorWebsite: comment.authorWebsite } : {}),
    ...(comment.isAuthor ? { isAuthor: true as const } : {}),
    createdAt: comment.createdAt,
    dateText: formatDateTime(new Date(comment.createdAt)),
    ...(comment.editedAt !== null ? { isEdited: true as const } : {}),
    paragraphs: bodyParagraphs(comment.body),
  };
}

export function toDisplayThread(comments: (PublicComment & Partial<Pick<PageComment, 'hiddenReplies'>>)[]): DisplayThreadComment[] {
  return comments.map((comment) => ({
    ...toDisplayComment(comment),
    ...(comment.replies.length > 0 ? { replies: comment.replies.map(toDisplayComment) } : {}),
    ...(comment.hiddenReplies ? { hiddenReplies: comment.hiddenReplies } : {}),
  }));
}
