import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { rehypeFrenchTypography } from './french-typography';
import { rehypePlaceholders, type Placeholders } from './placeholders';

const processor = remark()
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeFrenchTypography)
  .use(rehypeStringify);

/**
 * Markdown → sanitised HTML with French typography. Raw HTML in the Markdown is dropped.
 * `placeholders`: the `{{name}}` a page may use (lib/content/placeholders.ts), filled in as text
 * before sanitising.
 */
export async function renderMarkdown(markdown: string, placeholders?: Placeholders): Promise<string> {
  if (!placeholders) return String(await processor.process(markdown));
  const withValues = remark()
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypePlaceholders, placeholders)
    .use(rehypeSanitize)
    .use(rehypeFrenchTypography)
    .use(rehypeStringify);
  return String(await withValues.process(markdown));
}
