import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateFrontMatter } from '@/lib/book-file/front-matter-lines';
import { checkIsbn13, toIsbn10 } from '@/lib/book-file/isbn';
import { missingFields } from '@/lib/book-file/missing-fields';
import { BookFileError, parseBookFile, type Book } from '@/lib/book-file/parse-book-file';
import { parsePrice } from '@/lib/book-file/price';
import { readBookFile } from '@/lib/book-file/read-book-file';
import { isReleased, parseRelease } from '@/lib/book-file/release';
import { BOOK_KEYS } from '@/lib/book-file/schema';
import { searchLinks } from '@/lib/book-file/where-to-buy';

const euros = (amount: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(amount);

/** The message of the BookFileError the source raises. */
async function problemsOf(source: string, options?: { publicDir?: string }): Promise<string[]> {
  const error = await parseBookFile(source, 'content/livre.md', options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof BookFileError)) throw new Error(`BookFileError attendue, reçu ${String(error)}`);
  return error.problems;
}

// Invented book, valid in every field: tests may invent, the shipped file may not.
const FULL = `---
title: Un livre
subtitle: Son sous-titre
author: Une Autrice
prefaceBy: Un Préfacier
release: "2030-09-03T18:30"
publisher: Éditions d’essai
collection: Essais
isbn: 978-2-1234-5680-3
pages: 224
format: Broché, 15 × 21 cm
price: 19,90 €
cover: /cover.svg
coverAlt: La couverture, bleue.
buy:
  - { name: Une librairie, url: "https://librairie.example/livre", preorder: true }
  - { name: Une autre, url: "https://autre.example/livre?ref=site" }
---

## Présentation courte

Un livre **sur** l’intelligence collective & les marques.

Deuxième paragraphe.

## Présentation

La présentation.

## Table des matières

1. Un
2. Deux

## Extrait

L’extrait.

## L'auteur

La biographie.
`;

/** The shipped file with one key's line replaced (or lines added after it). */
function shippedWith(key: string, line: string): string {
  const shipped = readFileSync(path.join(process.cwd(), 'content/livre.md'), 'utf8');
  return shipped.replace(new RegExp(`^${key}:.*$`, 'm'), line);
}

function lineOfKey(source: string, key: string): number {
  return source.split('\n').findIndex((line) => line.startsWith(`${key}:`)) + 1;
}

describe('the shipped content/livre.md', () => {
  it('holds exactly the facts the seed texts give, and nothing else', async () => {
    const book = await readBookFile('content');
    expect(book).toEqual({
      title: 'Marketing 2.0',
      subtitle: 'L’intelligence collective',
      fullTitle: 'Marketing 2.0 – L’intelligence collective',
      author: 'François Laurent',
      prefaceBy: 'Pierre Bellanger',
      release: new Date('2008-05-14T22:00:00Z'),
      releaseDay: '2008-05-15',
      cover: '/cover.svg',
      buy: [],
    });
  });

  it('shows the author every key and every section to fill', () => {
    const source = readFileSync(path.join(process.cwd(), 'content/livre.md'), 'utf8');
    expect([...locateFrontMatter(source).keys.keys()].sort()).toEqual([...BOOK_KEYS].sort());
    const headings = source.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual(['## Présentation courte', '## Présentation', '## Table des matières', '## Extrait', '## L’auteur']);
  });

  it('lists what is still to fill, in French, for the dashboard', async () => {
    const labels = missingFields(await readBookFile('content')).map((missing) => missing.label);
    expect(labels).toEqual(['Éditeur', 'Collection', 'ISBN', 'Nombre de pages', 'Format', 'Prix', 'Description de la couverture', 'Où acheter', 'Présentation courte', 'Présentation', 'Table des matières', 'Extrait', 'L’auteur']);
  });
});

