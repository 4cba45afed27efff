/** What every parser reads from its format, before any article is matched or anything is stored. */

export type CommentStatus = 'published' | 'pending' | 'spam' | 'deleted';

/** The comment state a source gives a post; `closedAt` and the rest only where the source knows them. */
export type SourceArticleState = { commentsOpen: boolean; closedAt?: Date | null; closedBy?: string | null; closesAt?: Date | null };

/** A post, thread or entry of the source: what can tell which article of the site it is. */
export type SourcePost = {
  /** Its id in the source (WordPress post id, Disqus thread id, Movable Type basename, slug). */
  key: string;
  slug: string | null;
  url: string | null;
  title: string | null;
  state: SourceArticleState | null;
  /** The site's own export: its state is the article's, applied as it is (a restore). */
  isExactState?: boolean;
};

export type SourceComment = {
  postKey: string;
  /** Its id in the file, which replies name as their parent. */
  id: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string | null;
  authorWebsite: string | null;
  /** Plain text already (the parsers convert HTML). */
  body: string;
  status: CommentStatus;
  createdAt: Date;
  editedAt: Date | null;
  /** The raw address, if the source has one: only its salted hash is stored. */
  ip: string | null;
  isAuthor: boolean;
  /** Where the comment first came from, when the file itself is a re-export of an import. */
  origin: { source: string; id: string } | null;
};

/** What a parser yields as it reads, in file order. */
export type ImportEvent =
  /** Names the source (e.g. `wxr:https://ancien-blog.example`): imported comments keep it. */
  | { kind: 'source'; source: string }
  | { kind: 'post'; post: SourcePost }
  | { kind: 'comment'; comment: SourceComment }
  /** A comment the import leaves out on purpose (in the trash, a pingback). */
  | { kind: 'skipped'; postKey: string };
