/** Next's documented cacheHandler contract, as our handler implements it (see cache-handler.cjs). */
type Entry = { lastModified: number; value: unknown; cacheControl?: { revalidate: number | false; expire: number | undefined } };

declare class CacheHandler {
  constructor(context?: unknown);
  get(key: string, context: { softTags?: string[] }): Promise<Entry | null>;
  set(key: string, data: unknown, context: { tags?: string[]; revalidate?: number | false; cacheControl?: { revalidate: number | false; expire?: number } }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}

export = CacheHandler;
