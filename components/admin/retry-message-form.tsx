'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { retryMessage, type RetryState } from '@/lib/admin/outbox-actions';

function SubmitButton({ id }: { id: number }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-describedby={`outbox-retry-status-${id}`}>
      {pending ? 'Envoi…' : 'Réessayer'}
    </button>
  );
}

/**
 * « Réessayer » for a failed message: puts it back to waiting. Rendered on every row, button or
 * not, so that the outcome stays announced once the row, refreshed, is no longer failed.
 */
export function RetryMessageForm({ id, canRetry }: { id: number; canRetry: boolean }) {
  const [state, action] = useActionState<RetryState, FormData>(retryMessage, null);
  if (!canRetry && !state) return null;
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      {canRetry ? <SubmitButton id={id} /> : null}
      <span id={`outbox-retry-status-${id}`} role="status" className={state && !state.ok ? 'outbox-error notice--error' : 'muted'}>
        {state?.message}
      </span>
    </form>
  );
}
