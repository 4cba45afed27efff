import type { Metadata, Viewport } from 'next';
import { getConfig } from '@/lib/config';
import { getBook } from '@/lib/book-file/get-book';
import { siteDescription } from '@/lib/book-file/site-text';
import { feedAlternates } from '@/lib/feeds/links';
import { SITE_ICON_URL } from '@/lib/site-icon';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const book = await getBook();
  const name = book.fullTitle;
  const description = siteDescription(book);
  return {
    metadataBase: new URL(getConfig().SITE_URL),
    title: { default: name, template: `%s · ${book.title}` },
    description,
    alternates: { types: feedAlternates(book) },
    openGraph: { siteName: name, locale: 'fr_FR', type: 'website', title: name, description },
    twitter: { card: 'summary_large_image', title: name, description },
    icons: { icon: { url: SITE_ICON_URL, type: 'image/svg+xml' } },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbf8f3' },
    { media: '(prefers-color-scheme: dark)', color: '#1b1a18' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const book = await getBook();
  return (
    <html lang="fr">
      <body>
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
        {/* Plain <a> on the reader's pages, not next/link: each is a static, cached document, and
            next/link would add a script of its own to every first visit (bench: one request, 3.2 KB). */}
        <header className="site-header">
          <div className="site-header__inner">
            <a href="/" className="site-title">
              {book.title} {book.subtitle ? <span className="site-title__subtitle">{book.subtitle}</span> : null}
            </a>
            <nav aria-label="Navigation principale">
              <ul className="site-nav">
                <li>
                  <a href="/">
                    Accueil
                  </a>
                </li>
                <li>
                  <a href="/livre">Le livre</a>
                </li>
                <li>
                  <a href="/auteur">L’auteur</a>
                </li>
                <li>
                  <a href="/#articles">
                    Articles
                  </a>
                </li>
                <li>
                  <a href="/rencontres">Rencontres</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            {book.fullTitle}, de {book.author}.{book.prefaceBy ? ` Préface de ${book.prefaceBy}.` : ''}
          </p>
          <nav aria-label="Informations légales">
            <ul className="site-footer__links">
              <li>
                <a href="/mentions-legales">Mentions légales</a>
              </li>
              <li>
                <a href="/confidentialite">Politique de confidentialité</a>
              </li>
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}
