import http from 'node:http';
import { E2E_PORT } from '../server-settings';

/** `reset`: the server closed the connection while the body was still being sent, before its answer could be read. */
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; reset?: string };

type RawRequest = {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as is, in 64 KB pieces; with `chunked`, without a Content-Length. */
  body?: Buffer | string;
  chunked?: boolean;
};

/**
 * One HTTP request with exactly the bytes and headers given (no Content-Type or encoding added),
 * for what a browser or Playwright's client would refuse to send. The server may answer before it
 * has read a large body and close the connection: the answer counts, the broken pipe does not.
 */
export function rawRequest(path: string, { method = 'POST', headers = {}, body, chunked = false }: RawRequest = {}): Promise<RawResponse> {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const allHeaders: Record<string, string> = { ...headers };
  if (bytes && !chunked) allHeaders['content-length'] = String(bytes.byteLength);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request({ host: '127.0.0.1', port: E2E_PORT, path, method, headers: allHeaders }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      // Refusing a body too large, the server answers and closes at once; a client still sending
      // then meets the closed connection, and its system may drop the answer with it.
      if (bytes && (error.code === 'EPIPE' || error.code === 'ECONNRESET')) resolve({ status: 0, headers: {}, text: '', reset: error.code });
      else reject(error);
    });
    if (!bytes) {
      request.end();
      return;
    }
    // Written in pieces, with or without a length, so that an early answer is read as it comes.
    let offset = 0;
    const writeMore = () => {
      while (offset < bytes.byteLength && !answered && !request.destroyed) {
        const chunk = bytes.subarray(offset, offset + 64 * 1024);
        offset += chunk.byteLength;
        if (!request.write(chunk)) {
          request.once('drain', writeMore);
          return;
        }
      }
      if (!request.destroyed) request.end();
    };
    writeMore();
  });
}

/** A multipart/form-data body built by hand, so a field can hold bytes that are not UTF-8. */
export function multipartBody(fields: [name: string, value: string | Buffer][], boundary = '----hostile-boundary'): { body: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, 'utf8'));
    parts.push(Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
    parts.push(Buffer.from('\r\n', 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
