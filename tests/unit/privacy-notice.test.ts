import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { collectionNoticeOf } from '@/lib/privacy/collection-notice';
import { getConfig, getLegalIdentity } from '@/lib/config';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { PrivacyNotice } from '@/components/comments/privacy-notice';

const render = (controller: string, ipHashRetentionDays = 30) =>
  renderToStaticMarkup(createElement(PrivacyNotice, { id: 'commenter-privacy', notice: { controller, ipHashRetentionDays, editWindowMinutes: 15 } }));

describe('the notice under the comment form', () => {
  it('names the controller from the configuration and the IP hash retention from the settings', () => {
    const identity = getLegalIdentity({ ...getConfig(), PUBLISHER_NAME: 'Éditions Exemple' });
    expect(collectionNoticeOf(identity, { ...DEFAULT_SETTINGS, ipHashRetentionDays: 7 })).toEqual({ controller: 'Éditions Exemple', ipHashRetentionDays: 7, editWindowMinutes: 15 });
  });

  it('says who keeps what, why, for how long, the rights, and links to the policy', () => {
    const html = render('Éditions Exemple');
    expect(html).toContain('id="commenter-privacy"');
    expect(html).toContain('Éditions Exemple, éditeur du site, garde votre nom, votre e-mail (jamais publié)');
    expect(html).toContain('pour publier la conversation et la protéger des abus');
    expect(html).toContain('tant que le commentaire est en ligne');
    expect(html).toContain('s’efface au bout de 30 jours');
    expect(render('Éditions Exemple', 1)).toContain('s’efface au bout de 1 jour.');
    expect(html).toContain('Pendant 15 minutes, ce navigateur garde de quoi modifier ou supprimer votre commentaire');
    expect(html).toContain('accéder, les faire corriger ou effacer, et saisir la CNIL');
    expect(html).toContain('<a href="/confidentialite">politique de confidentialité</a>');
  });

  it('asks for nothing: no box to tick, ticked or not', () => {
    expect(render('Éditions Exemple')).not.toMatch(/<input|checkbox|checked/);
  });

  it('prints the controller as text', () => {
    expect(render('<b>Éditeur</b>')).toContain('&lt;b&gt;Éditeur&lt;/b&gt;');
  });
});
