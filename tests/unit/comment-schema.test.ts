import { describe, expect, it } from 'vitest';
import { commentInput, fieldErrorsOf } from '@/lib/comments/schema';

const valid = { name: 'Yann', email: 'yann@exemple.fr', body: 'Bonne chance !' };

function errorsFor(input: unknown) {
  const result = commentInput.safeParse(input);
  if (result.success) throw new Error('expected a validation error');
  return fieldErrorsOf(result.error);
}

describe('the comment schema', () => {
  it('accepts a comment with the required fields only', () => {
    const parsed = commentInput.parse(valid);
    expect(parsed).toMatchObject({ name: 'Yann', email: 'yann@exemple.fr', body: 'Bonne chance !' });
    expect(parsed.website).toBeUndefined();
  });

  it('gives each missing field its own French message', () => {
    expect(errorsFor({})).toEqual({
      name: 'Indiquez votre nom.',
      email: 'Indiquez votre adresse e-mail.',
      body: 'Écrivez votre commentaire.',
    });
  });

  it('rejects blank and invisible-only text', () => {
    expect(errorsFor({ ...valid, body: '   \n\t ' }).body).toBe('Écrivez votre commentaire.');
    expect(errorsFor({ ...valid, body: '\u200B\u200B\uFEFF' }).body).toBe('Écrivez votre commentaire.');
    expect(errorsFor({ ...valid, name: '\u3164' }).name).toBe('Indiquez votre nom.');
  });

  it('enforces the WordPress length limits', () => {
    expect(errorsFor({ ...valid, name: 'a'.repeat(246) }).name).toMatch(/trop long.*245/);
    expect(errorsFor({ ...valid, email: `${'a'.repeat(95)}@ex.fr` }).email).toMatch(/trop longue.*100/);
    expect(errorsFor({ ...valid, body: 'a'.repeat(65_526) }).body).toMatch(/trop long/);
    expect(commentInput.safeParse({ ...valid, body: 'a'.repeat(65_525) }).success).toBe(true);
  });

  it('strips control characters and normalises line ends', () => {
    expect(commentInput.parse({ ...valid, body: 'Un\r\ndeux\u0000\u0007\rtrois' }).body).toBe('Un\ndeux\ntrois');
  });

  it('accepts only http and https websites', () => {
    expect(commentInput.parse({ ...valid, website: 'exemple.fr' }).website).toBe('https://exemple.fr/');
    expect(commentInput.parse({ ...valid, website: 'http://exemple.fr/blog' }).website).toBe('http://exemple.fr/blog');
    expect(commentInput.parse({ ...valid, website: '  ' }).website).toBeUndefined();
    for (const website of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://exemple.fr', 'http://']) {
      expect(errorsFor({ ...valid, website }).website, website).toBeDefined();
    }
  });

  it('rejects wrong types with a French message instead of throwing', () => {
    const errors = errorsFor({ name: 42, email: ['a'], body: { text: 'x' }, parentId: 'abc' });
    expect(errors.name).toBe('Le nom doit être du texte.');
    expect(errors.email).toBeDefined();
    expect(errors.body).toBe('Le commentaire doit être du texte.');
    expect(errors.parentId).toBe('Le commentaire auquel vous répondez est invalide.');
  });

  it('takes a parent id only as a positive 32-bit integer or its decimal digits', () => {
    expect(commentInput.parse({ ...valid, parentId: '12' }).parentId).toBe(12);
    expect(commentInput.parse({ ...valid, parentId: 12 }).parentId).toBe(12);
    expect(commentInput.parse({ ...valid, parentId: '' }).parentId).toBeUndefined();
    for (const parentId of ['0x10', '1e1', ' 12 ', '1.5', '-1', '+3', 1.5, 0, -1, 2 ** 31, '99999999999999999999', 1e308, true, [1], {}]) {
      expect(errorsFor({ ...valid, parentId }).parentId, String(parentId)).toBe('Le commentaire auquel vous répondez est invalide.');
    }
  });

  it('rejects an invalid e-mail address', () => {
    expect(errorsFor({ ...valid, email: 'pas-une-adresse' }).email).toBe("L'adresse e-mail n'est pas valide.");
  });
});
