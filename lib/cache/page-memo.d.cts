import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export function createPageMemo(readVersion: () => Promise<string | null>): (request: IncomingMessage, response: ServerResponse, next: Handler) => Promise<void>;
