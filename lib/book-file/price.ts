type Price = { cents: number; display: string };
export type PriceCheck = ({ ok: true } & Price) | { ok: false; message: string };

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** « 19,90 € », as French readers write it. */
function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

function invalid(text: string): PriceCheck {
  return { ok: false, message: `prix invalide « ${text} » : un nombre en euros est attendu, par exemple 19,90.` };
}

/** A price in euros from the front matter: a YAML number (19.9) or a text (« 19,90 », « 19.90 », « 19,90 € »). */
export function parsePrice(value: number | string): PriceCheck {
  let cents: number;
  if (typeof value === 'number') {
    cents = Math.round(value * 100);
    // More than two decimals is a typing slip, not a price to round silently.
    if (!Number.isFinite(value) || Math.abs(value * 100 - cents) > 1e-6) return invalid(String(value));
  } else {
    const match = /^(\d{1,6})(?:[.,](\d{1,2}))?(?:[\s\u00a0\u202f]*(?:€|EUR))?$/i.exec(value.trim());
    if (!match) return invalid(value.trim());
    cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  }
  if (cents <= 0) return invalid(String(value).trim());
  return { ok: true, cents, display: formatEuros(cents) };
}
