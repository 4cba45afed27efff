/** The first value of a query-string parameter, as Next passes them to pages. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A page number from the address: a positive integer written plainly (no 02, no 1e3), or null. */
export function parsePageNumber(text: string): number | null {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) return null;
  return Number(text);
}

/** The `page` of a query string (`?page=3`): page 1 when it is missing or not a page number. */
export function pageParam(value: string | string[] | undefined): number {
  return parsePageNumber(firstParam(value) ?? '') ?? 1;
}
