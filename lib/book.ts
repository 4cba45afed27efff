/** The book the site launches: one place for the facts the home page, metadata and feeds show. */
export const BOOK = {
  title: 'Marketing 2.0',
  subtitle: 'L’intelligence collective',
  fullTitle: 'Marketing 2.0 – L’intelligence collective',
  author: 'François Laurent',
  prefaceBy: 'Pierre Bellanger',
  /** In bookstores on 15 May 2008. */
  publishedOn: '2008-05-15',
  cover: '/cover.svg',
} as const;

export const SITE_NAME = BOOK.fullTitle;
export const SITE_DESCRIPTION =
  'Le site du livre « Marketing 2.0 – L’intelligence collective » de François Laurent : articles et conversations avec les lecteurs.';
