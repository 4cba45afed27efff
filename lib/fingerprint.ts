import { createHash } from 'node:crypto';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A stored stand-in for something guessable (an address, what was typed as an e-mail): salted, so trying candidates needs the server's salt. */
export function saltedHash(value: string, salt: string): string {
  return sha256(`${salt}:${value}`);
}

/** The stored stand-in for an IP address: salted, so the raw address can't be recovered by brute force. */
export function hashIp(ip: string, salt: string): string {
  return saltedHash(ip.trim().toLowerCase(), salt);
}

/** Same words, same hash: case, spacing and line breaks don't make a duplicate new. */
export function hashBody(body: string): string {
  return sha256(body.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim());
}
