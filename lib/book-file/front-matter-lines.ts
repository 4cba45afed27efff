/** Where each top-level key of the front matter sits in the file, for error messages. */
export type FrontMatterLines = {
  /** 1-based line of each top-level key. */
  keys: Map<string, number>;
  /** The value as written on the key's line (quotes and comment removed). */
  rawValues: Map<string, string>;
  /** 1-based lines of the `- ` items under each key that holds a block list. */
  items: Map<string, number[]>;
  /** 1-based line of the closing `---`, or undefined when the file has no front matter. */
  closingLine?: number;
};

const TOP_LEVEL_KEY = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(?:[ \t]+(.*))?$/;

function rawValue(written: string): string {
  const value = written.trim();
  const quoted = /^(["'])(.*?)\1/.exec(value);
  if (quoted) return quoted[2] ?? '';
  return value.replace(/\s+#.*$/, '').trim();
}

/**
 * Scans the front matter's lines: a top-level key of a YAML mapping starts at column 0, so no YAML
 * parser with positions is needed (the project's gray-matter gives none).
 */
export function locateFrontMatter(source: string): FrontMatterLines {
  const lines = source.split(/\r?\n/);
  const located: FrontMatterLines = { keys: new Map(), rawValues: new Map(), items: new Map() };
  if (lines[0]?.trim() !== '---') return located;
  let currentKey: string | undefined;
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (/^---\s*$/.test(line)) {
      located.closingLine = index + 1;
      break;
    }
    const key = TOP_LEVEL_KEY.exec(line);
    if (key?.[2]) {
      currentKey = key[2];
      located.keys.set(currentKey, index + 1);
      located.rawValues.set(currentKey, rawValue(key[3] ?? ''));
    } else if (currentKey && /^\s*-(\s|$)/.test(line)) {
      located.items.set(currentKey, [...(located.items.get(currentKey) ?? []), index + 1]);
    }
  }
  return located;
}
