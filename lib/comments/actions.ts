'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { clientIpFrom } from '@/lib/client-ip';
import type { CommentFormState, CommentFormValues } from './form-state';
import { invalidateComments } from './invalidate';
import { postComment } from './service';

function textOf(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The comment form's server action: a thin wrapper around `postComment`, like the JSON API.
 * `parentId` is bound by the reply page, which goes back to the article once the reply is public.
 */
export async function submitComment(
  slug: string,
  parentId: number | null,
  _previous: CommentFormState,
  formData: FormData,
): Promise<CommentFormState> {
  const values: CommentFormValues = {
    name: textOf(formData, 'name'),
    email: textOf(formData, 'email'),
    website: textOf(formData, 'website'),
    body: textOf(formData, 'body'),
  };
  const result = await postComment(
    slug,
    { ...values, parentId: parentId ?? undefined, homepage: textOf(formData, 'homepage') },
    { db, ip: clientIpFrom(await headers()) },
  );
  const submittedAt = Date.now();
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: result.fieldErrors, values, submittedAt };

  invalidateComments(slug);
  const isPublished = result.comment.status === 'published';
  if (parentId !== null && isPublished) redirect(`/articles/${slug}#comment-${result.comment.id}`);
  return { status: 'success', message: result.message, commentId: result.comment.id, isPublished, submittedAt };
}
