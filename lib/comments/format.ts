/** « Aucun commentaire », « 1 commentaire », « 12 commentaires ». */
export function formatCommentCount(count: number): string {
  if (count === 0) return 'Aucun commentaire';
  return `${count.toLocaleString('fr-FR')} commentaire${count > 1 ? 's' : ''}`;
}

/** The link to a comment's replies that did not fit on its page: « Voir les 12 autres réponses ». */
export function formatHiddenReplies(count: number, someShown: boolean): string {
  const number = count.toLocaleString('fr-FR');
  if (someShown) return count === 1 ? 'Voir l’autre réponse' : `Voir les ${number} autres réponses`;
  return count === 1 ? 'Voir la réponse' : `Voir les ${number} réponses`;
}

/** The heading of a page of comments but the last (which shows the count): « Commentaires — page 2 ». */
export function formatCommentPageHeading(page: number): string {
  return `Commentaires — page ${page.toLocaleString('fr-FR')}`;
}

/** « Aucune réponse », « 1 réponse », « 240 réponses ». */
export function formatReplyCount(count: number): string {
  if (count === 0) return 'Aucune réponse';
  return `${count.toLocaleString('fr-FR')} réponse${count > 1 ? 's' : ''}`;
}
