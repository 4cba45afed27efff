import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAuthor } from '@/lib/auth';
import { SignInForm } from '@/components/admin/sign-in-form';

export const metadata: Metadata = { title: 'Connexion de l’auteur', robots: { index: false } };

export default async function SignInPage() {
  if (await getAuthor()) redirect('/admin');
  return (
    <div className="page narrow">
      <h1>Connexion de l’auteur</h1>
      <SignInForm />
    </div>
  );
}
