'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { formText } from '@/lib/http/form-fields';

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState('');
  const [isPending, setPending] = useState(false);

  // onSubmit rather than a form action: React resets a form after its action, and a wrong
  // password should not erase the e-mail.
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    setPending(true);
    setError('');
    const result = await signIn('credentials', {
      email: formText(formData, 'email'),
      password: formText(formData, 'password'),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'E-mail ou mot de passe incorrect.');
      return;
    }
    router.replace('/admin');
    router.refresh();
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      <p className="form-status form-status--error" role="alert">
        {error}
      </p>
      <div className="field">
        <label htmlFor="admin-email">E-mail</label>
        <input id="admin-email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="admin-password">Mot de passe</label>
        <input id="admin-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? 'Connexion…' : 'Se connecter'}
      </button>
    </form>
  );
}
