'use server';

import { refresh } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { clientAddressFrom } from '@/lib/client-ip';
import type { CommentFormState, CommentFormValues } from './form-state';
import { purgeCommentPages } from './purge-comment-pages';
import { notifyAuthorAfterResponse } from '@/lib/notifications/notify-author';
import { postComment } from './service';

function textOf(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The comment form's server action: a thin wrapper around `postComment`, like the JSON API. The
 * article and the parent come as form fields, not bound arguments: a bound action with
 * useActionState hangs Next's no-JavaScript path (vercel/next.js#57867). A reply goes back to the
 * article once it is public.
 */
export async function submitComment(_previous: CommentFormState, formData: FormData): Promise<CommentFormState> {
  // A server action is a public endpoint: a hand-made request can send anything as arguments.
  if (!(formData instanceof FormData)) {
    return { status: 'error', message: 'Requête invalide.', fieldErrors: {}, values: { name: '', email: '', website: '', body: '' }, submittedAt: Date.now() };
  }
  const slug = textOf(formData, 'slug');
  const parentField = textOf(formData, 'parentId');
  const values: CommentFormValues = {
    name: textOf(formData, 'name'),
    email: textOf(formData, 'email'),
    website: textOf(formData, 'website'),
    body: textOf(formData, 'body'),
  };
  const result = await postComment(
    slug,
    { ...values, parentId: parentField || undefined, homepage: textOf(formData, 'homepage') },
    { db, ip: clientAddressFrom(await headers()) },
  );
  const submittedAt = Date.now();
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors, values, submittedAt };

  const isPublished = result.comment.status === 'published';
  if (isPublished) {
    await purgeCommentPages([slug]);
    // The page this form sits on shows the new comment when the action answers.
    refresh();
  }
  notifyAuthorAfterResponse(result.comment);
  if (result.comment.parentId !== null && isPublished) redirect(`/articles/${slug}#comment-${result.comment.id}`);
  return { status: 'success', message: result.message, commentId: result.comment.id, isPublished, submittedAt };
}
