'use client';

import { useActionState, useEffect, useRef, useSyncExternalStore } from 'react';
import { useFormStatus } from 'react-dom';
import { submitComment } from '@/lib/comments/actions';
import { initialCommentFormState, type CommentFormState } from '@/lib/comments/form-state';
import { HELD_COMMENT_POSTED_EVENT } from '@/lib/comments/held/marker';
import { LIMITS } from '@/lib/comments/limits';
import { formatTime } from '@/lib/format-date';
import type { CommentField } from '@/lib/comments/schema';
import type { CollectionNotice } from '@/lib/privacy/collection-notice';
import { CommentView } from './comment-view';
import { PrivacyNotice } from './privacy-notice';

/**
 * `pagePath`: the page the form sits on; a comment that shows elsewhere takes the reader there.
 * `showsHeldInThread`: the thread above shows this form's held comments to their writer once the
 * page's script runs (see useHeldComments); elsewhere, and without JavaScript, the form shows it.
 */
type Props = { slug: string; parentId?: number; title?: string; pagePath?: string; showsHeldInThread?: boolean; notice: CollectionNotice };

const noSubscription = () => () => {};
/** False on the server, and so in the answer to a post without JavaScript; true once the page's script runs. */
const useIsHydrated = () => useSyncExternalStore(noSubscription, () => true, () => false);

function SubmitButton({ label, describedBy }: { label: string; describedBy: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending} aria-describedby={describedBy}>
      {pending ? 'Envoi…' : label}
    </button>
  );
}

export function CommentForm({ slug, parentId, title = 'Laisser un commentaire', pagePath, showsHeldInThread = false, notice }: Props) {
  const [state, formAction] = useActionState<CommentFormState, FormData>(submitComment, initialCommentFormState);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const formId = parentId ? `reponse-${parentId}` : 'commenter';
  const isHydrated = useIsHydrated();

  useEffect(() => {
    if (state.status === 'idle') return;
    // The answer set the held comment's cookies: the thread asks for it now.
    if (state.status === 'success' && state.held) window.dispatchEvent(new Event(HELD_COMMENT_POSTED_EVENT));
    const target = state.status === 'success' && state.isPublished ? document.getElementById(`comment-${state.commentId}`) : null;
    // Published: take the reader to their comment. Otherwise: to the message that says what happened.
    (target ?? statusRef.current)?.focus();
    if (state.status === 'error') {
      const firstInvalid = document.querySelector<HTMLElement>(`#${formId} [aria-invalid="true"]`);
      firstInvalid?.focus();
    }
  }, [state, formId]);

  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : {};
  // A new key after each submission resets the fields to the right default values.
  const formKey = state.status === 'idle' ? 'idle' : String(state.submittedAt);

  const describedBy = (field: CommentField, hint?: string) =>
    [hint, errors[field] ? `${formId}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: CommentField) =>
    errors[field] ? (
      <p className="field__error" id={`${formId}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form id={formId} className="comment-form" action={formAction} key={formKey} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`}>{title}</h3>
      <input type="hidden" name="slug" value={slug} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {pagePath ? <input type="hidden" name="pagePath" value={pagePath} /> : null}
      <p className="comment-form__intro">
        Votre adresse e-mail ne sera pas publiée. Les champs marqués <span aria-hidden="true">*</span>
        <span className="visually-hidden">« obligatoire »</span> sont obligatoires.
      </p>
      <p
        ref={statusRef}
        tabIndex={-1}
        className={state.status === 'error' ? 'form-status form-status--error' : 'form-status'}
        role="status"
        aria-live="polite"
      >
        {state.status === 'idle' ? '' : state.message}
      </p>
      {/* In the answer to the post only, never in a cached page: with or without JavaScript, the writer's links. */}
      {state.status === 'success' && state.editable ? (
        <p className="form-status__own">
          Vous pouvez <a href={state.editable.editPath}>modifier</a> ou <a href={state.editable.deletePath}>supprimer</a> votre
          commentaire jusqu’à {formatTime(new Date(state.editable.until))}, depuis ce navigateur.
        </p>
      ) : null}
      {state.status === 'success' && state.held && !(isHydrated && showsHeldInThread) ? (
        <div className="form-status__held">
          <CommentView comment={state.held} isHeld />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${formId}-name`}>
          Nom <span aria-hidden="true">*</span>
        </label>
        <input
          id={`${formId}-name`}
          name="name"
          autoComplete="name"
          required
          maxLength={LIMITS.name}
          defaultValue={values?.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
        />
        {fieldError('name')}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-email`}>
          E-mail <span aria-hidden="true">*</span>
        </label>
        <input
          id={`${formId}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={LIMITS.email}
          defaultValue={values?.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy('email', `${formId}-email-hint`)}
        />
        <p className="field__hint" id={`${formId}-email-hint`}>
          Jamais publiée.
        </p>
        {fieldError('email')}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-website`}>Site web</label>
        <input
          id={`${formId}-website`}
          name="website"
          type="url"
          inputMode="url"
          autoComplete="url"
          maxLength={LIMITS.website}
          defaultValue={values?.website}
          aria-invalid={errors.website ? true : undefined}
          aria-describedby={describedBy('website')}
        />
        {fieldError('website')}
      </div>
      <div className="field">
        <label htmlFor={`${formId}-body`}>
          Commentaire <span aria-hidden="true">*</span>
        </label>
        <textarea
          id={`${formId}-body`}
          name="body"
          rows={7}
          required
          maxLength={LIMITS.body}
          defaultValue={values?.body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describedBy('body')}
        />
        {fieldError('body')}
      </div>
      <fieldset className="field comment-form__subscribe">
        <legend>Me prévenir par e-mail :</legend>
        <label>
          <input type="checkbox" name="notifyReplies" defaultChecked={values?.notifyReplies ?? false} aria-describedby={`${formId}-subscribe-hint`} /> des réponses à mon
          commentaire
        </label>
        <label>
          <input type="checkbox" name="notifyArticle" defaultChecked={values?.notifyArticle ?? false} aria-describedby={`${formId}-subscribe-hint`} /> de tous les
          nouveaux commentaires de cet article
        </label>
        <p className="field__hint" id={`${formId}-subscribe-hint`}>
          Un e-mail vous demandera de confirmer ; chaque message permet de se désabonner.
        </p>
      </fieldset>
      {errors.parentId ? <p className="field__error">{errors.parentId}</p> : null}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor={`${formId}-homepage`}>Ne remplissez pas ce champ</label>
        <input id={`${formId}-homepage`} name="homepage" tabIndex={-1} autoComplete="off" />
      </div>
      <SubmitButton label={parentId ? 'Publier la réponse' : 'Publier le commentaire'} describedBy={`${formId}-privacy`} />
      <PrivacyNotice id={`${formId}-privacy`} notice={notice} />
    </form>
  );
}
