export type IsbnCheck = { ok: true; isbn13: string; isbn10?: string } | { ok: false; message: string };

function isbn13CheckDigit(first12: string): number {
  const sum = [...first12].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10;
}

/**
 * The ISBN-10 of a 978 ISBN-13 (same book, older numbering), or undefined: a 979 ISBN has none.
 * `isbn13` is 13 digits, already checked.
 */
export function toIsbn10(isbn13: string): string | undefined {
  if (!isbn13.startsWith('978')) return undefined;
  const core = isbn13.slice(3, 12);
  const sum = [...core].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return `${core}${check === 10 ? 'X' : check}`;
}

/** An ISBN-13 as an author types it (hyphens and spaces allowed) → its 13 digits, or why not. */
export function checkIsbn13(text: string): IsbnCheck {
  const digits = text.replace(/[-\s\u00a0]/g, '');
  if (!/^\d{13}$/.test(digits)) {
    return { ok: false, message: `ISBN-13 invalide « ${text.trim()} » : 13 chiffres attendus (tirets et espaces permis), par exemple 978-2-…` };
  }
  if (!digits.startsWith('978') && !digits.startsWith('979')) {
    return { ok: false, message: `ISBN-13 invalide « ${text.trim()} » : il commence par 978 ou 979.` };
  }
  const expected = isbn13CheckDigit(digits.slice(0, 12));
  const given = Number(digits[12]);
  if (expected !== given) {
    return { ok: false, message: `ISBN-13 invalide : le chiffre de contrôle devrait être ${expected}, pas ${given}.` };
  }
  const isbn10 = toIsbn10(digits);
  return isbn10 ? { ok: true, isbn13: digits, isbn10 } : { ok: true, isbn13: digits };
}
