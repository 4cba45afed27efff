import type { Transaction } from '@/lib/write/visible-change';
import { hashBody } from '@/lib/fingerprint';

export type TextReplacement = {
  id: number;
  /** The text being replaced: kept as the revision. */
  previousBody: string;
  body: string;
  editedBy: 'reader' | 'author';
  now: Date;
  /** The comment's status after the change, when it changes with it (a reader's edit held again). */
  status?: string;
};

/** The one way a comment's text changes: the earlier text is kept as a revision, the new one stored with its hash and date. */
export async function replaceCommentText(tx: Transaction, change: TextReplacement): Promise<void> {
  await tx.commentRevision.create({ data: { commentId: change.id, body: change.previousBody, editedBy: change.editedBy, replacedAt: change.now } });
  await tx.comment.update({
    where: { id: change.id },
    data: { body: change.body, bodyHash: hashBody(change.body), editedAt: change.now, ...(change.status ? { status: change.status } : {}) },
  });
}
