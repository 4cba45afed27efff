'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import type { SubscriptionFormState } from '@/lib/subscriptions/actions';

function SubmitButton({ label, accessibleLabel }: { label: string; accessibleLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending} aria-label={pending ? undefined : accessibleLabel}>
      {pending ? 'Envoi…' : label}
    </button>
  );
}

type Props = {
  action: (previous: SubscriptionFormState, formData: FormData) => Promise<SubscriptionFormState>;
  /** The link's parameters, sent back with the button (a GET changes nothing: link scanners follow links). */
  fields: Record<string, string>;
  label: string;
  /** The button's name for assistive technology when several such buttons share a page. */
  accessibleLabel?: string;
};

/** One button that confirms or ends a subscription, and the outcome in a live region. */
export function SubscriptionForm({ action, fields, label, accessibleLabel }: Props) {
  const [state, formAction] = useActionState<SubscriptionFormState, FormData>(action, null);
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p role="status" aria-live="polite" className={state && !state.ok ? 'form-status form-status--error' : 'form-status'}>
        {state?.message}
      </p>
      {state?.ok ? null : <SubmitButton label={label} accessibleLabel={accessibleLabel} />}
    </form>
  );
}
