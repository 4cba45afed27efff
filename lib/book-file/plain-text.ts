const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Rendered, sanitised HTML → its text on one line, for meta descriptions, feeds and e-mails.
 * Blocks are separated by a space; the French non-breaking spaces are kept.
 */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<\/(p|li|h\d|blockquote|tr|td|th|pre)>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}
