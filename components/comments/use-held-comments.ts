import { useEffect, useState, useSyncExternalStore } from 'react';
import type { HeldComment } from '@/lib/comments/held/comments';
import { HELD_COMMENT_POSTED_EVENT, HELD_MARKER_COOKIE, heldCommentsPath } from '@/lib/comments/held/marker';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('focus', onChange);
  window.addEventListener(HELD_COMMENT_POSTED_EVENT, onChange);
  return () => {
    window.removeEventListener('focus', onChange);
    window.removeEventListener(HELD_COMMENT_POSTED_EVENT, onChange);
  };
}

/** The marker's value, '' without one: a reader who has nothing held never asks anything. */
function markerSnapshot(): string {
  const prefix = `${HELD_MARKER_COOKIE}=`;
  const pair = document.cookie.split(/;\s*/).find((candidate) => candidate.startsWith(prefix));
  return pair ? decodeURIComponent(pair.slice(prefix.length)) : '';
}

/** The server, and the first render in the browser, know of no held comment: the cached page is everyone's. */
const serverSnapshot = () => '';

const isHeldList = (value: unknown): value is { comments: HeldComment[] } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { comments?: unknown }).comments);

// Every place of a page where a held comment can show is an island of its own (held-comments.tsx):
// they share one request per article and marker value.
const requests = new Map<string, { marker: string; comments: Promise<HeldComment[]> }>();

function requestHeldComments(slug: string, marker: string): Promise<HeldComment[]> {
  const known = requests.get(slug);
  if (known?.marker === marker) return known.comments;
  const comments = fetch(heldCommentsPath(slug), { cache: 'no-store', credentials: 'same-origin' })
    .then(async (response) => {
      const body: unknown = response.ok ? await response.json() : null;
      return isHeldList(body) ? body.comments : [];
    })
    .catch((error: unknown) => {
      // Only means the held comments do not show.
      console.warn('held comments unavailable', error);
      return [];
    });
  requests.set(slug, { marker, comments });
  return comments;
}

/**
 * This browser's comments on the article that still wait for the author, asked of the uncached
 * endpoint after hydration, and only when the marker cookie says there are some
 * (lib/comments/held/marker.ts). Asked again when the marker changes: a new held comment, or the
 * endpoint's answer dropping those the author has dealt with.
 */
export function useHeldComments(slug: string): HeldComment[] {
  const marker = useSyncExternalStore(subscribe, markerSnapshot, serverSnapshot);
  const [held, setHeld] = useState<HeldComment[]>([]);
  useEffect(() => {
    if (!marker) return;
    let isCurrent = true;
    void requestHeldComments(slug, marker).then((comments) => {
      if (isCurrent) setHeld(comments);
    });
    return () => {
      isCurrent = false;
    };
  }, [marker, slug]);
  return marker ? held : [];
}
