'use client';

import { OwnCommentLinks } from './links';
import { useEditableComments } from '../use-editable-comments';

/** The writer's links for one comment rendered by the server (a replies page's first comment). */
export function OwnCommentControls({ slug, commentId }: { slug: string; commentId: number }) {
  return useEditableComments().has(commentId) ? <OwnCommentLinks slug={slug} commentId={commentId} /> : null;
}
