/** Where the data lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL: string;
