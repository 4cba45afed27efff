import { existsSync, readFileSync } from 'node:fs';
import { E2E_MAILBOX_FILE } from './server-settings';

/** An e-mail the test SMTP receiver got (tests/e2e/serve.mjs writes one JSON line each). */
export type Mail = {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /** The header lines as received, e.g. `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. */
  listUnsubscribe?: string;
  listUnsubscribePost?: string;
};

/** Every e-mail received so far by the server under test, oldest first. */
export function receivedMails(): Mail[] {
  if (!existsSync(E2E_MAILBOX_FILE)) return [];
  return readFileSync(E2E_MAILBOX_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Mail);
}

export const mailsTo = (address: string): Mail[] => receivedMails().filter((mail) => mail.to === address);
