import type { Database } from '@/lib/db/client';

type AuditClient = Pick<Database, 'auditLog'>;

/** Records who did what to what, when. Every admin write calls this in its transaction. */
export async function recordAction(db: AuditClient, actor: string, action: string, target: string, details?: unknown): Promise<void> {
  await db.auditLog.create({ data: { actor, action, target, details: details === undefined ? null : JSON.stringify(details) } });
}

export async function listActions(db: Database, page: number, pageSize = 50) {
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ orderBy: { id: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
    db.auditLog.count(),
  ]);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
