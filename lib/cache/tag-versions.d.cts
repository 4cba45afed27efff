export type TagVersions = {
  /** Every moved tag with its version; rejects when the database cannot answer. */
  read(): Promise<Map<string, number>>;
  /** Moves each tag's version up by one, in one transaction; rejects when it cannot. */
  move(tags: string[]): Promise<void>;
  close(): Promise<void>;
};

export function tagVersions(databaseUrl: string): TagVersions;
/** The statement that moves one tag's version, with the driver's placeholder (`?` or `$1`). */
export function moveTagSql(placeholder: string): string;
