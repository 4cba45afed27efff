import { NextResponse, type NextRequest } from 'next/server';

/**
 * An address whose percent-encoding does not decode (`/articles/%E0%A4%A`, `/api/articles/%ZZ/…`)
 * makes Next's router answer a bare 500 (vercel/next.js#92527): answer 400 before it tries. Only
 * addresses that contain a `%` come through here (see `config`), so other requests pay nothing.
 */
export function proxy(request: NextRequest) {
  const { pathname } = new URL(request.url);
  try {
    decodeURIComponent(pathname);
    return NextResponse.next();
  } catch {
    const message = 'Adresse mal encodée.';
    return pathname.startsWith('/api/')
      ? Response.json({ error: message }, { status: 400 })
      : new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

export const config = { matcher: '/:path(.*%.*)' };
