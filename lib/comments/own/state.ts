/** What the writer's edit and delete forms get back, shaped for `useActionState`. */
export type OwnCommentFormState =
  | { status: 'idle' }
  | { status: 'success'; message: string }
  | { status: 'error'; message: string; fieldErrors: { body?: string }; body?: string; submittedAt: number };

export const initialOwnCommentState: OwnCommentFormState = { status: 'idle' };
