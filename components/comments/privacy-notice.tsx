import { PRIVACY_POLICY_PATH, formatDays, formatMinutes, type CollectionNotice } from '@/lib/privacy/collection-notice';

type Props = { id: string; notice: CollectionNotice };

/**
 * The information due where the data is collected (RGPD art. 13, CNIL): who, why, how long, the
 * reader's rights, and the policy. Information only: nothing to tick, nothing ticked.
 */
export function PrivacyNotice({ id, notice }: Props) {
  return (
    <div className="comment-form__privacy" id={id}>
      <p>
        <strong>Vos données.</strong> {notice.controller}, éditeur du site, garde votre nom, votre e-mail (jamais publié), votre site
        et votre commentaire pour publier la conversation et la protéger des abus, tant que le commentaire est en ligne ; une
        empreinte de votre adresse IP, jamais l’adresse elle-même, sert à limiter les envois en rafale et s’efface au bout de{' '}
        {formatDays(notice.ipHashRetentionDays)}.
        {notice.editWindowMinutes > 0
          ? ` Pendant ${formatMinutes(notice.editWindowMinutes)}, ce navigateur garde de quoi modifier ou supprimer votre commentaire (un cookie nécessaire, effacé ensuite).`
          : null}
      </p>
      <p>
        Vous pouvez y accéder, les faire corriger ou effacer, et saisir la CNIL : voir la{' '}
        <a href={PRIVACY_POLICY_PATH}>politique de confidentialité</a>.
      </p>
    </div>
  );
}
