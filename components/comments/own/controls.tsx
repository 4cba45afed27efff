'use client';

import { OwnCommentLinks } from './links';
import { useEditableComments } from '../use-editable-comments';

/** A client island under each comment the server renders: its writer's links, and nothing for anyone else. */
export function OwnCommentControls({ slug, commentId }: { slug: string; commentId: number }) {
  return useEditableComments().has(commentId) ? <OwnCommentLinks slug={slug} commentId={commentId} /> : null;
}
