'use server';

import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { forgetEditSecret, readEditSecret } from './cookies';
import { deleteOwnComment, editOwnComment } from './comment';
import type { OwnCommentFormState } from './state';
import { commentPlacePath, parseCommentId } from '../paging';
import { locateComment } from '../thread-page';
import { formText } from '@/lib/http/form-fields';

// Public endpoints: what decides is the secret cookie, checked by the service, never a form field.

const failed = (message: string, fieldErrors: { body?: string } = {}, body?: string): OwnCommentFormState => ({ status: 'error', message, fieldErrors, body, submittedAt: Date.now() });

/** The writer saves a new text: back to the comment in its page when it shows, else a message. */
export async function editOwnCommentAction(_previous: OwnCommentFormState, formData: FormData): Promise<OwnCommentFormState> {
  const slug = formText(formData, 'slug');
  const id = parseCommentId(formText(formData, 'id'));
  if (!id) return failed('Ce commentaire n’existe pas.');
  const body = formText(formData, 'body');
  const result = await editOwnComment(db, { slug, id, secret: await readEditSecret(id), body });
  if (!result.ok) return failed(result.message, result.fieldErrors, body);
  // Straight to its page and anchor: a server action's redirect to the permalink route would lose the anchor.
  const place = result.isChanged && result.status === 'published' ? await locateComment(db, slug, id) : null;
  if (place) redirect(commentPlacePath(slug, id, place));
  return { status: 'success', message: result.message };
}

/** The writer deletes their comment: the cookies go with it, and the reader goes back to the article. */
export async function deleteOwnCommentAction(_previous: OwnCommentFormState, formData: FormData): Promise<OwnCommentFormState> {
  const slug = formText(formData, 'slug');
  const id = parseCommentId(formText(formData, 'id'));
  if (!id) return failed('Ce commentaire n’existe pas.');
  const result = await deleteOwnComment(db, { slug, id, secret: await readEditSecret(id) });
  if (!result.ok) return failed(result.message);
  await forgetEditSecret(slug, id);
  redirect(`/articles/${slug}#commentaires`);
}
