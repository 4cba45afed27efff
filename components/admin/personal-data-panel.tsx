'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { erasePersonalDataAction, lookUpPersonalDataAction } from '@/lib/privacy/actions';
import { initialErasureState, initialLookupState, type ErasureState } from '@/lib/privacy/form-state';
import type { PersonalDataSummary } from '@/lib/privacy/personal-data';
import { TableScroll } from './table-scroll';

const STATUS_LABELS: Record<string, string> = { published: 'publié', pending: 'en attente', spam: 'indésirable', deleted: 'supprimé' };
const ACTION_LABELS: Record<string, string> = { 'privacy.erase': 'effacement', 'privacy.export': 'export' };

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const when = (iso: string) => dateTime.format(new Date(iso));
const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

function Submit({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** The search, what was found, the export and the erasure of one address (RGPD art. 15, 17, 20). */
export function PersonalDataPanel() {
  const [lookup, lookUp] = useActionState(lookUpPersonalDataAction, initialLookupState);
  const [erasure, erase] = useActionState(erasePersonalDataAction, initialErasureState);
  const typed = lookup.status === 'found' ? lookup.summary.email : lookup.status === 'error' ? lookup.email : '';
  return (
    <>
      <form action={lookUp} className="comment-form" noValidate>
        <div className="field">
          <label htmlFor="subject-email">Adresse e-mail de la personne</label>
          <input
            id="subject-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            defaultValue={typed}
            key={typed}
            aria-invalid={lookup.status === 'error' ? true : undefined}
            aria-describedby={lookup.status === 'error' ? 'subject-email-error' : undefined}
          />
          {lookup.status === 'error' ? (
            <p className="field__error" id="subject-email-error">
              {lookup.message}
            </p>
          ) : null}
        </div>
        <Submit label="Chercher" pendingLabel="Recherche…" />
      </form>
      <div role="status" aria-live="polite">
        {erasure.status === 'done' ? <p className="notice">{erasure.message}</p> : null}
        {/* Without JavaScript an erasure's answer comes without the search's: say what to do. */}
        {erasure.status === 'error' && lookup.status !== 'found' ? (
          <p className="notice notice--error">{`${erasure.message} ${Object.values(erasure.fieldErrors).join(' ')} Cherchez à nouveau l’adresse.`}</p>
        ) : null}
      </div>
      {lookup.status === 'found' && erasure.status !== 'done' ? <Findings summary={lookup.summary} erasure={erasure} erase={erase} /> : null}
    </>
  );
}

type FindingsProps = { summary: PersonalDataSummary; erasure: ErasureState; erase: (formData: FormData) => void };

function Findings({ summary, erasure, erase }: FindingsProps) {
  const { comments, auditLines } = summary;
  const isEmpty = comments.total === 0 && summary.mentions === 0 && auditLines.total === 0 && summary.signInRecords === 0 && summary.subscriptions === 0 && summary.messages === 0;
  const errors = erasure.status === 'error' ? erasure.fieldErrors : {};
  return (
    <section aria-labelledby="trouve">
      <h2 id="trouve">Ce que le site garde de {summary.email}</h2>
      {summary.isAuthorAccount ? (
        <p className="notice notice--error">
          C’est l’adresse du compte de l’auteur : elle ne s’efface pas ici (« npm run admin:delete-account »).
        </p>
      ) : null}
      <ul>
        <li>{plural(comments.total, 'commentaire', 'commentaires')} sous cette adresse</li>
        <li>{plural(summary.mentions, 'commentaire d’une autre personne la cite', 'commentaires d’autres personnes la citent')}</li>
        <li>{plural(auditLines.total, 'ligne du journal la nomme', 'lignes du journal la nomment')}</li>
        <li>{plural(summary.signInRecords, 'trace de connexion', 'traces de connexion')}</li>
        <li>{plural(summary.subscriptions, 'abonnement aux commentaires', 'abonnements aux commentaires')}</li>
        <li>{plural(summary.messages, 'e-mail de la boîte d’envoi la concerne', 'e-mails de la boîte d’envoi la concernent')}</li>
      </ul>
      {summary.earlierRequests.length > 0 ? (
        <p className="muted">
          Demandes précédentes pour cette adresse :{' '}
          {summary.earlierRequests.map((request) => `${ACTION_LABELS[request.action] ?? request.action} le ${when(request.createdAt)}`).join(' ; ')}.
        </p>
      ) : null}
      {comments.latest.length > 0 ? (
        <TableScroll label="Commentaires de cette adresse">
          <table className="admin-table">
            <caption className="muted">
              {comments.total > comments.latest.length ? `Les ${comments.latest.length} plus récents ; l’export les contient tous.` : 'Tous les commentaires de cette adresse.'}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Article</th>
                <th scope="col">Nom</th>
                <th scope="col">Statut</th>
                <th scope="col">Texte</th>
              </tr>
            </thead>
            <tbody>
              {comments.latest.map((comment) => (
                <tr key={comment.id}>
                  <td>
                    <a href={`/admin/commentaires/${comment.id}`}>{when(comment.createdAt)}</a>
                  </td>
                  <td>{comment.articleSlug}</td>
                  <td>{comment.authorName}</td>
                  <td>{STATUS_LABELS[comment.status] ?? comment.status}</td>
                  <td className="excerpt">{comment.excerpt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {auditLines.latest.length > 0 ? (
        <>
          <h3>Lignes du journal</h3>
          <ul>
            {auditLines.latest.map((line) => (
              <li key={line.id}>
                {when(line.createdAt)} : {line.action} sur {line.target} ({line.actor})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>Répondre à la demande</h3>
      <form method="post" action="/api/admin/donnees-personnelles" className="inline-form">
        <input type="hidden" name="email" value={summary.email} />
        <button type="submit" className="button">
          Télécharger ces données (JSON)
        </button>
      </form>

      {summary.isAuthorAccount || isEmpty ? null : (
        <form action={erase} className="comment-form" noValidate aria-labelledby="effacer">
          <h3 id="effacer">Effacer ces données</h3>
          <input type="hidden" name="email" value={summary.email} />
          <p className="form-status form-status--error" role="alert">
            {erasure.status === 'error' ? erasure.message : ''}
          </p>
          <fieldset aria-describedby={errors.mode ? 'erase-mode-error' : undefined}>
            <legend>Ses commentaires</legend>
            <label className="choice">
              <input type="radio" name="mode" value="delete" required /> Les supprimer
            </label>
            <label className="choice">
              <input type="radio" name="mode" value="anonymise" required /> Les garder, signés « Anonyme », sans e-mail, site ni empreinte IP
            </label>
            {errors.mode ? (
              <p className="field__error" id="erase-mode-error">
                {errors.mode}
              </p>
            ) : null}
          </fieldset>
          <p className="field__hint">
            Dans les deux cas, l’adresse est retirée des commentaires d’autres personnes et du journal, et ses traces de connexion sont
            supprimées. Le journal garde l’effacement sous une empreinte de l’adresse, jamais l’adresse.
          </p>
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="confirm" value="oui" aria-describedby={errors.confirm ? 'erase-confirm-error' : undefined} /> Je confirme
              l’effacement : il ne se défait pas.
            </label>
            {errors.confirm ? (
              <p className="field__error" id="erase-confirm-error">
                {errors.confirm}
              </p>
            ) : null}
          </div>
          <Submit label="Effacer définitivement" pendingLabel="Effacement…" />
        </form>
      )}
    </section>
  );
}
