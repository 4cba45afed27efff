import { createHash } from 'node:crypto';
import { z } from 'zod';
import { cleanText, LIMITS } from '@/lib/comments/schema';
import { hashBody, hashIp } from '@/lib/fingerprint';
import type { SourceComment } from './source-records';

const email = z.email().max(LIMITS.email);
const website = z.url({ protocol: /^https?$/ }).max(LIMITS.website);

/** What the site stores for an address it never had (as the seed does): never a SHA-256 in hex, so it matches no address. */
const NO_ADDRESS_HASH = 'import';

/** The columns an imported comment gets, cleaned as a reader's would be; the raw address only as its salted hash. */
export function storedFields(comment: SourceComment, source: string, ipHashSalt: string) {
  const name = cleanText(comment.authorName).replace(/\s+/g, ' ').trim().slice(0, LIMITS.name) || 'Anonyme';
  const address = comment.authorEmail?.trim().toLowerCase() ?? '';
  // `.invalid` can never be delivered: a stand-in, the same on every import of the same comment.
  const authorEmail = email.safeParse(address).success
    ? address
    : `import.${createHash('sha256').update(`${source}:${comment.id}`).digest('hex').slice(0, 12)}@commentaires.invalid`;
  const url = comment.authorWebsite?.trim() ?? '';
  const body = cleanText(comment.body).trim();
  return {
    authorName: name,
    authorEmail,
    authorWebsite: website.safeParse(url).success && new URL(url).hostname.includes('.') ? url : null,
    body,
    bodyHash: hashBody(body),
    ipHash: comment.ip ? hashIp(comment.ip, ipHashSalt) : NO_ADDRESS_HASH,
    status: comment.status,
    isAuthor: comment.isAuthor,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
  };
}
