export type TagVersions = {
  /** Every moved tag with its version; rejects when the database cannot answer. */
  read(): Promise<Map<string, number>>;
  /** Moves each tag's version up by one, in one transaction; rejects when it cannot. */
  move(tags: string[]): Promise<void>;
  close(): Promise<void>;
};

export function tagVersions(databaseUrl: string): TagVersions;
/** The one statement that moves `count` distinct tags' versions, with the driver's placeholders. */
export function moveTagsSql(count: number, provider: 'sqlite' | 'postgresql'): string;
