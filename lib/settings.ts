import { z } from 'zod';
import type { Database } from '@/lib/db/client';

const MODERATION_MODES = ['publish', 'hold-first', 'hold-all'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

/** Which comments page 1 of a thread shows: the first posted, or the latest. */
const COMMENT_ORDERS = ['oldest', 'newest'] as const;
export type CommentOrder = (typeof COMMENT_ORDERS)[number];

/** The bounds of the author's page size (top-level comments per page). */
export const COMMENTS_PER_PAGE = { min: 10, max: 200, default: 50 } as const;

/** The bounds of the days a comment keeps its IP hash (lib/privacy/retention.ts). */
export const IP_HASH_RETENTION_DAYS = { min: 1, max: 365, default: 30 } as const;

/** The bounds of the minutes a writer may edit or delete their comment after posting it (0: never). */
export const EDIT_WINDOW_MINUTES = { min: 0, max: 60, default: 15 } as const;

export type SiteSettings = {
  moderation: ModerationMode;
  closeAfterDays: number | null;
  commentsPerPage: number;
  commentOrder: CommentOrder;
  ipHashRetentionDays: number;
  editWindowMinutes: number;
};

export const DEFAULT_SETTINGS: SiteSettings = {
  moderation: 'publish',
  closeAfterDays: null,
  commentsPerPage: COMMENTS_PER_PAGE.default,
  commentOrder: 'oldest',
  ipHashRetentionDays: IP_HASH_RETENTION_DAYS.default,
  editWindowMinutes: EDIT_WINDOW_MINUTES.default,
};

/** The settings row as the database holds it. */
export type SettingsRow = {
  moderation: string;
  closeAfterDays: number | null;
  commentsPerPage: number;
  commentOrder: string;
  ipHashRetentionDays: number;
  editWindowMinutes: number;
};

/** The settings form and API input, with French messages. */
export const settingsInput = z.object({
  moderation: z.enum(MODERATION_MODES, { error: 'Mode de modération inconnu.' }),
  closeAfterDays: z.preprocess(
    (value) => (value === '' || value === null || value === undefined ? null : typeof value === 'string' ? Number(value) : value),
    z.number({ error: 'Indiquez un nombre de jours.' }).int('Indiquez un nombre entier de jours.').min(1, 'Au moins 1 jour.').max(36_500, 'Au plus 36 500 jours.').nullable(),
  ),
  commentsPerPage: z.coerce
    .number({ error: 'Indiquez un nombre de commentaires par page.' })
    .int('Indiquez un nombre entier de commentaires par page.')
    .min(COMMENTS_PER_PAGE.min, `Au moins ${COMMENTS_PER_PAGE.min} commentaires par page.`)
    .max(COMMENTS_PER_PAGE.max, `Au plus ${COMMENTS_PER_PAGE.max} commentaires par page.`),
  commentOrder: z.enum(COMMENT_ORDERS, { error: 'Ordre des commentaires inconnu.' }),
  ipHashRetentionDays: z.coerce
    .number({ error: 'Indiquez après combien de jours effacer l’empreinte des adresses IP.' })
    .int('Indiquez un nombre entier de jours pour l’empreinte des adresses IP.')
    .min(IP_HASH_RETENTION_DAYS.min, `L’empreinte des adresses IP se garde au moins ${IP_HASH_RETENTION_DAYS.min} jour.`)
    .max(IP_HASH_RETENTION_DAYS.max, `L’empreinte des adresses IP se garde au plus ${IP_HASH_RETENTION_DAYS.max} jours.`),
  editWindowMinutes: z.coerce
    .number({ error: 'Indiquez pendant combien de minutes un lecteur peut modifier son commentaire.' })
    .int('Indiquez un nombre entier de minutes pour la modification des commentaires.')
    .min(EDIT_WINDOW_MINUTES.min, 'Le délai de modification ne peut pas être négatif (0 : jamais).')
    .max(EDIT_WINDOW_MINUTES.max, `Un lecteur peut modifier son commentaire pendant ${EDIT_WINDOW_MINUTES.max} minutes au plus.`),
});

/** Site settings, stored in the database so every app instance shares them. */
export async function readSettings(db: Pick<Database, 'siteSettings'>): Promise<SiteSettings> {
  const row = await db.siteSettings.findUnique({
    where: { id: 1 },
    select: { moderation: true, closeAfterDays: true, commentsPerPage: true, commentOrder: true, ipHashRetentionDays: true, editWindowMinutes: true },
  });
  return settingsFromRow(row);
}

const clamp = (value: number, bounds: { min: number; max: number }) => Math.min(Math.max(value, bounds.min), bounds.max);

/** The settings row as stored (or its absence) → the settings in force. */
export function settingsFromRow(row: SettingsRow | null | undefined): SiteSettings {
  if (!row) return DEFAULT_SETTINGS;
  const moderation = (MODERATION_MODES as readonly string[]).includes(row.moderation) ? (row.moderation as ModerationMode) : 'publish';
  const commentOrder = (COMMENT_ORDERS as readonly string[]).includes(row.commentOrder) ? (row.commentOrder as CommentOrder) : 'oldest';
  const commentsPerPage = clamp(row.commentsPerPage, COMMENTS_PER_PAGE);
  const ipHashRetentionDays = clamp(row.ipHashRetentionDays, IP_HASH_RETENTION_DAYS);
  const editWindowMinutes = clamp(row.editWindowMinutes, EDIT_WINDOW_MINUTES);
  return { moderation, closeAfterDays: row.closeAfterDays, commentsPerPage, commentOrder, ipHashRetentionDays, editWindowMinutes };
}
