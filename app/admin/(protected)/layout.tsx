import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAuthor } from '@/lib/auth';
import { SignOutButton } from '@/components/admin/sign-out-button';

export const metadata: Metadata = { title: 'Administration', robots: { index: false } };

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const author = await requireAuthor();
  return (
    <div className="page admin">
      <nav aria-label="Administration" className="admin-nav">
        <ul>
          <li>
            <Link href="/admin">Tableau de bord</Link>
          </li>
          <li>
            <Link href="/admin/articles">Articles</Link>
          </li>
          <li>
            <Link href="/admin/commentaires?statut=pending">Modération</Link>
          </li>
          <li>
            <Link href="/admin/import">Importer</Link>
          </li>
          <li>
            <Link href="/admin/journal">Journal</Link>
          </li>
          <li>
            <Link href="/admin/donnees-personnelles">Données personnelles</Link>
          </li>
          <li>
            <Link href="/admin/courriels">Courriels</Link>
          </li>
        </ul>
        <p>
          {author.email} · <SignOutButton />
        </p>
      </nav>
      {children}
    </div>
  );
}
