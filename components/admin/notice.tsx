/** The message an admin action redirected back with (`?ok=` or `?erreur=`). */
export function Notice({ ok, error }: { ok?: string; error?: string }) {
  if (!ok && !error) return null;
  return (
    <p className={error ? 'notice notice--error' : 'notice'} role={error ? 'alert' : 'status'}>
      {error ?? ok}
    </p>
  );
}
