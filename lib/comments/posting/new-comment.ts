/** The reader's fields as stored (validated and cleaned by the schema). */
export type NewComment = { authorName: string; authorWebsite: string | null; body: string };
