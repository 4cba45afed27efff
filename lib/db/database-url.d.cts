/** Where the data lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL: string;

/** A postgresql:// (or postgres://) URL selects PostgreSQL; anything else is a SQLite file. */
export function isPostgresqlUrl(url: string): boolean;
