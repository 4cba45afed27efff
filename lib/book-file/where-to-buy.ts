export type BuyLink = { name: string; url: string; preorder: boolean };
export type SearchLink = { name: string; url: string; isSearch: true };
export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

const TRACKING_PARAMETER = /^(utm_.*|fbclid|gclid)$/i;

/** A bookseller's address from the front matter: absolute http(s), without tracking parameters. */
export function checkShopUrl(text: string): UrlCheck {
  const written = text.trim();
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return { ok: false, message: `lien invalide « ${written} » : une adresse complète est attendue, commençant par https://.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `lien invalide « ${written} » : une adresse complète est attendue, commençant par https://.` };
  }
  const tracking = [...url.searchParams.keys()].find((name) => TRACKING_PARAMETER.test(name));
  if (tracking) {
    return { ok: false, message: `lien invalide « ${written} » : pas de paramètre de suivi (${tracking}) ; donnez l’adresse sans lui.` };
  }
  return { ok: true, url: written };
}

const SEARCHES = [
  { name: 'Les Libraires', prefix: 'https://www.leslibraires.fr/recherche/?q=' },
  { name: 'Place des Libraires', prefix: 'https://www.placedeslibraires.fr/listeliv.php?base=allbooks&mots_recherche=' },
  { name: 'Decitre', prefix: 'https://www.decitre.fr/rechercher/result?q=' },
] as const;

/**
 * Where to buy while the file lists no bookseller: a search at three French booksellers, by ISBN
 * when known, else by title and author. A search, not a claim that they stock the book.
 */
export function searchLinks(book: { title: string; author: string; isbn?: { isbn13: string } }): SearchLink[] {
  const query = book.isbn ? book.isbn.isbn13 : `${book.title} ${book.author}`;
  return SEARCHES.map(({ name, prefix }) => ({ name, url: `${prefix}${encodeURIComponent(query)}`, isSearch: true }));
}