describe('parseBookFile', () => {
  it('reads every field of a complete file', async () => {
    const book = await parseBookFile(FULL);
    expect(book).toMatchObject({
      title: 'Un livre',
      subtitle: 'Son sous-titre',
      fullTitle: 'Un livre – Son sous-titre',
      author: 'Une Autrice',
      prefaceBy: 'Un Préfacier',
      release: new Date('2030-09-03T16:30:00Z'),
      releaseDay: '2030-09-03',
      publisher: 'Éditions d’essai',
      collection: 'Essais',
      isbn: { isbn13: '9782123456803', isbn10: '2123456802' },
      pages: 224,
      format: 'Broché, 15 × 21 cm',
      price: { cents: 1990, display: euros(19.9) },
      cover: '/cover.svg',
      coverAlt: 'La couverture, bleue.',
      buy: [
        { name: 'Une librairie', url: 'https://librairie.example/livre', preorder: true },
        { name: 'Une autre', url: 'https://autre.example/livre?ref=site', preorder: false },
      ],
    });
    expect(book.price?.display).toMatch(/^19,90\s€$/);
    expect(book.summary?.html).toContain('<strong>sur</strong>');
    expect(book.summary?.text).toBe('Un livre sur l’intelligence collective & les marques. Deuxième paragraphe.');
    expect(book.presentation).toBe('<p>La présentation.</p>');
    expect(book.contents).toContain('<ol>');
    expect(book.excerpt).toBe('<p>L’extrait.</p>');
    expect(book.authorBio).toBe('<p>La biographie.</p>');
    expect(missingFields(book)).toEqual([]);
  });

  it('leaves out the fields left empty, whatever the way', async () => {
    const book = await parseBookFile(`---
title: T
author: A
release: 2030-01-01
subtitle: ""
publisher: "   "
pages:
price: null
buy: []
---

## Présentation courte

## Présentation

Du texte.
`);
    for (const field of ['subtitle', 'publisher', 'pages', 'price', 'summary', 'contents', 'cover'] satisfies (keyof Book)[]) {
      expect(book).not.toHaveProperty(field);
    }
    expect(book.fullTitle).toBe('T');
    expect(book.buy).toEqual([]);
    expect(book.presentation).toBe('<p>Du texte.</p>');
  });

  it('takes a release time as Paris time, quoted or not', async () => {
    const source = shippedWith('release', 'release: 2030-06-01T09:15');
    const book = await parseBookFile(source);
    expect(book.release).toEqual(new Date('2030-06-01T07:15:00Z'));
    expect(book.releaseDay).toBe('2030-06-01');
  });

  it('names the line and the field of a wrong ISBN check digit', async () => {
    const source = shippedWith('isbn', 'isbn: 978-2-1234-5680-4');
    expect(lineOfKey(source, 'isbn')).toBe(20);
    expect(await problemsOf(source)).toEqual(['content/livre.md, ligne 20 (isbn) : ISBN-13 invalide : le chiffre de contrôle devrait être 3, pas 4.']);
  });

  it('refuses an impossible date, even one YAML would carry over into the next year', async () => {
    expect(await problemsOf(shippedWith('release', 'release: 2008-13-45'))).toEqual([
      'content/livre.md, ligne 14 (release) : date invalide « 2008-13-45 » : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris) attendu.',
    ]);
    expect(await problemsOf(shippedWith('release', 'release: le 15 mai'))).toEqual([
      'content/livre.md, ligne 14 (release) : date invalide « le 15 mai » : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris) attendu.',
    ]);
  });

  it('names an unknown key and its line', async () => {
    expect(await problemsOf(shippedWith('price', 'prix: 19,90'))).toEqual(['content/livre.md, ligne 26 : clé inconnue « prix »']);
  });

  it('refuses a price that is not a number', async () => {
    expect(await problemsOf(shippedWith('price', 'price: vingt euros'))).toEqual([
      'content/livre.md, ligne 26 (price) : prix invalide « vingt euros » : un nombre en euros est attendu, par exemple 19,90.',
    ]);
  });

  it('refuses a bookseller link with a tracking parameter, on the line of that bookseller', async () => {
    const source = shippedWith('buy', 'buy:\n  - { name: Propre, url: "https://a.example/" }\n  - { name: Pistée, url: "https://b.example/livre?utm_source=site&x=1" }');
    expect(await problemsOf(source)).toEqual([
      'content/livre.md, ligne 37 (buy) : lien invalide « https://b.example/livre?utm_source=site&x=1 » : pas de paramètre de suivi (utm_source) ; donnez l’adresse sans lui.',
    ]);
    expect((await problemsOf(shippedWith('buy', 'buy:\n  - { name: A, url: "https://a.example/?fbclid=1" }')))[0]).toContain('pas de paramètre de suivi (fbclid)');
    expect((await problemsOf(shippedWith('buy', 'buy:\n  - { name: A, url: "a.example/livre" }')))[0]).toBe(
      'content/livre.md, ligne 36 (buy) : lien invalide « a.example/livre » : une adresse complète est attendue, commençant par https://.',
    );
  });

  it('names an unknown section and its line', async () => {
    const source = readFileSync(path.join(process.cwd(), 'content/livre.md'), 'utf8').replace('## Extrait', '## Préface');
    expect(await problemsOf(source)).toEqual([
      'content/livre.md, ligne 44 : section inconnue « Préface » : les sections possibles sont « Présentation courte », « Présentation », « Table des matières », « Extrait », « L’auteur ».',
    ]);
  });

  it('refuses text outside any section, and a section given twice', async () => {
    const source = `---\ntitle: T\nauthor: A\nrelease: 2030-01-01\n---\nPerdu.\n\n## Extrait\n\nUn.\n\n## Extrait\n\nDeux.\n`;
    expect(await problemsOf(source)).toEqual([
      'content/livre.md, ligne 6 : texte hors de toute section : commencez par un titre « ## » (par exemple « ## Présentation »).',
      'content/livre.md, ligne 12 : section « Extrait » en double.',
    ]);
  });

  it('collects every problem of the file in one error, in the order of the lines', async () => {
    const source = `---\nrelease: 2008-05-15\nisbn: 9780306406158\npages: -3\ncover: cover.svg\n---\n`;
    expect(await problemsOf(source)).toEqual([
      'content/livre.md, ligne 1 (title) : titre manquant',
      'content/livre.md, ligne 1 (author) : auteur manquant',
      'content/livre.md, ligne 3 (isbn) : ISBN-13 invalide : le chiffre de contrôle devrait être 7, pas 8.',
      'content/livre.md, ligne 4 (pages) : nombre de pages invalide « -3 » : un entier positif est attendu, par exemple 224.',
      'content/livre.md, ligne 5 (cover) : couverture invalide « cover.svg » : le chemin d’un fichier de public/ est attendu, commençant par /, par exemple /cover.svg.',
    ]);
    await expect(parseBookFile(source)).rejects.toThrow(/^content\/livre\.md, ligne 1 \(title\) : titre manquant\n/);
  });

  it('gives the line of a YAML syntax error', async () => {
    expect(await problemsOf('---\ntitle: T\nauthor: A\ntitle: U\n---\n')).toEqual(['content/livre.md, ligne 4 : clé en double']);
  });

  it('checks the cover is a file of public/ when told where public/ is', async () => {
    const publicDir = path.join(process.cwd(), 'public');
    await expect(parseBookFile(FULL, 'content/livre.md', { publicDir })).resolves.toMatchObject({ cover: '/cover.svg' });
    expect(await problemsOf(FULL.replace('cover: /cover.svg', 'cover: /couverture.jpg'), { publicDir })).toEqual([
      'content/livre.md, ligne 13 (cover) : couverture introuvable « /couverture.jpg » : aucun fichier public/couverture.jpg.',
    ]);
  });
});

