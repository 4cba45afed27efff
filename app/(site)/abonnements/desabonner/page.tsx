import type { Metadata } from 'next';
import { connection } from 'next/server';
import { db } from '@/lib/db';
import { firstParam } from '@/lib/http/search-params';
import { listArticles } from '@/lib/content/articles';
import { formatDate } from '@/lib/format-date';
import { unsubscribeAllByToken, unsubscribeByToken } from '@/lib/subscriptions/actions';
import { findSubscriptionsOfToken } from '@/lib/subscriptions/service';
import { SITE_LIST_SLUG, SITE_LIST_TEXT, type SiteList } from '@/lib/subscriptions/site-lists';
import { SubscriptionForm } from '@/components/subscriptions/subscription-form';

export const metadata: Metadata = { title: 'Vos abonnements aux commentaires', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Reached from every e-mail to a reader: the address's subscriptions, each ended by its own
 * button, and all of them by one. Buttons, not links: a mail scanner following the link changes nothing.
 */
export default async function ManageSubscriptionsPage({ searchParams }: Props) {
  await connection();
  const token = firstParam((await searchParams).jeton) ?? '';
  const found = await findSubscriptionsOfToken(db, token);
  const titles = new Map((await listArticles()).map((article) => [article.slug, article.title]));
  const titleOf = (slug: string) => titles.get(slug) ?? slug;
  return (
    <div className="page narrow">
      <h1>Vos abonnements aux commentaires</h1>
      {!found ? (
        <p role="alert">Ce lien de désabonnement n’est pas valide.</p>
      ) : (
        <>
          <p>
            Adresse : <strong>{found.email}</strong>
          </p>
          {found.own.status === 'unsubscribed' ? (
            <p>
              {found.own.articleSlug === SITE_LIST_SLUG
                ? 'Vous êtes déjà désabonné(e) de cette liste.'
                : `Vous êtes déjà désabonné(e) des commentaires de « ${titleOf(found.own.articleSlug)} ».`}
            </p>
          ) : null}
          {found.running.length === 0 ? (
            <p>Aucun abonnement en cours : vous ne recevez plus d’e-mail de ce site.</p>
          ) : (
            <>
              <ul className="subscription-list">
                {found.running.map((subscription) => {
                  const what =
                    subscription.scope === 'replies'
                      ? `les réponses à votre commentaire du ${formatDate(subscription.createdAt)}`
                      : subscription.scope === 'article'
                        ? 'tous les nouveaux commentaires'
                        : SITE_LIST_TEXT[subscription.scope as SiteList];
                  const title = subscription.articleSlug === SITE_LIST_SLUG ? 'Le site' : titleOf(subscription.articleSlug);
                  return (
                    <li key={subscription.id}>
                      <p>
                        « {title} » : {what}
                        {subscription.status === 'pending' ? ' (en attente de confirmation)' : ''}
                      </p>
                      <SubscriptionForm
                        action={unsubscribeByToken}
                        fields={{ jeton: subscription.unsubscribeToken }}
                        label="Me désabonner"
                        accessibleLabel={`Me désabonner : « ${title} », ${what}`}
                      />
                    </li>
                  );
                })}
              </ul>
              {found.total > found.running.length ? <p>Et {found.total - found.running.length} autres abonnements, plus anciens.</p> : null}
              <h2>Tout arrêter</h2>
              <p>Ne plus recevoir aucun e-mail de ce site : ni commentaires, ni parution, ni nouveaux articles.</p>
              <SubscriptionForm action={unsubscribeAllByToken} fields={{ jeton: token }} label="Me désabonner de tout" />
            </>
          )}
        </>
      )}
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </div>
  );
}
