export const IMPORT_FORMATS = ['wxr', 'disqus', 'mt', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The formats as the author knows them. */
export const FORMAT_LABELS: Record<ImportFormat, string> = {
  wxr: 'WordPress (WXR)',
  disqus: 'Disqus (XML)',
  mt: 'Movable Type ou TypePad (texte)',
  json: 'export complet de ce site (JSON)',
};

/** The format of a file, from its first characters; null when none fits. */
export function detectFormat(start: string): ImportFormat | null {
  const text = start.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return 'json';
  if (text.startsWith('<')) {
    if (/<disqus[\s>]/.test(text)) return 'disqus';
    if (/<rss[\s>]/.test(text) && /xmlns:wp=|<wp:wxr_version>/.test(text)) return 'wxr';
    return null;
  }
  // Movable Type: an entry starts with header lines such as `AUTHOR: …` or `TITLE: …`.
  if (/^(AUTHOR|TITLE|BASENAME|STATUS|DATE|ALLOW COMMENTS|CONVERT BREAKS|PRIMARY CATEGORY|CATEGORY):/m.test(text.split('\n', 10).join('\n'))) return 'mt';
  return null;
}
