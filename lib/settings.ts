import { z } from 'zod';
import type { Database } from '@/lib/db/client';

export const MODERATION_MODES = ['publish', 'hold-first', 'hold-all'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export type SiteSettings = { moderation: ModerationMode; closeAfterDays: number | null };

export const DEFAULT_SETTINGS: SiteSettings = { moderation: 'publish', closeAfterDays: null };

/** The settings form and API input, with French messages. */
export const settingsInput = z.object({
  moderation: z.enum(MODERATION_MODES, { error: 'Mode de modération inconnu.' }),
  closeAfterDays: z.preprocess(
    (value) => (value === '' || value === null || value === undefined ? null : typeof value === 'string' ? Number(value) : value),
    z.number({ error: 'Indiquez un nombre de jours.' }).int('Indiquez un nombre entier de jours.').min(1, 'Au moins 1 jour.').max(36_500, 'Au plus 36 500 jours.').nullable(),
  ),
});

/** Site settings, stored in the database so every app instance shares them. */
export async function readSettings(db: Pick<Database, 'siteSettings'>): Promise<SiteSettings> {
  const row = await db.siteSettings.findUnique({ where: { id: 1 }, select: { moderation: true, closeAfterDays: true } });
  return settingsFromRow(row);
}

/** The settings row as stored (or its absence) → the settings in force. */
export function settingsFromRow(row: { moderation: string; closeAfterDays: number | null } | null | undefined): SiteSettings {
  if (!row) return DEFAULT_SETTINGS;
  const moderation = (MODERATION_MODES as readonly string[]).includes(row.moderation) ? (row.moderation as ModerationMode) : 'publish';
  return { moderation, closeAfterDays: row.closeAfterDays };
}
