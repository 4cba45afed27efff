import LinkifyIt from 'linkify-it';

const linkify = new LinkifyIt();
// Only web links: no mailto:, ftp:, or fuzzy e-mail addresses are turned into links.
linkify.set({ fuzzyEmail: false });

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Splits plain text into text and http(s) links. Nothing in the text is ever treated as HTML. */
export function splitLinks(text: string): TextPart[] {
  const matches = linkify.match(text) ?? [];
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const match of matches) {
    if (!/^https?:\/\//i.test(match.url)) continue;
    if (match.index > cursor) parts.push({ kind: 'text', text: text.slice(cursor, match.index) });
    parts.push({ kind: 'link', text: match.text, href: match.url });
    cursor = match.lastIndex;
  }
  if (cursor < text.length) parts.push({ kind: 'text', text: text.slice(cursor) });
  return parts;
}

export function countLinks(text: string): number {
  return splitLinks(text).filter((part) => part.kind === 'link').length;
}
