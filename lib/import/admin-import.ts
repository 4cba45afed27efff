import 'server-only';
import { db } from '@/lib/db';
import { importComments, type ImportReport } from './import-comments';
import { readFileBytes } from './source-text';
import { claimUpload, findUpload, removeUpload } from './uploads';
import { UPLOAD_GONE, type ImportFormState, type ImportPreview, type ImportSummary } from './form-state';

function summaryOf({ format, source, dryRun, articles, failed, unmatched, totals }: ImportReport): ImportSummary {
  return { format, source, dryRun, articles, failed, unmatched, totals };
}

/** The preview of an upload: a dry run of importComments on it, as the command's --dry-run. */
export async function previewUpload(token: string): Promise<ImportPreview> {
  const upload = await findUpload(token);
  if (!upload) return { status: 'missing' };
  const { meta } = upload;
  const result = await importComments({ bytes: readFileBytes(upload.file), format: meta.format ?? undefined, dryRun: true }, { db, actor: 'aperçu' });
  return result.ok ? { status: 'ready', name: meta.name, report: summaryOf(result.report) } : { status: 'refused', name: meta.name, message: result.message };
}

/**
 * Imports an upload for real, with the author's mapping of unmatched posts: importComments, as the
 * command does (its audit lines, one transaction per article), then the HTTP caches in front
 * forget the pages it changed, as after any write. The upload is taken first, so the same file is
 * imported once, and removed after.
 */
export async function importUpload(token: string, map: ReadonlyMap<string, string>, actor: string): Promise<ImportFormState> {
  const upload = await claimUpload(token);
  if (!upload) return { status: 'error', message: UPLOAD_GONE };
  try {
    const result = await importComments({ bytes: readFileBytes(upload.file), format: upload.meta.format ?? undefined, map }, { db, actor });
    if (!result.ok) return { status: 'error', message: result.message };
    return { status: 'done', name: upload.meta.name, report: summaryOf(result.report) };
  } finally {
    await removeUpload(token);
  }
}
