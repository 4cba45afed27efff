/** The reader's fields as stored (validated and cleaned by the schema), and the hash of its edit secret if one was issued. */
export type NewComment = { authorName: string; authorWebsite: string | null; body: string; editSecretHash: string | null };
