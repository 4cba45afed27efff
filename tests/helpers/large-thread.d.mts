export type LargeThreadOptions = {
  /** `file:…` (SQLite) or `postgresql://…`, of a migrated database. */
  databaseUrl: string;
  slug: string;
  count: number;
  /** Every n-th comment answers an earlier top-level one; 0 for none. Default 10. */
  repliesEvery?: number;
  /** The first comment's date (ISO or Date); each next one is a second later. */
  startAt?: string | Date;
};

export type LargeThread = { firstId: number; lastId: number; replies: number };

export function seedLargeThread(options: LargeThreadOptions): Promise<LargeThread>;
