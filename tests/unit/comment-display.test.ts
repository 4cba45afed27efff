import { describe, expect, it } from 'vitest';
import { toDisplayThread } from '@/lib/comments/comment-display';
import type { PublicComment } from '@/lib/comments/thread';

const comment = (id: number, overrides: Partial<PublicComment> = {}): PublicComment => ({
  id,
  authorName: `Lecteur ${id}`,
  authorWebsite: null,
  body: 'Premier paragraphe.\n\nVoir https://exemple.fr/page',
  isAuthor: false,
  createdAt: '2008-05-05T08:30:00.000Z',
  editedAt: null,
  replies: [],
  ...overrides,
});

describe('what a page of comments carries for hydration', () => {
  it('leaves out what a comment lacks: no website, no badge, not edited, no replies, none hidden', () => {
    const [shown] = toDisplayThread([comment(1)]);
    expect(Object.keys(shown!).sort()).toEqual(['authorName', 'createdAt', 'dateText', 'id', 'paragraphs']);
    expect(shown!.dateText).toBe('5 mai 2008 à 10 h 30');
    expect(shown!.paragraphs).toEqual([[['Premier paragraphe.']], [['Voir ', { href: 'https://exemple.fr/page', text: 'https://exemple.fr/page' }]]]);
  });

  it('keeps a website, the author’s badge, « modifié », replies and the count of hidden ones when there are', () => {
    const reply = comment(3, { isAuthor: true, authorWebsite: 'https://auteur.exemple.fr', editedAt: '2008-05-05T08:40:00.000Z' });
    const [shown] = toDisplayThread([{ ...comment(2, { authorWebsite: 'https://lecteur.exemple.fr', replies: [reply] }), hiddenReplies: 4 }]);
    expect(shown).toMatchObject({ id: 2, authorWebsite: 'https://lecteur.exemple.fr', hiddenReplies: 4 });
    expect(shown!.isAuthor).toBeUndefined();
    expect(shown!.replies).toEqual([expect.objectContaining({ id: 3, isAuthor: true, isEdited: true, authorWebsite: 'https://auteur.exemple.fr' })]);
  });
});
