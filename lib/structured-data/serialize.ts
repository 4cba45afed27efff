import type { JsonLd } from './types';

/**
 * JSON for an inline `<script type="application/ld+json">`. `<`, `>` and `&` become `\u003c`,
 * `\u003e`, `\u0026` (still the same JSON), so a comment containing `</script>` or `<!--` cannot
 * close the script or open a comment; U+2028/U+2029 are escaped for old JavaScript parsers.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
