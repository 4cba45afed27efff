import type { OutboxMessageInput } from '@/lib/mail/outbox';
import type { SubscriberMail } from '@/lib/subscriptions/notify';
import type { ChangedPages } from '../paging';
import type { FieldErrors } from '../schema';

/**
 * Why a comment waits for the author, told to its writer: everything is held (the author's
 * « tout retenir »), two links or more, or an address's first comment (« retenir le premier »).
 */
export type HeldReason = 'all' | 'links' | 'first-comment';

export type StoredComment = {
  id: number;
  articleSlug: string;
  parentId: number | null;
  authorName: string;
  /** For the author's notification only: never sent to readers. */
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  status: 'published' | 'pending';
  /** Why a held comment waits (its writer is told); null when published. */
  heldBecause: HeldReason | null;
  createdAt: Date;
  /** The pages a published comment changed (their cache tags moved with it); null when held. */
  changed: ChangedPages | null;
  /** Until when its writer may edit or delete it (with an edit secret, and a window the author allows). */
  editableUntil: Date | null;
  /** The edit secret, for the posting browser only (lib/comments/own/cookies.ts); never stored. */
  editSecret?: string;
};

/** The e-mails a stored comment causes, queued in its transaction (lib/mail/outbox.ts). */
export type OutboxMail = (comment: StoredComment) => OutboxMessageInput[];

/** The e-mails posting queues: the author's, and the subscribers' of a published comment. */
export type PostingMail = { author: OutboxMail | null; subscribers: SubscriberMail | null };

export type PostFailure = {
  ok: false;
  reason: 'invalid' | 'not-found' | 'closed' | 'rate-limited' | 'duplicate' | 'failed';
  message: string;
  fieldErrors: FieldErrors;
  retryAfterSeconds?: number;
};

export type PostCommentResult = { ok: true; comment: StoredComment; message: string } | PostFailure;

export const failure = (reason: PostFailure['reason'], message: string, fieldErrors: FieldErrors = {}, retryAfterSeconds?: number): PostFailure => ({
  ok: false,
  reason,
  message,
  fieldErrors,
  retryAfterSeconds,
});
