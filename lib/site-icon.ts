/** The site's icon: a red square with « 2.0 », as on the cover. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#a4361c"/>' +
  '<text x="16" y="22" text-anchor="middle" fill="#fbf8f3" font-family="Georgia, serif" font-size="15" font-weight="bold">2.0</text></svg>';

/**
 * The icon as a data URL in each page's `<link rel="icon">`: 0.3 KB of HTML instead of a request of
 * its own on every first visit (the CSP's img-src allows data:).
 */
export const SITE_ICON_URL = `data:image/svg+xml,${encodeURIComponent(ICON_SVG)}`;
