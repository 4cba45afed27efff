import type { HeldReason } from './posting/result';

export const CLOSED_MESSAGE = 'Les commentaires sont fermés.';
export const PUBLISHED_MESSAGE = 'Merci ! Votre commentaire est publié.';

/**
 * What the writer of a held comment is told, one message per reason (lib/comments/posting/rules.ts).
 * « deux liens » is LINKS_HELD_FOR_MODERATION written out: change both together.
 */
export const HELD_MESSAGES: Record<HeldReason, string> = {
  all: 'Merci ! Sur ce site, tous les commentaires sont relus avant publication : le vôtre paraîtra après relecture par l’auteur.',
  links: 'Merci ! Votre commentaire contient deux liens ou plus : il sera publié après relecture par l’auteur.',
  'first-comment': 'Merci ! C’est votre premier commentaire sur ce site : il sera publié après relecture par l’auteur.',
};

/** How a held comment is marked where its writer alone sees it. */
export const HELD_LABEL = 'en attente de modération';
