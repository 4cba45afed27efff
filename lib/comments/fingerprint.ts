import { createHash } from 'node:crypto';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The stored stand-in for an IP address: salted, so the raw address can't be recovered by brute force. */
export function hashIp(ip: string, salt: string): string {
  return sha256(`${salt}:${ip.trim().toLowerCase()}`);
}

/** Same words, same hash: case, spacing and line breaks don't make a duplicate new. */
export function hashBody(body: string): string {
  return sha256(body.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim());
}
