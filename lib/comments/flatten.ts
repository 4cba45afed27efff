import type { PublicComment } from './thread';

/** Every comment of a thread, replies included, oldest first (the order they were published). */
export function flattenComments(comments: PublicComment[]): PublicComment[] {
  return comments
    .flatMap((comment) => [comment, ...comment.replies])
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}
