import { splitLinks } from '@/lib/comments/links';
import { escapeHtml } from './xml-text';

/**
 * A comment's plain text as feed HTML, the way the page shows it: paragraphs, line breaks, web
 * links. Every character of the text is escaped: nothing in it is ever taken as markup.
 */
export function commentBodyToHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => {
      const lines = paragraph.split('\n').map((line) =>
        splitLinks(line)
          .map((part) =>
            part.kind === 'link' ? `<a href="${escapeHtml(part.href)}" rel="nofollow ugc">${escapeHtml(part.text)}</a>` : escapeHtml(part.text),
          )
          .join(''),
      );
      return `<p>${lines.join('<br>')}</p>`;
    })
    .join('\n');
}
