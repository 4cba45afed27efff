// No third-party origin anywhere. Scripts: 'unsafe-inline' is needed for the inline scripts Next
// writes into statically generated pages (a nonce would make every page dynamic). It would also
// allow inline event handlers (onerror=…), the usual way injected markup runs: script-src-attr
// 'none' (CSP level 3) forbids them. React never writes one, and comment text is never HTML.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A browser that has seen the site over HTTPS refuses plain HTTP to it for a year. Not for the
 * domain's other hosts (no includeSubDomains): the author's domain may serve some without HTTPS.
 */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** Sent with every response (next.build-config.ts, read at build time): HSTS when SITE_URL is https://. */
export function securityHeaders(siteUrl: string | undefined): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(siteUrl?.startsWith('https://') ? { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : {}),
  };
}
