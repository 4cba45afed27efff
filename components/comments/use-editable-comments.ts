import { useMemo, useSyncExternalStore } from 'react';
import { EDIT_MARKER_COOKIE, parseEditMarker } from '@/lib/comments/own/marker';

/** How often the links are checked again: they go at the end of their window without a reload. */
const TICK_MS = 15_000;

// Every comment of a page has its own island (OwnCommentControls): they share one timer and one
// focus listener, started with the first and stopped with the last.
const listeners = new Set<() => void>();
let stopWatching: (() => void) | null = null;
const notifyAll = () => listeners.forEach((listener) => listener());

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (!stopWatching) {
    const timer = window.setInterval(notifyAll, TICK_MS);
    window.addEventListener('focus', notifyAll);
    stopWatching = () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', notifyAll);
    };
  }
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0 && stopWatching) {
      stopWatching();
      stopWatching = null;
    }
  };
}

/**
 * The marker's values and the current tick, or '' without a marker: a reader who wrote nothing
 * gets the same snapshot at every tick, and no island renders again for them.
 */
function snapshot(): string {
  const values = document.cookie
    .split(/;\s*/)
    .filter((pair) => pair.startsWith(`${EDIT_MARKER_COOKIE}=`) && pair.length > EDIT_MARKER_COOKIE.length + 1)
    .map((pair) => decodeURIComponent(pair.slice(EDIT_MARKER_COOKIE.length + 1)));
  return values.length === 0 ? '' : `${Math.floor(Date.now() / TICK_MS)} ${values.join('_')}`;
}

/** The server, and the first render in the browser, know of no comment: the cached page is everyone's. */
const serverSnapshot = () => '';

/**
 * The comments this browser may still edit or delete, by id (lib/comments/own/marker.ts): read
 * from the marker cookie after hydration, so the cached page stays the same for every reader.
 */
export function useEditableComments(): ReadonlySet<number> {
  const current = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  return useMemo(() => {
    const [tick, marker] = current.split(' ');
    if (!tick || !marker) return new Set<number>();
    return new Set(parseEditMarker(marker, Number(tick) * TICK_MS).map((entry) => entry.id));
  }, [current]);
}
