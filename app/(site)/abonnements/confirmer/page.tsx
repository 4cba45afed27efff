import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getSubscriptionSecret } from '@/lib/config';
import { firstParam } from '@/lib/http/search-params';
import { confirmSubscription } from '@/lib/subscriptions/actions';
import { verifyConfirmation } from '@/lib/subscriptions/links';
import { LINK_EXPIRED, LINK_INVALID } from '@/lib/subscriptions/service';
import { SubscriptionForm } from '@/components/subscriptions/subscription-form';

export const metadata: Metadata = { title: 'Confirmer l’abonnement', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConfirmSubscriptionPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const fields = { ids: firstParam(params.ids) ?? '', expire: firstParam(params.expire) ?? '', signature: firstParam(params.signature) ?? '' };
  const check = verifyConfirmation(fields, getSubscriptionSecret(), new Date());
  return (
    <div className="page narrow">
      <h1>Confirmer l’abonnement</h1>
      {check.ok ? (
        <>
          <p>Confirmez pour recevoir les e-mails que vous avez demandés.</p>
          <SubscriptionForm action={confirmSubscription} fields={fields} label="Confirmer mon abonnement" />
        </>
      ) : (
        <p role="alert">{check.reason === 'expired' ? LINK_EXPIRED : LINK_INVALID}</p>
      )}
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </div>
  );
}
