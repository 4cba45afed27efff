import { compile } from 'html-to-text';

// Compiled once: html-to-text otherwise prepares its options again for every comment.
const convert = compile({
  wordwrap: false as const,
  // WordPress and Movable Type store paragraphs as bare line breaks: they are the text's own.
  preserveNewlines: true,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] as [string, string] } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});

/**
 * The text of a comment written in HTML: paragraphs as blank lines, a link as its text and its
 * address, nothing left that a page could render as HTML (the site shows comments as text).
 */
export function htmlToPlainText(html: string): string {
  return convert(html)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
