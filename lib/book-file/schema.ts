import { z } from 'zod';
import { checkIsbn13 } from './isbn';
import { parsePrice } from './price';
import { parseRelease } from './release';
import { checkShopUrl } from './where-to-buy';

type Check<T> = ({ ok: true } & T) | { ok: false; message: string };

/** A zod transform from a check that returns `{ ok: true, … }` or `{ ok: false, message }`. */
function fromCheck<I, T extends object>(check: (input: I) => Check<T>) {
  return (input: I, context: z.RefinementCtx): T => {
    const result = check(input);
    if (!result.ok) {
      context.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result;
  };
}

const text = (missing = 'valeur manquante') =>
  z.string({ error: (issue) => (issue.input === undefined ? missing : 'un texte est attendu (entre guillemets s’il contient « : » ou « # »)') }).trim();

function checkPages(value: number | string): Check<{ pages: number }> {
  const pages = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(pages) || pages <= 0) {
    return { ok: false, message: `nombre de pages invalide « ${String(value).trim()} » : un entier positif est attendu, par exemple 224.` };
  }
  return { ok: true, pages };
}

function checkCover(path: string): Check<{ path: string }> {
  if (!path.startsWith('/') || path.startsWith('//') || path.split('/').includes('..')) {
    return { ok: false, message: `couverture invalide « ${path} » : le chemin d’un fichier de public/ est attendu, commençant par /, par exemple /cover.svg.` };
  }
  return { ok: true, path };
}

const buyLine = z.strictObject(
  {
    name: text('nom du libraire manquant').min(1, 'nom du libraire manquant'),
    url: text('adresse manquante (url)').transform(fromCheck(checkShopUrl)).transform(({ url }) => url),
    preorder: z.boolean({ error: 'preorder vaut true ou false' }).default(false),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `clé inconnue ${issue.keys.map((key) => `« ${key} »`).join(', ')} : un libraire a name, url et, s’il le faut, preorder.`
        : 'une ligne par libraire est attendue : - { name: Decitre, url: "https://…" }',
  },
);

/** The front matter of content/livre.md, empty values already removed (they mean « not filled »). */
export const bookFrontMatter = z.object({
  title: text('titre manquant'),
  subtitle: text().optional(),
  author: text('auteur manquant'),
  prefaceBy: text().optional(),
  release: z
    .string({ error: (issue) => (issue.input === undefined ? 'date de parution manquante' : 'date invalide : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris) attendu.') })
    .transform(fromCheck(parseRelease))
    .transform(({ release, releaseDay }) => ({ release, releaseDay })),
  publisher: text().optional(),
  collection: text().optional(),
  format: text().optional(),
  isbn: z
    .union([z.string(), z.number()], { error: 'ISBN-13 attendu, par exemple 978-2-…' })
    .transform((value) => String(value))
    .transform(fromCheck(checkIsbn13))
    .transform(({ isbn13, isbn10 }) => (isbn10 ? { isbn13, isbn10 } : { isbn13 }))
    .optional(),
  pages: z
    .union([z.number(), z.string()], { error: 'un entier positif est attendu, par exemple 224.' })
    .transform(fromCheck(checkPages))
    .transform(({ pages }) => pages)
    .optional(),
  price: z
    .union([z.number(), z.string()], { error: 'un nombre en euros est attendu, par exemple 19,90.' })
    .transform(fromCheck(parsePrice))
    .transform(({ cents, display }) => ({ cents, display }))
    .optional(),
  cover: text().transform(fromCheck(checkCover)).transform(({ path }) => path).optional(),
  coverAlt: text().optional(),
  buy: z.array(buyLine, { error: 'une liste est attendue, une ligne par libraire : - { name: Decitre, url: "https://…" }' }).optional(),
});

export const BOOK_KEYS = Object.keys(bookFrontMatter.shape);
