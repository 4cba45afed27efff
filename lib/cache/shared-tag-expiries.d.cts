export type SharedTagExpiries = {
  /** Every shared tag with its expiry (epoch ms); [] when the database cannot answer (logged). */
  readAll(): Promise<Array<[tag: string, expiredAt: number]>>;
  /** Records that `tag` expired at `expiredAt` (epoch ms), never moving an expiry back. */
  write(tag: string, expiredAt: number): Promise<void>;
  close(): Promise<void>;
};

export function sharedTagExpiries(databaseUrl: string): SharedTagExpiries;
