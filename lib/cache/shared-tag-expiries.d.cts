export type SharedTagExpiries = {
  /** Every shared tag with its expiry (epoch ms); [] when the database cannot answer (logged). */
  readAll(): Promise<Array<[tag: string, expiredAt: number]>>;
  /** Changes whenever any shared expiry does; null when the database cannot answer (logged). */
  version(): Promise<string | null>;
  /** Records that `tag` expired at `expiredAt` (epoch ms), never moving an expiry back. */
  write(tag: string, expiredAt: number): Promise<void>;
  close(): Promise<void>;
};

export function sharedTagExpiries(databaseUrl: string): SharedTagExpiries;
