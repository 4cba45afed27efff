import type { Locator, Page } from '@playwright/test';

export type CommentValues = { name?: string; email?: string; website?: string; body?: string };

/** Fills a comment form as a reader types it: the article's (#commenter) unless another is given. */
export async function fillComment(page: Page, values: CommentValues, form: Locator = page.locator('#commenter')) {
  if (values.name !== undefined) await form.getByLabel('Nom').fill(values.name);
  if (values.email !== undefined) await form.getByLabel('E-mail').fill(values.email);
  if (values.website !== undefined) await form.getByLabel('Site web').fill(values.website);
  if (values.body !== undefined) await form.getByLabel(/^Commentaire/).fill(values.body);
}
