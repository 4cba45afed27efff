import { SaxesParser } from 'saxes';
import { ImportError } from './import-error';
import { MAX_FIELD_LENGTH, type TextChunk } from './source-text';


/**
 * What a format does with the elements it meets. `open` says whether it wants the element's text,
 * which `close` then receives (null when not wanted): only those texts are ever held in memory.
 */
export type XmlVisitor<Event> = {
  open(name: string, attributes: Record<string, string>, depth: number, context: XmlContext<Event>): boolean;
  close(name: string, text: string | null, depth: number, context: XmlContext<Event>): void;
};

/** Hands an event over to the reader of the import, and tells the line the parser is on. */
type XmlContext<Event> = { emit: (event: Event) => void; line: () => number };

/** How deep elements may nest: exports go a few levels down; a deeper file is built to exhaust memory. */
export const MAX_DEPTH = 64;
/** The longest stretch the parser may read without a tag end: saxes holds a text, CDATA or attribute whole until it ends. */
export const MAX_NODE_LENGTH = 16 * 1024 * 1024;

const DOCTYPE_REFUSED = 'déclaration DOCTYPE refusée : un export ne déclare pas d’entités XML (risque d’expansion ou d’entité externe)';

// saxes's messages, in French where a reader is likely to meet them; the rest are quoted as they are.
const SAXES_MESSAGES: [RegExp, string][] = [
  [/^undefined entity/, 'entité non déclarée (un export n’utilise que &amp; &lt; &gt; &quot; &apos;)'],
  [/^unclosed tag: (.*)/, 'balise « $1 » jamais fermée'],
  [/^unmatched closing tag: (.*?)\.?$/, 'balise fermante « $1 » sans balise ouvrante'],
  [/^unexpected close tag/, 'balise fermante inattendue'],
  [/^unexpected end/, 'le fichier s’arrête au milieu d’un élément'],
  [/^text data outside of root node/, 'texte hors de l’élément principal'],
  [/^document must contain a root element/, 'aucun élément XML'],
  [/^disallowed character/, 'caractère interdit en XML'],
];

function frenchDetail(message: string): string {
  const detail = message.replace(/^(?:[^:\n]*:)?\d+:\d+:\s*/, '');
  for (const [pattern, french] of SAXES_MESSAGES) if (pattern.test(detail)) return detail.replace(pattern, french).replace(/\.$/, '');
  return `détail : ${detail}`;
}

function lineAt(chunk: TextChunk, index: number): number {
  let line = chunk.line;
  for (let at = chunk.text.indexOf('\n'); at !== -1 && at < index; at = chunk.text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * Reads an XML file as it streams (saxes: it never expands entities a DTD would declare), and
 * yields what the visitor emits. A DOCTYPE is refused before the parser reads it; an encoding other
 * than UTF-8, a malformed document or an over-long field is refused too, each with its line.
 */
export async function* readXml<Event>(chunks: AsyncIterable<TextChunk>, visitor: XmlVisitor<Event>): AsyncGenerator<Event> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const queue: Event[] = [];
  const context: XmlContext<Event> = { emit: (event) => queue.push(event), line: () => parser.line };
  // Per open element: its text so far, or null when the visitor does not want it.
  const texts: (string | null)[] = [];
  let isBeforeRoot = true;
  let tail = '';
  let sinceLastNode = 0;
  const nodeEnded = () => {
    sinceLastNode = 0;
  };

  parser.on('xmldecl', (declaration) => {
    if (declaration.encoding && !/^utf-?8$/i.test(declaration.encoding)) {
      throw new ImportError(parser.line, `encodage « ${declaration.encoding} » non pris en charge : enregistrez le fichier en UTF-8`);
    }
  });
  parser.on('doctype', () => {
    throw new ImportError(parser.line, DOCTYPE_REFUSED);
  });
  parser.on('opentag', (tag) => {
    isBeforeRoot = false;
    nodeEnded();
    if (texts.length >= MAX_DEPTH) throw new ImportError(parser.line, `éléments imbriqués sur plus de ${MAX_DEPTH} niveaux : ce n’est pas un export`);
    const wanted = visitor.open(tag.name, tag.attributes as Record<string, string>, texts.length + 1, context);
    texts.push(wanted ? '' : null);
  });
  const addText = (text: string) => {
    nodeEnded();
    const current = texts.at(-1);
    if (current === null || current === undefined) return;
    if (current.length + text.length > MAX_FIELD_LENGTH) {
      throw new ImportError(parser.line, `champ trop long (plus de ${MAX_FIELD_LENGTH.toLocaleString('fr-FR')} caractères)`);
    }
    texts[texts.length - 1] = current + text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('comment', nodeEnded);
  parser.on('processinginstruction', nodeEnded);
  parser.on('closetag', (tag) => {
    nodeEnded();
    const depth = texts.length;
    visitor.close(tag.name, texts.pop() ?? null, depth, context);
  });

  const write = (text: string | null) => {
    try {
      if (text === null) parser.close();
      else parser.write(text);
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError(parser.line, `XML mal formé : ${frenchDetail(error instanceof Error ? error.message : String(error))}`);
    }
  };

  for await (const chunk of chunks) {
    if (isBeforeRoot) {
      // Only the prolog can declare one: the search stops at the root element's start tag.
      const prolog = tail + chunk.text;
      const root = prolog.search(/<[A-Za-z_:]/);
      const found = (root === -1 ? prolog : prolog.slice(0, root)).toUpperCase().indexOf('<!DOCTYPE');
      if (found !== -1) throw new ImportError(lineAt(chunk, found - tail.length), DOCTYPE_REFUSED);
      tail = chunk.text.slice(-8);
    }
    write(chunk.text);
    sinceLastNode += chunk.text.length;
    if (sinceLastNode > MAX_NODE_LENGTH) {
      throw new ImportError(parser.line, `texte ou attribut XML démesuré (plus de ${MAX_NODE_LENGTH.toLocaleString('fr-FR')} caractères d’un seul tenant)`);
    }
    yield* queue.splice(0);
  }
  write(null);
  yield* queue.splice(0);
}
