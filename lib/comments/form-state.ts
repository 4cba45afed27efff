import type { HeldComment } from './held/comments';
import type { FieldErrors } from './schema';

export type CommentFormValues = { name: string; email: string; website: string; body: string; notifyReplies?: boolean; notifyArticle?: boolean };

/** Where the writer edits or deletes the comment just posted, and until when (ISO): shown only in the answer to its post. */
export type EditableComment = { editPath: string; deletePath: string; until: string };

/** What the comment form's server action returns, shaped for `useActionState`. */
export type CommentFormState =
  | { status: 'idle' }
  | {
      status: 'success';
      message: string;
      commentId: number;
      isPublished: boolean;
      submittedAt: number;
      editable: EditableComment | null;
      /** The comment just posted, when held: shown to its writer next to the form (without JavaScript, or where the thread cannot show it). */
      held: HeldComment | null;
    }
  | { status: 'error'; message: string; fieldErrors: FieldErrors; values: CommentFormValues; submittedAt: number };

export const initialCommentFormState: CommentFormState = { status: 'idle' };
