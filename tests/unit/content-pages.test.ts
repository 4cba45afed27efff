import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getConfig, getLegalIdentity, type Config } from '@/lib/config';
import { readArticles } from '@/lib/content/load-articles';
import { legalPlaceholders, parseContentPage, readContentPages } from '@/lib/privacy/load-legal-pages';
import { buildSitemap } from '@/lib/sitemap/build-sitemap';

const SITE = 'https://marketing20.example';
const configWith = (values: Partial<Config>): Config => ({ ...getConfig(), ...values });

const FILLED = configWith({
  PUBLISHER_NAME: 'Éditions Exemple SARL',
  PUBLISHER_ADDRESS: '12 rue des Livres, 75005 Paris',
  PUBLISHER_EMAIL: 'donnees@exemple.fr',
  PUBLICATION_DIRECTOR: 'Camille Martin',
  HOST_NAME: 'Hébergeur SAS',
  HOST_ADDRESS: '1 avenue du Serveur, 59100 Roubaix',
  HOST_PHONE: '01 23 45 67 89',
});

const UNSET = configWith({
  PUBLISHER_NAME: undefined,
  PUBLISHER_ADDRESS: undefined,
  PUBLISHER_EMAIL: undefined,
  PUBLICATION_DIRECTOR: undefined,
  HOST_NAME: undefined,
  HOST_ADDRESS: undefined,
  HOST_PHONE: undefined,
});

const TERMS = { ipHashRetentionDays: 30, editWindowMinutes: 15, subscriberMailIntervalMinutes: 15 };
const pagesFor = (config: Config, terms = TERMS) => readContentPages(legalPlaceholders(getLegalIdentity(config), SITE, terms));

describe('the legal pages of content/pages/', () => {
  it('fill the publisher, director and host in from the configuration, the e-mail as a link', async () => {
    const pages = await pagesFor(FILLED);
    expect(pages.map((page) => page.slug)).toEqual(['confidentialite', 'mentions-legales']);
    const notice = pages.find((page) => page.slug === 'mentions-legales')!;
    for (const value of ['Éditions Exemple SARL', '12 rue des Livres, 75005 Paris', 'Camille Martin', 'Hébergeur SAS', '1 avenue du Serveur, 59100 Roubaix', '01 23 45 67 89']) {
      expect(notice.html).toContain(value);
    }
    expect(notice.html).toContain('<a href="mailto:donnees@exemple.fr">donnees@exemple.fr</a>');
    expect(notice.html).toContain(`<a href="${SITE}">${SITE}</a>`);
    expect(notice.html).not.toContain('{{');
    expect(notice.html).not.toContain('à renseigner');
  });

  it('say « à renseigner » and name the variable wherever a value is not set', async () => {
    expect(getLegalIdentity(UNSET).missing.sort()).toEqual(
      ['HOST_ADDRESS', 'HOST_NAME', 'HOST_PHONE', 'PUBLICATION_DIRECTOR', 'PUBLISHER_ADDRESS', 'PUBLISHER_EMAIL', 'PUBLISHER_NAME'].sort(),
    );
    expect(getLegalIdentity(FILLED).missing).toEqual([]);
    const [policy, notice] = await pagesFor(UNSET);
    expect(notice!.html).toContain('à renseigner (PUBLISHER_NAME)');
    expect(notice!.html).toContain('à renseigner (HOST_PHONE)');
    expect(policy!.html).toContain('à renseigner (PUBLISHER_EMAIL)');
    expect(policy!.html).not.toContain('mailto:');
  });

  it('print a configured value as text, never as Markdown or HTML', async () => {
    const hostile = configWith({ ...FILLED, PUBLISHER_NAME: '<script>alert(1)</script> *gras* [lien](javascript:alert(2))' });
    const notice = (await pagesFor(hostile)).find((page) => page.slug === 'mentions-legales')!;
    expect(notice.html).toContain('&#x3C;script>alert(1)&#x3C;/script> *gras* [lien](javascript:alert(2))');
    expect(notice.html).not.toMatch(/<script|<em>gras|href="javascript/);
  });

  it('tell the reader what is kept, the cookies, the rights and where to complain', async () => {
    const policy = (await pagesFor(FILLED)).find((page) => page.slug === 'confidentialite')!;
    for (const words of ['next-auth.session-token', 'next-auth.csrf-token', 'next-auth.callback-url', 'm20-modif-', 'm20-modifiables', 'm20-en-attente-preuve', 'au bout de 14 jours', 'adresse e-mail', 'empreinte salée de votre adresse IP', 'accéder', 'rectifier', 'effacer', 'CNIL']) {
      expect(policy.html, words).toContain(words);
    }
    expect(policy.html).toContain('<a href="mailto:donnees@exemple.fr">donnees@exemple.fr</a>');
  });

  it('state the durations the author set: IP hashes, the edit window and the follow-up e-mails’ interval', async () => {
    const policy = (await pagesFor(FILLED, { ipHashRetentionDays: 7, editWindowMinutes: 1, subscriberMailIntervalMinutes: 30 })).find((page) => page.slug === 'confidentialite')!;
    expect(policy.html).toContain('effacée au bout de 7 jours');
    expect(policy.html).toContain('Pendant 1 minute après son envoi');
    expect(policy.html).toMatch(/un e-mail par discussion au plus toutes les\s+30 minutes/);
    expect(policy.html).toMatch(/pas redemandée pendant\s+12 mois/);
  });

  it('are neither articles nor in the home list or the feeds, and the sitemap lists them as pages after the articles', async () => {
    const articles = await readArticles();
    const pages = await pagesFor(FILLED);
    expect(articles.map((article) => article.slug)).not.toContain('confidentialite');
    expect(articles.map((article) => article.slug)).not.toContain('mentions-legales');
    const entries = buildSitemap(SITE, articles, () => undefined, pages);
    expect(entries.map((entry) => entry.url)).toEqual([
      `${SITE}/`,
      ...articles.map((article) => `${SITE}/articles/${article.slug}`),
      `${SITE}/confidentialite`,
      `${SITE}/mentions-legales`,
    ]);
    // The home page's date is its articles', not the pages'.
    expect(entries[0]?.lastModified).toEqual(articles[0]?.date);
  });
});

describe('a page of content/pages/', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  const source = (body: string) => `---\ntitle: Une page\nslug: une-page\ndescription: Sa description.\nupdated: 2026-12-01\n---\n\n${body}\n`;

  it('refuses an unknown placeholder, naming the file and the placeholder', async () => {
    await expect(parseContentPage('content/pages/une-page.md', source('Par {{editeur.inconnu}}.'), legalPlaceholders(getLegalIdentity(FILLED), SITE, TERMS))).rejects.toThrow(
      /content\/pages\/une-page\.md.*\{\{editeur\.inconnu\}\}/,
    );
  });

  it('refuses a front matter without its date, naming the file', async () => {
    await expect(parseContentPage('content/pages/une-page.md', source('Texte.').replace('updated: 2026-12-01\n', ''), {})).rejects.toThrow(
      /content\/pages\/une-page\.md.*updated/,
    );
  });

  it('keeps a placeholder inside a link as text', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'm20-pages-'));
    writeFileSync(path.join(dir, 'une-page.md'), source('[Écrire à {{editeur.email}}](mailto:x@exemple.fr)'));
    const [page] = await readContentPages(legalPlaceholders(getLegalIdentity(FILLED), SITE, TERMS), dir);
    expect(page?.html).toBe('<p><a href="mailto:x@exemple.fr">Écrire à donnees@exemple.fr</a></p>');
  });
});
