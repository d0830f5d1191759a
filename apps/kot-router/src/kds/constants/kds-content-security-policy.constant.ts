/**
 * The KDS page runs only its own script and stylesheet and talks only to its own origin (the
 * socket included: CSP 3 `'self'` covers ws: and wss: on the same host).
 */
export const KDS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
