import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getCollectionNotice } from '@/lib/privacy/collection-notice';
import { getLegalIdentity } from '@/lib/config';
import { PrivacyNotice } from '@/components/comments/privacy-notice';

const render = (controller: string) => renderToStaticMarkup(createElement(PrivacyNotice, { id: 'commenter-privacy', notice: { controller } }));

describe('the notice under the comment form', () => {
  it('names the controller from the legal identity of the configuration', () => {
    expect(getCollectionNotice().controller).toBe(getLegalIdentity().publisher.name);
  });

  it('says who keeps what, why, for how long, the rights, and links to the policy', () => {
    const html = render('Éditions Exemple');
    expect(html).toContain('id="commenter-privacy"');
    expect(html).toContain('Éditions Exemple, éditeur du site, garde votre nom, votre e-mail (jamais publié)');
    expect(html).toContain('pour publier la conversation et la protéger des abus');
    expect(html).toContain('tant que le commentaire est en ligne');
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