describe('a book file read from a project folder', () => {
  const project = mkdtempSync(path.join(os.tmpdir(), 'book-file-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('names content/livre.md in its messages', async () => {
    mkdirSync(path.join(project, 'content'));
    writeFileSync(path.join(project, 'content/livre.md'), '---\ntitle: T\nauthor: A\nrelease: 2030-01-01\ncover: /cover.svg\n---\n');
    await expect(readBookFile(path.join(project, 'content'), project)).rejects.toThrow('content/livre.md, ligne 5 (cover) : couverture introuvable « /cover.svg » : aucun fichier public/cover.svg.');
  });
});

describe('ISBN', () => {
  it('accepts real ISBN-13 and derives their ISBN-10', () => {
    expect(checkIsbn13('978-0-306-40615-7')).toEqual({ ok: true, isbn13: '9780306406157', isbn10: '0306406152' });
    expect(checkIsbn13('978 2 07 036822 8')).toEqual({ ok: true, isbn13: '9782070368228', isbn10: '207036822X' });
    expect(toIsbn10('9780306406157')).toBe('0306406152');
  });

  it('has no ISBN-10 for a 979 ISBN', () => {
    expect(checkIsbn13('979-10-90636-07-1')).toEqual({ ok: true, isbn13: '9791090636071' });
    expect(toIsbn10('9791090636071')).toBeUndefined();
  });

  it('says which check digit was expected', () => {
    expect(checkIsbn13('9780306406158')).toEqual({ ok: false, message: 'ISBN-13 invalide : le chiffre de contrôle devrait être 7, pas 8.' });
  });

  it('refuses what is not 13 digits starting with 978 or 979', () => {
    expect(checkIsbn13('0306406152')).toMatchObject({ ok: false, message: expect.stringContaining('13 chiffres attendus') });
    expect(checkIsbn13('1234567890128')).toMatchObject({ ok: false, message: expect.stringContaining('978 ou 979') });
  });
});

