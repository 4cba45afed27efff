import { saveSettings } from '@/lib/admin/actions';
import type { SiteSettings } from '@/lib/settings';

const MODES = [
  ['publish', 'Publier aussitôt'],
  ['hold-first', 'Retenir le premier commentaire d’une personne'],
  ['hold-all', 'Retenir tous les commentaires'],
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
        <button type="submit" className="button">
          Enregistrer les réglages
        </button>
      </form>
    </section>
  );
}
