import { accountKey } from '@/lib/auth/throttle';
import { recordAction } from '@/lib/audit';
import { changeVisibly } from '@/lib/write/visible-change';
import { hashBody } from '@/lib/fingerprint';
import { targetOf, type Database } from '@/lib/db/client';
import { ERASED_IP_HASH } from './retention';
import { findAuditLines, findMentions, findRevisionMentions, findMessagesAbout } from './personal-data';
import { ANONYMOUS_NAME, namesAddress, subjectKey, withoutAddress, type ErasureInput } from './subject';

export const AUTHOR_ACCOUNT_MESSAGE =
  'Cette adresse est celle du compte de l’auteur : supprimez le compte avec « npm run admin:delete-account », rien n’a été effacé ici.';

export type ErasureCounts = { comments: number; mentions: number; auditLines: number; signInRecords: number; subscriptions: number; messages: number };

export type ErasureResult = { ok: true; slugs: string[]; counts: ErasureCounts } | { ok: false; message: string };

/** `in` lists stay well under every database's limit on parameters. */
const CHUNK = 500;
const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) => items.slice(index * CHUNK, (index + 1) * CHUNK));

/**
 * Erases an e-mail address from the site, in one transaction (RGPD art. 17). Its comments are
 * deleted, or kept anonymised (« Anonyme », no e-mail, no site, no IP hash, the address taken out
 * of their text), as the author chooses for this request; the address is taken out of other
 * people's comments that name it and of the audit log; the sign-in records tied to it are
 * deleted. The audit log records the erasure under a keyed hash of the address, never the address.
 * The cache tags of the threads touched move in the same commit; the caller purges the HTTP cache.
 */
export async function erasePersonalData(db: Database, input: ErasureInput, actor: string, salt: string): Promise<ErasureResult> {
  const { email, mode } = input;
  const dialect = targetOf(db).provider;
  const subject = subjectKey(email, salt);
  try {
    return await changeVisibly<ErasureResult>(
      db,
      async (tx) => {
        if (await tx.adminUser.findUnique({ where: { email }, select: { email: true } })) return { result: { ok: false, message: AUTHOR_ACCOUNT_MESSAGE }, seen: {} };
        const own = await tx.comment.findMany({ where: { authorEmail: email }, select: { id: true, articleSlug: true } });
        const mentions = await findMentions(tx, dialect, email);
        const auditLines = await findAuditLines(tx, dialect, email);

        if (mode === 'delete') {
          // Replies to these comments stay, without a parent (ON DELETE SET NULL); the counts follow (triggers).
          await tx.comment.deleteMany({ where: { authorEmail: email } });
        } else {
          for (const comment of await findMentions(tx, dialect, email, 'own')) {
            const body = withoutAddress(comment.body, email);
            await tx.comment.update({ where: { id: comment.id }, data: { body, bodyHash: hashBody(body) } });
          }
          // The kept text stays; its earlier versions, the person's words too, go.
          for (const ids of chunks(own.map((comment) => comment.id))) await tx.commentRevision.deleteMany({ where: { commentId: { in: ids } } });
          await tx.comment.updateMany({
            where: { authorEmail: email },
            data: { authorName: ANONYMOUS_NAME, authorEmail: '', authorWebsite: null, ipHash: ERASED_IP_HASH, editSecretHash: null },
          });
        }

        for (const comment of mentions) {
          const body = withoutAddress(comment.body, email);
          await tx.comment.update({
            where: { id: comment.id },
            data: {
              body,
              bodyHash: hashBody(body),
              authorName: withoutAddress(comment.authorName, email),
              authorWebsite: namesAddress(comment.authorWebsite, email) ? null : comment.authorWebsite,
            },
          });
        }
        // Earlier versions of other people's comments may name the address too.
        for (const revision of await findRevisionMentions(tx, dialect, email)) {
          await tx.commentRevision.update({ where: { id: revision.id }, data: { body: withoutAddress(revision.body, email) } });
        }
        for (const line of auditLines) {
          await tx.auditLog.update({
            where: { id: line.id },
            data: {
              actor: withoutAddress(line.actor, email, subject),
              target: withoutAddress(line.target, email, subject),
              details: line.details === null ? null : withoutAddress(line.details, email, subject),
            },
          });
        }
        if (mode === 'delete') {
          // The text of a deleted comment leaves with it, also from the lines that kept a correction's « before ».
          for (const ids of chunks(own.map((comment) => `comment:${comment.id}`))) {
            await tx.auditLog.updateMany({ where: { action: 'comment.edit', target: { in: ids } }, data: { details: null } });
          }
        }
        const known = await tx.knownSignInAddress.deleteMany({ where: { email } });
        const counter = await tx.loginThrottle.deleteMany({ where: { key: accountKey(email, salt) } });

        const subscriptions = await tx.subscription.deleteMany({ where: { email } });
        const messageIds = await findMessagesAbout(tx, email);
        for (const ids of chunks(messageIds)) await tx.outboxMessage.deleteMany({ where: { id: { in: ids } } });

        const counts: ErasureCounts = {
          comments: own.length,
          mentions: mentions.length,
          auditLines: auditLines.length,
          signInRecords: known.count + counter.count,
          subscriptions: subscriptions.count,
          messages: messageIds.length,
        };
        await recordAction(tx, actor, 'privacy.erase', subject, { mode, ...counts });
        const slugs = [...new Set([...own, ...mentions].map((comment) => comment.articleSlug))].sort();
        return { result: { ok: true, slugs, counts }, seen: { comments: slugs } };
      },
      // A person with thousands of comments: more than Prisma's default 5 s on a busy database.
      { maxWait: 15_000, timeout: 60_000 },
    );
  } catch (error) {
    console.error('erasePersonalData failed', error);
    return { ok: false, message: 'L’effacement n’a pas pu se faire ; rien n’a été changé. Réessayez dans un instant.' };
  }
}

/** Records that the author exported the data of an address (an access request answered), under the keyed hash. */
export async function recordPersonalDataExport(db: Database, email: string, actor: string, salt: string): Promise<void> {
  await recordAction(db, actor, 'privacy.export', subjectKey(email, salt));
}
