import { z } from 'zod';
import { FULL_EXPORT_FORMAT, FULL_EXPORT_VERSION } from '@/lib/admin/export/full';
import { ImportError } from '../import-error';
import type { ImportEvent } from '../source-records';
import { splitLines, type TextChunk } from '../source-text';

const date = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const header = z.object({
  format: z.literal(FULL_EXPORT_FORMAT),
  version: z.number().int(),
  site: z.string(),
  records: z.array(z.never()).length(0),
});

const record = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('article'),
    slug: z.string().min(1),
    commentsOpen: z.boolean(),
    closedAt: date.nullable(),
    closedBy: z.string().nullable(),
    closesAt: date.nullable(),
  }),
  z.object({
    type: z.literal('comment'),
    id: z.number().int().positive(),
    articleSlug: z.string().min(1),
    parentId: z.number().int().positive().nullable(),
    authorName: z.string(),
    authorEmail: z.string(),
    authorWebsite: z.string().nullable(),
    body: z.string(),
    status: z.enum(['published', 'pending', 'spam', 'deleted']),
    isAuthor: z.boolean(),
    createdAt: date,
    editedAt: date.nullable(),
    importSource: z.string().nullable(),
    importId: z.string().nullable(),
  }),
]);

function parseLine(text: string, line: number, problem = 'JSON illisible (l’export du site met un enregistrement par ligne)'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError(line, problem);
  }
}

function problemsOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'enregistrement'} : ${issue.message}`).join(' ; ');
}

/**
 * The site's own full export (lib/admin/export/full.ts), read a line at a time: a restore. Each
 * article's state is applied as it was; comments keep their status, dates, thread, author flag and,
 * if they came from an earlier import, that import's source and id.
 */
export async function* parseSiteJson(chunks: AsyncIterable<TextChunk>): AsyncGenerator<ImportEvent> {
  let isStarted = false;
  let isEnded = false;
  let lastLine = 1;
  for await (const { text, line } of splitLines(chunks)) {
    lastLine = line;
    const trimmed = text.trim();
    if (!trimmed) continue;
    if (isEnded) throw new ImportError(line, 'contenu après la fin de l’export');
    if (!isStarted) {
      const parsed = header.safeParse(parseLine(`${trimmed}]}`, line, 'en-tête illisible : ce n’est pas un export complet du site'));
      if (!parsed.success) throw new ImportError(line, `en-tête invalide : ce n’est pas un export complet du site (${problemsOf(parsed.error)})`);
      if (parsed.data.version !== FULL_EXPORT_VERSION) {
        throw new ImportError(line, `version ${parsed.data.version} de l’export non prise en charge (version ${FULL_EXPORT_VERSION} attendue)`);
      }
      isStarted = true;
      yield { kind: 'source', source: `json:${parsed.data.site}` };
      continue;
    }
    if (trimmed === ']}') {
      isEnded = true;
      continue;
    }
    const parsed = record.safeParse(parseLine(trimmed.replace(/,$/, ''), line));
    if (!parsed.success) throw new ImportError(line, `enregistrement invalide — ${problemsOf(parsed.error)}`);
    const value = parsed.data;
    if (value.type === 'article') {
      const { slug, commentsOpen, closedAt, closedBy, closesAt } = value;
      yield { kind: 'post', post: { key: slug, slug, url: null, title: null, state: { commentsOpen, closedAt, closedBy, closesAt }, isExactState: true } };
    } else {
      yield {
        kind: 'comment',
        comment: {
          postKey: value.articleSlug,
          id: String(value.id),
          parentId: value.parentId === null ? null : String(value.parentId),
          authorName: value.authorName,
          authorEmail: value.authorEmail,
          authorWebsite: value.authorWebsite,
          body: value.body,
          status: value.status,
          createdAt: value.createdAt,
          editedAt: value.editedAt,
          ip: null,
          isAuthor: value.isAuthor,
          origin: value.importSource && value.importId ? { source: value.importSource, id: value.importId } : null,
        },
      };
    }
  }
  if (!isEnded) throw new ImportError(lastLine, 'export incomplet : la fin (« ]} ») manque');
}
