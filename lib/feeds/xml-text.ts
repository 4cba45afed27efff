// Characters XML 1.0 does not allow at all (a feed containing one is rejected by readers).
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
export function toXmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

/**
 * Escapes text for an HTML field of a feed (`content:encoded`, Atom `type="html"`). Also the only
 * safe way into the `feed` library's CDATA sections: its XML writer splits only the first `]]>`,
 * and escaping `>` leaves none.
 */
export function escapeHtml(text: string): string {
  return toXmlText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text for a plain element of the `feed` library (author names). Its XML writer first turns every
 * `&amp;` back into `&` (to avoid escaping twice), which would change a name that contains one.
 */
export function toLibraryText(text: string): string {
  return toXmlText(text).replace(/&amp;/g, '&amp;amp;');
}
