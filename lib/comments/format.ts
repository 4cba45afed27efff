/** « Aucun commentaire », « 1 commentaire », « 12 commentaires ». */
export function formatCommentCount(count: number): string {
  if (count === 0) return 'Aucun commentaire';
  return `${count.toLocaleString('fr-FR')} commentaire${count > 1 ? 's' : ''}`;
}
