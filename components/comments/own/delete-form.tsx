'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { deleteOwnCommentAction } from '@/lib/comments/own/actions';
import { initialOwnCommentState } from '@/lib/comments/own/state';

function DeleteButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {pending ? 'Suppression…' : 'Supprimer mon commentaire'}
    </button>
  );
}

/** The writer's removal of their comment, confirmed by this button. */
export function OwnCommentDeleteForm({ slug, commentId }: { slug: string; commentId: number }) {
  const [state, formAction] = useActionState(deleteOwnCommentAction, initialOwnCommentState);
  return (
    <form action={formAction} className="comment-form">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="id" value={commentId} />
      <p className={state.status === 'error' ? 'form-status form-status--error' : 'form-status'} role="status" aria-live="polite">
        {state.status === 'idle' ? '' : state.message}
      </p>
      <DeleteButton />
    </form>
  );
}
