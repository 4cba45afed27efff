import type { FieldErrors } from './schema';

export type CommentFormValues = { name: string; email: string; website: string; body: string; notifyReplies?: boolean; notifyArticle?: boolean };

/** What the comment form's server action returns, shaped for `useActionState`. */
export type CommentFormState =
  | { status: 'idle' }
  | { status: 'success'; message: string; commentId: number; isPublished: boolean; submittedAt: number }
  | { status: 'error'; message: string; fieldErrors: FieldErrors; values: CommentFormValues; submittedAt: number };

export const initialCommentFormState: CommentFormState = { status: 'idle' };
