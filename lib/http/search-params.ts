/** The first value of a query-string parameter, as Next passes them to pages. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
