'use client';

import { useActionState, useId } from 'react';
import { useFormStatus } from 'react-dom';
import { subscribeToSiteList, type SiteListFormState } from '@/lib/subscriptions/site-list-actions';
import type { SiteList } from '@/lib/subscriptions/site-lists';

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {pending ? 'Envoi…' : label}
    </button>
  );
}

type Props = { list: SiteList; label: string; explanation: string };

/** « Prévenez-moi de la parution » / « Nouveaux articles »: an address, a button, the outcome in a live region; works without JavaScript. */
export function SiteListForm({ list, label, explanation }: Props) {
  const [state, formAction] = useActionState<SiteListFormState, FormData>(subscribeToSiteList, null);
  const id = useId();
  return (
    <form action={formAction} className="site-list-form">
      <input type="hidden" name="list" value={list} />
      <label htmlFor={`${id}-email`}>Votre adresse e-mail</label>
      <div className="site-list-form__row">
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          defaultValue={state?.email}
          aria-describedby={`${id}-explanation ${id}-status`}
          aria-invalid={state && !state.ok ? true : undefined}
        />
        <SubmitButton label={label} />
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className={state && !state.ok ? 'form-status form-status--error' : 'form-status'}>
        {state?.message}
      </p>
      <p id={`${id}-explanation`} className="site-list-form__explanation">
        {explanation} Un e-mail de confirmation d’abord ; désabonnement en un clic dans chaque e-mail.{' '}
        <a href="/confidentialite">Vos données</a>
      </p>
    </form>
  );
}
