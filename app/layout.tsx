import type { Metadata, Viewport } from 'next';
import { getConfig } from '@/lib/config';
import { BOOK, SITE_DESCRIPTION, SITE_NAME } from '@/lib/book';
import { feedAlternates } from '@/lib/feeds/links';
import { SITE_ICON_URL } from '@/lib/site-icon';
import './globals.css';

export const metadata: Metadata = {
  metadataBase: new URL(getConfig().SITE_URL),
  title: { default: SITE_NAME, template: `%s · ${BOOK.title}` },
  description: SITE_DESCRIPTION,
  alternates: { types: feedAlternates() },
  openGraph: { siteName: SITE_NAME, locale: 'fr_FR', type: 'website', title: SITE_NAME, description: SITE_DESCRIPTION },
  twitter: { card: 'summary_large_image', title: SITE_NAME, description: SITE_DESCRIPTION },
  icons: { icon: { url: SITE_ICON_URL, type: 'image/svg+xml' } },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbf8f3' },
    { media: '(prefers-color-scheme: dark)', color: '#1b1a18' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
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
              {BOOK.title} <span className="site-title__subtitle">{BOOK.subtitle}</span>
            </a>
            <nav aria-label="Navigation principale">
              <ul className="site-nav">
                <li>
                  <a href="/">
                    Accueil
                  </a>
                </li>
                <li>
                  <a href="/#articles">
                    Articles
                  </a>
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
            {BOOK.fullTitle}, de {BOOK.author}. Préface de {BOOK.prefaceBy}.
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
