import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HeldComment } from '@/lib/comments/held/comments';
import { newCommentsPlace, placeHeldComments } from '@/lib/comments/held/placement';
import { serializeHeldEntries } from '@/lib/comments/held/marker';
import { heldProofKey, readHeldProof, signHeldProof } from '@/lib/comments/held/proof';

const SLUG = 'le-marketing-2-0-c-est-quoi';
const SECRET = 'un-secret-de-session-de-test-assez-long-pour-servir';
const NOW = Date.parse('2030-01-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const key = heldProofKey(SECRET);
const entries = [
  { id: 12, until: NOW + DAY },
  { id: 40, until: NOW + 2 * DAY },
];

describe('the signed cookie of a browser’s held comments', () => {
  it('gives back the entries this server signed for this article', () => {
    expect(readHeldProof(signHeldProof(entries, SLUG, key), SLUG, key, NOW)).toEqual(entries);
  });

  it('refuses a forgery: another id, another key, another article, a signature cut or missing, junk', () => {
    const proof = signHeldProof(entries, SLUG, key);
    const signature = proof.slice(proof.lastIndexOf('.') + 1);
    const forged = [
      proof.replace('12-', '13-'),
      `${serializeHeldEntries([...entries, { id: 99, until: NOW + DAY }])}.${signature}`,
      signHeldProof(entries, SLUG, heldProofKey('un-autre-secret-de-session-tout-aussi-long')),
      proof.slice(0, -2),
      serializeHeldEntries(entries),
      `${serializeHeldEntries(entries)}.`,
      'n’importe quoi',
      '',
    ];
    for (const value of forged) expect(readHeldProof(value, SLUG, key, NOW), value).toEqual([]);
    expect(readHeldProof(undefined, SLUG, key, NOW)).toEqual([]);
    // Signed for one article, it proves nothing on another.
    expect(readHeldProof(proof, 'en-librairie-le-15-mai', key, NOW)).toEqual([]);
  });

  it('uses a key derived for this purpose alone: a list signed with the raw session secret is refused', () => {
    expect(key.equals(Buffer.from(SECRET))).toBe(false);
    const list = serializeHeldEntries(entries);
    const withRawSecret = createHmac('sha256', SECRET).update(`${SLUG}\n${list}`).digest('base64url');
    expect(readHeldProof(`${list}.${withRawSecret}`, SLUG, key, NOW)).toEqual([]);
  });

  it('drops the entries past their time, and keeps the latest 20', () => {
    const proof = signHeldProof([{ id: 1, until: NOW - 1000 }, ...entries], SLUG, key);
    expect(readHeldProof(proof, SLUG, key, NOW)).toEqual(entries);
    const many = Array.from({ length: 25 }, (_, index) => ({ id: index + 1, until: NOW + DAY }));
    const kept = readHeldProof(signHeldProof(many, SLUG, key), SLUG, key, NOW);
    expect(kept.map((entry) => entry.id)).toEqual(many.slice(-20).map((entry) => entry.id));
  });
});

describe('where the writer sees their held comments on a page', () => {
  const held = (id: number, parentId: number | null): HeldComment => ({ id, parentId, authorName: 'Lectrice', createdAt: '2030-01-01T12:00:00.000Z', dateText: '', paragraphs: [] });
  const page = [{ id: 1, replies: [{ id: 2 }] }, { id: 3 }];

  it('a reply under its parent when the parent is on the page; a top-level comment where new ones show', () => {
    const placed = placeHeldComments([held(10, 1), held(11, null), held(12, 3), held(13, null), held(14, 1)], page, 'bottom');
    expect(placed.topLevel.map((comment) => comment.id)).toEqual([11, 13]);
    expect(placed.repliesTo.get(1)?.map((comment) => comment.id)).toEqual([10, 14]);
    expect(placed.repliesTo.get(3)?.map((comment) => comment.id)).toEqual([12]);
    // Newest first: the latest on top.
    expect(placeHeldComments([held(11, null), held(13, null)], page, 'top').topLevel.map((comment) => comment.id)).toEqual([13, 11]);
  });

  it('no top-level one on a page where new comments do not show, no reply whose parent is elsewhere, nothing the page already shows', () => {
    expect(placeHeldComments([held(11, null)], page, null).topLevel).toEqual([]);
    expect(placeHeldComments([held(10, 99)], page, 'bottom').repliesTo.size).toBe(0);
    // Published since: the page shows it, the held copy is left out.
    const placed = placeHeldComments([held(2, 1), held(3, null)], page, 'bottom');
    expect(placed.topLevel).toEqual([]);
    expect(placed.repliesTo.size).toBe(0);
  });

  it('new comments show on the page they land on only, on top when the newest come first', () => {
    expect(newCommentsPlace(true, 'oldest')).toBe('bottom');
    expect(newCommentsPlace(true, 'newest')).toBe('top');
    expect(newCommentsPlace(false, 'oldest')).toBeNull();
  });
});
