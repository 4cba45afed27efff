import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { getContentDir, TO_FILL_IN, type LegalIdentity } from '@/lib/config';
import { pageFrontMatter, type PageFrontMatter } from '@/lib/content/front-matter';
import { applyFrenchSpacing } from '@/lib/content/french-typography';
import type { Placeholders } from '@/lib/content/placeholders';
import type { SiteSettings } from '@/lib/settings';
import { HELD_COOKIE_DAYS } from '@/lib/comments/held/marker';
import { renderMarkdown } from '@/lib/content/render-markdown';
import { SENT_EMAIL_DAYS, UNCONFIRMED_SUBSCRIPTION_DAYS } from '@/lib/privacy/retention';
import { CONFIRMATION_DAYS } from '@/lib/subscriptions/links';
import { CONFIRMED_ADDRESS_DAYS } from '@/lib/subscriptions/service';

/** A page of the site that is not an article: no author, no comments, never in the feeds or the list of articles. */
export type ContentPage = PageFrontMatter & { html: string };

// Next to the articles, in a folder of its own: readArticles() reads content/*.md only.
const PAGES_DIR = path.join(/*turbopackIgnore: true*/ getContentDir(), 'pages');

/** The durations a page states: the author's settings (lib/privacy/terms.ts), and the follow-up e-mails' interval (configuration). */
type PageTerms = Pick<SiteSettings, 'ipHashRetentionDays' | 'editWindowMinutes'> & { subscriberMailIntervalMinutes: number };

const days = (count: number) => `${count} jour${count > 1 ? 's' : ''}`;
const minutes = (count: number) => `${count} minute${count > 1 ? 's' : ''}`;

/**
 * The values a page's `{{name}}` may ask for: the publisher, the director, the host (config), the
 * site, the durations the author set, and how long a held comment's cookies last.
 */
export function legalPlaceholders(identity: Omit<LegalIdentity, 'missing'>, siteUrl: string, terms: PageTerms): Placeholders {
  const { publisher, director, host } = identity;
  return {
    'conservation.ip': { text: days(terms.ipHashRetentionDays) },
    'attente.duree': { text: days(HELD_COOKIE_DAYS) },
    'modification.delai': { text: terms.editWindowMinutes > 0 ? minutes(terms.editWindowMinutes) : '0 minute (l’éditeur ne le permet pas)' },
    'abonnement.confirmation': { text: days(CONFIRMATION_DAYS) },
    'abonnement.non-confirme': { text: days(UNCONFIRMED_SUBSCRIPTION_DAYS) },
    'abonnement.adresse-confirmee': { text: `${Math.round(CONFIRMED_ADDRESS_DAYS / 30.4)} mois` },
    'abonnement.intervalle': { text: terms.subscriberMailIntervalMinutes > 0 ? minutes(terms.subscriberMailIntervalMinutes) : 'quelques minutes' },
    'courriels.conservation': { text: days(SENT_EMAIL_DAYS) },
    'editeur.nom': { text: publisher.name },
    'editeur.adresse': { text: publisher.address },
    'editeur.email': publisher.email ? { text: publisher.email, href: `mailto:${publisher.email}` } : { text: `${TO_FILL_IN} (PUBLISHER_EMAIL)` },
    'directeur.nom': { text: director },
    'hebergeur.nom': { text: host.name },
    'hebergeur.adresse': { text: host.address },
    'hebergeur.telephone': { text: host.phone },
    'site.adresse': { text: siteUrl, href: siteUrl },
  };
}

/** Parses one page; the error names the file and every bad field or unknown placeholder. */
export async function parseContentPage(fileName: string, source: string, placeholders: Placeholders): Promise<ContentPage> {
  const { data, content } = matter(source);
  const parsed = pageFrontMatter.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(racine)'} : ${issue.message}`);
    throw new Error(`${fileName} : front matter invalide — ${problems.join(' ; ')}`);
  }
  if (`${parsed.data.slug}.md` !== path.basename(fileName)) {
    throw new Error(`${fileName} : le fichier doit s'appeler ${parsed.data.slug}.md (comme son slug)`);
  }
  let html: string;
  try {
    html = await renderMarkdown(content, placeholders);
  } catch (error) {
    throw new Error(`${fileName} : ${(error as Error).message}`);
  }
  return { ...parsed.data, title: applyFrenchSpacing(parsed.data.title), description: applyFrenchSpacing(parsed.data.description), html };
}

export type PageSource = { fileName: string; source: string };

/** The `*.md` files of a folder, in order of slug. */
export async function readPageSources(directory = PAGES_DIR): Promise<PageSource[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ directory)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(files.map(async (name) => ({ fileName: path.join(directory, name), source: await readFile(/*turbopackIgnore: true*/ path.join(directory, name), 'utf8') })));
}

/** Reads and renders every page of a folder, in order of slug. */
export async function readContentPages(placeholders: Placeholders, directory = PAGES_DIR): Promise<ContentPage[]> {
  return renderContentPages(await readPageSources(directory), placeholders);
}

export function renderContentPages(sources: PageSource[], placeholders: Placeholders): Promise<ContentPage[]> {
  return Promise.all(sources.map(({ fileName, source }) => parseContentPage(fileName, source, placeholders)));
}
