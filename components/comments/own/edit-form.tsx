'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { editOwnCommentAction } from '@/lib/comments/own/actions';
import { initialOwnCommentState } from '@/lib/comments/own/state';
import { LIMITS } from '@/lib/comments/limits';

type Props = { slug: string; commentId: number; body: string };

function SaveButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {pending ? 'Enregistrement…' : 'Enregistrer la modification'}
    </button>
  );
}

/** The writer's form for a new text: the same field as the comment form, checked by the same rules on the server. */
export function OwnCommentEditForm({ slug, commentId, body }: Props) {
  const [state, formAction] = useActionState(editOwnCommentAction, initialOwnCommentState);
  const error = state.status === 'error' ? state.fieldErrors.body : undefined;
  const text = state.status === 'error' && state.body !== undefined ? state.body : body;
  return (
    <form action={formAction} className="comment-form" noValidate key={state.status === 'error' ? state.submittedAt : 'form'}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="id" value={commentId} />
      <p className={state.status === 'error' ? 'form-status form-status--error' : 'form-status'} role="status" aria-live="polite">
        {state.status === 'idle' ? '' : state.message}
      </p>
      <div className="field">
        <label htmlFor="own-comment-body">Votre commentaire</label>
        <textarea
          id="own-comment-body"
          name="body"
          rows={8}
          required
          maxLength={LIMITS.body}
          defaultValue={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'own-comment-body-error' : undefined}
        />
        {error ? (
          <p className="field__error" id="own-comment-body-error">
            {error}
          </p>
        ) : null}
      </div>
      <SaveButton />
    </form>
  );
}
