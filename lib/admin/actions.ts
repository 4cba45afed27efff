'use server';

import { redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { requireAuthor } from '@/lib/auth';
import { getAnyArticle, listArticleSlugs } from '@/lib/content/articles';
import { changeVisibly } from '@/lib/write/visible-change';
import { PRIVACY_POLICY_PATH } from '@/lib/privacy/collection-notice';
import { formatDateTime, readParisDateTime } from '@/lib/format-date';
import { settingsInput } from '@/lib/settings';
import { recordAction } from '@/lib/audit';
import { updateArticleState } from './articles';
import { editComment, moderateComments, moderationInput, replyAsAuthor } from './moderation';
import { formText } from '@/lib/http/form-fields';

// Every action checks the session itself: a server action is a public HTTP endpoint.

function back(path: string, kind: 'ok' | 'erreur', message: string): never {
  redirect(`${path}${path.includes('?') ? '&' : '?'}${kind}=${encodeURIComponent(message)}`);
}

export async function setCommentsOpen(formData: FormData): Promise<void> {
  const author = await requireAuthor();
  const article = await getAnyArticle(formText(formData, 'slug'));
  if (!article) back('/admin', 'erreur', 'Article inconnu.');
  const isOpen = formText(formData, 'open') === 'true';
  await updateArticleState(db, article, { commentsOpen: isOpen }, author.email);
  back('/admin', 'ok', `Commentaires ${isOpen ? 'rouverts' : 'fermés'} : « ${article.title} ».`);
}

export async function scheduleClosing(formData: FormData): Promise<void> {
  const author = await requireAuthor();
  const article = await getAnyArticle(formText(formData, 'slug'));
  if (!article) back('/admin', 'erreur', 'Article inconnu.');
  const isCancel = formText(formData, 'cancel') === 'true';
  const read = isCancel ? null : readParisDateTime(formText(formData, 'closesAt'));
  if (read && !read.ok) back('/admin', 'erreur', read.message);
  const closesAt = read ? read.instant : null;
  await updateArticleState(db, article, { closesAt }, author.email);
  if (!closesAt) back('/admin', 'ok', `Fermeture programmée annulée : « ${article.title} ».`);
  back('/admin', 'ok', `Fermeture programmée le ${formatDateTime(closesAt)} : « ${article.title} ».${read?.note ? ` ${read.note}` : ''}`);
}

export async function saveSettings(formData: FormData): Promise<void> {
  const author = await requireAuthor();
  const parsed = settingsInput.safeParse({
    moderation: formText(formData, 'moderation'),
    closeAfterDays: formText(formData, 'closeAfterDays'),
    commentsPerPage: formText(formData, 'commentsPerPage'),
    commentOrder: formText(formData, 'commentOrder'),
    ipHashRetentionDays: formText(formData, 'ipHashRetentionDays'),
    editWindowMinutes: formText(formData, 'editWindowMinutes'),
  });
  if (!parsed.success) back('/admin', 'erreur', parsed.error.issues[0]?.message ?? 'Réglages invalides.');
  const settings = parsed.data;
  const slugs = await listArticleSlugs();
  await changeVisibly(db, async (tx) => {
    await tx.siteSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
    await recordAction(tx, author.email, 'settings.update', 'site', settings);
    // Every thread's pages, and the privacy policy, which states the durations set here.
    return { result: undefined, seen: { allComments: true, comments: slugs, paths: [PRIVACY_POLICY_PATH] } };
  });
  back('/admin', 'ok', 'Réglages enregistrés.');
}

export async function moderate(formData: FormData): Promise<void> {
  const author = await requireAuthor();
  const returnTo = formText(formData, 'returnTo').startsWith('/admin/') ? formText(formData, 'returnTo') : '/admin/commentaires';
  // A row's own button sends `single=<action>:<id>`; the bulk button, the selected boxes.
  const [singleAction, singleId] = formText(formData, 'single').split(':');
  const parsed = moderationInput.safeParse(
    singleId ? { action: singleAction, ids: [singleId] } : { action: formText(formData, 'action'), ids: formData.getAll('ids') },
  );
  if (!parsed.success) back(returnTo, 'erreur', parsed.error.issues[0]?.message ?? 'Action invalide.');
  await moderateComments(db, parsed.data.action, parsed.data.ids, author.email);
  back(returnTo, 'ok', `${parsed.data.ids.length} commentaire(s) : action « ${parsed.data.action} » faite.`);
}

export async function saveCommentText(formData: FormData): Promise<void> {
  const author = await requireAuthor();
  const id = Number(formText(formData, 'id'));
  const result = await editComment(db, id, formText(formData, 'body'), author.email);
  if (!result.ok) back(`/admin/commentaires/${id}`, 'erreur', result.message);
  back(`/admin/commentaires/${id}`, 'ok', 'Texte enregistré.');
}

export async function postAuthorReply(formData: FormData): Promise<void> {
  const author = await requireAuthor();
  const parentId = Number(formText(formData, 'parentId'));
  const result = await replyAsAuthor(db, parentId, formText(formData, 'body'), author);
  if (!result.ok) back(`/admin/commentaires/${parentId}`, 'erreur', result.message);
  back(`/admin/commentaires/${parentId}`, 'ok', 'Réponse publiée.');
}
