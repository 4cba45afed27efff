'use server';

import { refresh } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { clientAddressFrom } from '@/lib/client-ip';
import type { CommentFormState, CommentFormValues, EditableComment } from './form-state';
import { giveEditSecret } from './own/cookies';
import { ownCommentDeletePath, ownCommentEditPath } from './own/marker';
import { giveHeldProof } from './held/cookies';
import { heldCommentOf } from './held/comments';
import { postComment } from './service';
import { commentPlacePath } from './paging';
import { locateComment } from './thread-page';
import { formText } from '@/lib/http/form-fields';

/**
 * The comment form's server action: a thin wrapper around `postComment`, like the JSON API. The
 * article and the parent come as form fields, not bound arguments: a bound action with
 * useActionState hangs Next's no-JavaScript path (vercel/next.js#57867). A public reply, or a
 * comment that shows on another page than the form's, takes the reader to the page that shows it.
 */
export async function submitComment(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  // A server action is a public endpoint: a hand-made request can send anything as arguments.
  if (!(formData instanceof FormData)) {
    return { status: 'error', message: 'Requête invalide.', fieldErrors: {}, values: { name: '', email: '', website: '', body: '' }, submittedAt: Date.now() };
  }
  const slug = formText(formData, 'slug');
  const parentField = formText(formData, 'parentId');
  const values: CommentFormValues = {
    name: formText(formData, 'name'),
    email: formText(formData, 'email'),
    website: formText(formData, 'website'),
    body: formText(formData, 'body'),
    notifyReplies: formText(formData, 'notifyReplies') === 'on',
    notifyArticle: formText(formData, 'notifyArticle') === 'on',
  };
  const result = await postComment(
    slug,
    { ...values, parentId: parentField || undefined, homepage: formText(formData, 'homepage') },
    { db, ip: clientAddressFrom(await headers()), issueEditSecret: true },
  );
  const submittedAt = Date.now();
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors, values, submittedAt };

  // The secret goes to this browser only, in this answer (a POST: no cache keeps it).
  const { editSecret, ...comment } = result.comment;
  let editable: EditableComment | null = null;
  if (editSecret && comment.editableUntil) {
    await giveEditSecret(slug, comment.id, editSecret, comment.editableUntil);
    editable = { editPath: ownCommentEditPath(slug, comment.id), deletePath: ownCommentDeletePath(slug, comment.id), until: comment.editableUntil.toISOString() };
  }

  const isPublished = comment.status === 'published';
  // A held comment shows to this browser alone: its signed proof and marker, in this answer only.
  if (!isPublished) await giveHeldProof(slug, comment.id);
  let target: string | null = null;
  if (isPublished) {
    const place = await locateComment(db, slug, comment.id);
    target = place ? commentPlacePath(slug, comment.id, place) : null;
    // The page this form sits on shows the new comment when the action answers.
    refresh();
  }
  // Only compared, never followed: the address the reader is sent to is always one built here.
  const formPage = formText(formData, 'pagePath');
  if (target && (comment.parentId !== null || target.split('#')[0] !== formPage)) redirect(target);
  const held = isPublished ? null : heldCommentOf(comment);
  return { status: 'success', message: result.message, commentId: comment.id, isPublished, submittedAt, editable, held };
}
