'use server';

import { requireAuthor } from '@/lib/auth';
import { listAllArticles } from '@/lib/content/articles';
import { formText } from '@/lib/http/form-fields';
import { importUpload } from './admin-import';
import { MAP_FIELDS, type ImportFormState } from './form-state';

/** The author's confirmation on the preview: imports the upload with the mapping chosen for its unmatched posts. */
export async function confirmImport(_previous: ImportFormState, formData: FormData): Promise<ImportFormState> {
  // A server action is a public endpoint: the session is checked here, not only by the page.
  const author = await requireAuthor();
  const token = formText(formData, 'fichier');
  if (!token) return { status: 'error', message: 'Fichier non précisé : envoyez-le à nouveau.' };
  const posts = formData.getAll(MAP_FIELDS.post);
  const targets = formData.getAll(MAP_FIELDS.article);
  const slugs = new Set((await listAllArticles()).map((article) => article.slug));
  const map = new Map<string, string>();
  for (const [index, post] of posts.entries()) {
    const target = targets[index];
    if (typeof post !== 'string' || typeof target !== 'string' || target === '') continue;
    if (!slugs.has(target)) return { status: 'error', message: `Article inconnu « ${target.slice(0, 80)} » : rechargez la page et choisissez à nouveau.` };
    map.set(post, target);
  }
  return importUpload(token, map, author.email);
}
