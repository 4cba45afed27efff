import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string | undefined; from: string | undefined; replyTo: string | undefined; subject: string | undefined; text: string | undefined; html: string | undefined; headers: Map<string, unknown>; headerLines: Record<string, string> };

export type SmtpReceiver = { port: number; url: string; mails: ReceivedMail[]; close: () => Promise<void> };

/**
 * A real SMTP server on the loopback (the library the end-to-end tests' receiver uses,
 * tests/e2e/serve.mjs): every message it accepts, parsed, in `mails`. Port 0: any free one.
 */
export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined, from: mail.from?.text, replyTo: mail.replyTo?.text, subject: mail.subject, text: mail.text, html: mail.html || undefined, headers: mail.headers, headerLines: Object.fromEntries(mail.headerLines.map((header) => [header.key, header.line.replace(/\r?\n[ \t]+/g, ' ')])) });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return { port: actual, url: `smtp://127.0.0.1:${actual}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
