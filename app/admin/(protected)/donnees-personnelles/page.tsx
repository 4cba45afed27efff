import type { Metadata } from 'next';
import { requireAuthor } from '@/lib/auth';
import { PersonalDataPanel } from '@/components/admin/personal-data-panel';

export const metadata: Metadata = { title: 'Données personnelles' };

/** The readers' rights of access and erasure, answered by the author (lib/privacy/). */
export default async function PersonalDataPage() {
  await requireAuthor();
  return (
    <div className="narrow">
      <h1>Données personnelles</h1>
      <p>
        Une personne demande ce que le site garde d’elle, ou son effacement : cherchez son adresse e-mail. Vérifiez d’abord que la
        demande vient bien d’elle (par exemple, en lui répondant à cette adresse).
      </p>
      <PersonalDataPanel />
    </div>
  );
}
