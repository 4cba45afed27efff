import type { Metadata } from 'next';
import { connection } from 'next/server';
import { db } from '@/lib/db';
import { firstParam } from '@/lib/admin/search-params';
import { getArticle } from '@/lib/content/articles';
import { unsubscribeByToken } from '@/lib/subscriptions/actions';
import { findSubscriptionByToken } from '@/lib/subscriptions/service';
import { SubscriptionForm } from '@/components/subscriptions/subscription-form';

export const metadata: Metadata = { title: 'Se désabonner', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UnsubscribePage({ searchParams }: Props) {
  await connection();
  const token = firstParam((await searchParams).jeton) ?? '';
  const subscription = await findSubscriptionByToken(db, token);
  const article = subscription ? await getArticle(subscription.articleSlug) : null;
  return (
    <div className="page narrow">
      <h1>Se désabonner</h1>
      {!subscription ? (
        <p role="alert">Ce lien de désabonnement n’est pas valide.</p>
      ) : subscription.status === 'unsubscribed' ? (
        <p>Vous êtes déjà désabonné(e) : vous ne recevez plus ces e-mails.</p>
      ) : (
        <>
          <p>Ne plus recevoir par e-mail les nouveaux commentaires{article ? ` de « ${article.title} »` : ''} ?</p>
          <SubscriptionForm action={unsubscribeByToken} fields={{ jeton: token }} label="Me désabonner" />
        </>
      )}
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </div>
  );
}
