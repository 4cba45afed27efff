import type { Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

const NARROW_NBSP = '\u202F';
const NBSP = '\u00A0';

/**
 * Applies French spacing where the source already has a space: a narrow no-break space before
 * `? ! ;`, a no-break space before `:` and inside « », so that punctuation never starts a line.
 */
export function applyFrenchSpacing(text: string): string {
  return text
    .replace(/[ \u00A0]+([?!;])/g, `${NARROW_NBSP}$1`)
    .replace(/[ \u202F]+:/g, `${NBSP}:`)
    .replace(/«[ \u202F]*/g, `«${NBSP}`)
    .replace(/[ \u202F]*»/g, `${NBSP}»`);
}

/** rehype plugin: French spacing in every text node outside code. */
export function rehypeFrenchTypography() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, _index, parent) => {
      if (parent && parent.type === 'element' && (parent.tagName === 'code' || parent.tagName === 'pre')) return;
      node.value = applyFrenchSpacing(node.value);
    });
  };
}
