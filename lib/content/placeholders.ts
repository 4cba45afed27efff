import type { Element, ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

/** What a `{{name}}` in a page's Markdown stands for: text, made a link when it has an address. */
type Placeholder = { text: string; href?: string };
export type Placeholders = Record<string, Placeholder>;

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9.-]*)\s*\}\}/gi;

function piecesOf(text: string, values: Placeholders): ElementContent[] {
  const pieces: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    const value = values[name];
    if (!value) throw new Error(`{{${name}}} : valeur inconnue (connues : ${Object.keys(values).join(', ')})`);
    if (match.index > last) pieces.push({ type: 'text', value: text.slice(last, match.index) });
    const node: Text = { type: 'text', value: value.text };
    pieces.push(value.href ? ({ type: 'element', tagName: 'a', properties: { href: value.href }, children: [node] } satisfies Element) : node);
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ type: 'text', value: text.slice(last) });
  return pieces;
}

/**
 * rehype plugin: each `{{name}}` in the text becomes its value, as text (never as Markdown or
 * HTML), or a link when the value has an address. Runs before rehype-sanitize, which checks the
 * links like any other. An unknown name fails the page, with its name.
 */
export function rehypePlaceholders(values: Placeholders) {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('{{')) return;
      // A placeholder inside a link stays text: a link in a link is not HTML.
      const insideLink = parent.type === 'element' && parent.tagName === 'a';
      const pieces = piecesOf(node.value, insideLink ? Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { text: value.text }])) : values);
      parent.children.splice(index, 1, ...pieces);
      return index + pieces.length;
    });
  };
}
