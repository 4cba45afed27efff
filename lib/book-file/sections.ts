const SECTIONS = {
  'Présentation courte': 'summary',
  Présentation: 'presentation',
  'Table des matières': 'contents',
  Extrait: 'excerpt',
  'L’auteur': 'authorBio',
} as const;

export type SectionKey = (typeof SECTIONS)[keyof typeof SECTIONS];
export type SectionProblem = { line: number; message: string };

const headingKeys = new Map<string, SectionKey>(
  Object.entries(SECTIONS).map(([heading, key]) => [normalizeHeading(heading), key]),
);

// Authors type either apostrophe; the file names its sections with the typographic one.
function normalizeHeading(heading: string): string {
  return heading.trim().replace(/[’']/g, '’');
}

/**
 * Splits the Markdown body into its `## ` sections. `firstLine` is the body's first line in the
 * file, so that a problem names its real line. Empty sections are left out.
 */
export function splitSections(body: string, firstLine: number): { sections: Map<SectionKey, string>; problems: SectionProblem[] } {
  const sections = new Map<SectionKey, string>();
  const problems: SectionProblem[] = [];
  const seen = new Set<SectionKey>();
  let current: SectionKey | undefined;
  let skipping = false;
  let inFence = false;
  const lines = body.split(/\r?\n/);
  lines.forEach((line, index) => {
    const lineNumber = firstLine + index;
    // A `## ` inside a fenced code block is code, not a section.
    if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^##\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const name = heading[1] ?? '';
      const key = headingKeys.get(normalizeHeading(name));
      if (!key) {
        problems.push({ line: lineNumber, message: `section inconnue « ${name} » : les sections possibles sont ${Object.keys(SECTIONS).map((known) => `« ${known} »`).join(', ')}.` });
        current = undefined;
        skipping = true;
      } else if (seen.has(key)) {
        problems.push({ line: lineNumber, message: `section « ${name} » en double.` });
        current = undefined;
        skipping = true;
      } else {
        seen.add(key);
        current = key;
        skipping = false;
      }
      return;
    }
    if (current) sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
    else if (!skipping && line.trim() !== '') {
      problems.push({ line: lineNumber, message: 'texte hors de toute section : commencez par un titre « ## » (par exemple « ## Présentation »).' });
      skipping = true;
    }
  });
  for (const [key, markdown] of sections) {
    if (markdown.trim() === '') sections.delete(key);
    else sections.set(key, markdown.trim());
  }
  return { sections, problems };
}
