import { saveSettings } from '@/lib/admin/actions';
import { COMMENTS_PER_PAGE, EDIT_WINDOW_MINUTES, IP_HASH_RETENTION_DAYS, type SiteSettings } from '@/lib/settings';

const MODES = [
  ['publish', 'Publier aussitôt'],
  ['hold-first', 'Retenir le premier commentaire d’une personne'],
  ['hold-all', 'Retenir tous les commentaires'],
] as const;

// Pages are numbered oldest first and the article shows the last one either way (see homePageOf).
const ORDERS = [
  ['oldest', 'Plus anciens d’abord'],
  ['newest', 'Plus récents d’abord'],
] as const;

export function SettingsForm({ settings }: { settings: SiteSettings }) {
  return (
    <section aria-labelledby="reglages">
      <h2 id="reglages">Réglages</h2>
      <form action={saveSettings} className="comment-form">
        <fieldset>
          <legend>Modération des nouveaux commentaires</legend>
          {MODES.map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="moderation" value={value} defaultChecked={settings.moderation === value} /> {label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="close-after">Fermer les commentaires des articles de plus de (jours, vide : jamais)</label>
          <input id="close-after" name="closeAfterDays" type="number" min={1} inputMode="numeric" defaultValue={settings.closeAfterDays ?? undefined} />
        </div>
        <div className="field">
          <label htmlFor="comments-per-page">
            Commentaires par page (de {COMMENTS_PER_PAGE.min} à {COMMENTS_PER_PAGE.max}, réponses en plus)
          </label>
          <input
            id="comments-per-page"
            name="commentsPerPage"
            type="number"
            min={COMMENTS_PER_PAGE.min}
            max={COMMENTS_PER_PAGE.max}
            inputMode="numeric"
            required
            defaultValue={settings.commentsPerPage}
          />
        </div>
        <fieldset>
          <legend>Ordre des commentaires sur chaque page</legend>
          <p className="field__hint">L’article montre toujours la page des commentaires les plus récents.</p>
          {ORDERS.map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="commentOrder" value={value} defaultChecked={settings.commentOrder === value} /> {label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="ip-hash-retention">
            Effacer l’empreinte de l’adresse IP des commentaires au bout de (jours, de {IP_HASH_RETENTION_DAYS.min} à {IP_HASH_RETENTION_DAYS.max})
          </label>
          <input
            id="ip-hash-retention"
            name="ipHashRetentionDays"
            type="number"
            min={IP_HASH_RETENTION_DAYS.min}
            max={IP_HASH_RETENTION_DAYS.max}
            inputMode="numeric"
            required
            defaultValue={settings.ipHashRetentionDays}
            aria-describedby="ip-hash-retention-hint"
          />
          <p className="field__hint" id="ip-hash-retention-hint">
            Elle ne sert qu’à limiter les envois en rafale ; la politique de confidentialité et le formulaire de commentaire
            indiquent ce délai.
          </p>
        </div>
        <div className="field">
          <label htmlFor="edit-window">
            Un lecteur peut modifier ou supprimer son commentaire pendant (minutes après l’envoi, de {EDIT_WINDOW_MINUTES.min} à{' '}
            {EDIT_WINDOW_MINUTES.max}, 0 : jamais)
          </label>
          <input
            id="edit-window"
            name="editWindowMinutes"
            type="number"
            min={EDIT_WINDOW_MINUTES.min}
            max={EDIT_WINDOW_MINUTES.max}
            inputMode="numeric"
            required
            defaultValue={settings.editWindowMinutes}
          />
        </div>
        <button type="submit" className="button">
          Enregistrer les réglages
        </button>
      </form>
    </section>
  );
}