describe('price', () => {
  it('reads a YAML number and the ways French authors write a price', () => {
    for (const written of [19.9, '19,90', '19.90', '19,90 €', '19,9', '19,90\u00a0€']) {
      expect(parsePrice(written)).toEqual({ ok: true, cents: 1990, display: euros(19.9) });
    }
    expect(parsePrice(20)).toMatchObject({ ok: true, cents: 2000 });
  });

  it('refuses anything else', () => {
    for (const written of ['vingt euros', '19,905', '-5', '0', 19.999, '€ 19']) expect(parsePrice(written)).toMatchObject({ ok: false });
  });
});

describe('release date', () => {
  it('refuses a time that does not exist on the spring-forward night', () => {
    expect(parseRelease('2030-03-31T02:30')).toEqual({ ok: false, message: 'heure inexistante « 2030-03-31T02:30 » : cette nuit-là, à Paris, les horloges sautent de 2 h à 3 h.' });
  });

  it('takes the first of the two times of the autumn night', () => {
    expect(parseRelease('2030-10-27T02:30')).toEqual({ ok: true, release: new Date('2030-10-27T00:30:00Z'), releaseDay: '2030-10-27' });
  });

  it('is released from its instant on', () => {
    const book = { release: new Date('2008-05-14T22:00:00Z') };
    expect(isReleased(book, new Date('2008-05-14T21:59:59Z'))).toBe(false);
    expect(isReleased(book, new Date('2008-05-14T22:00:00Z'))).toBe(true);
  });
});

describe('searchLinks', () => {
  it('searches three French booksellers by title and author, encoded', () => {
    expect(searchLinks({ title: 'Marketing 2.0', author: 'François Laurent' })).toEqual([
      { name: 'Les Libraires', url: 'https://www.leslibraires.fr/recherche/?q=Marketing%202.0%20Fran%C3%A7ois%20Laurent', isSearch: true },
      { name: 'Place des Libraires', url: 'https://www.placedeslibraires.fr/listeliv.php?base=allbooks&mots_recherche=Marketing%202.0%20Fran%C3%A7ois%20Laurent', isSearch: true },
      { name: 'Decitre', url: 'https://www.decitre.fr/rechercher/result?q=Marketing%202.0%20Fran%C3%A7ois%20Laurent', isSearch: true },
    ]);
  });

  it('searches by ISBN once it is known', () => {
    const links = searchLinks({ title: 'Un livre', author: 'Une Autrice', isbn: { isbn13: '9782123456803' } });
    expect(links.map((link) => link.url)).toEqual([
      'https://www.leslibraires.fr/recherche/?q=9782123456803',
      'https://www.placedeslibraires.fr/listeliv.php?base=allbooks&mots_recherche=9782123456803',
      'https://www.decitre.fr/rechercher/result?q=9782123456803',
    ]);
  });
});
