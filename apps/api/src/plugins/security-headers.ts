import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A page may load its own scripts, styles and images and talk to its own origin, nothing else: no
 * CDN, no web font, no analytics, no inline script, and it cannot be framed.
 */
const BASE_CSP = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

const toHeader = (policy: Record<string, string>) =>
  Object.entries(policy)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/** The citizens' page: plain CSS files, no exception. */
export const PORTAL_CSP = toHeader(BASE_CSP);

/**
 * The admin UI. Ant Design writes its component styles into <style> elements at run time (CSS in
 * JS), so styles may be inline; scripts stay strictly the bundle's own files. Photos are shown from
 * blob: URLs while they upload.
 */
export function adminCsp(streamHosts: readonly string[] = []): string {
  // Live streams of project sites (连线项目现场) play from the hosts the deployment lists in STREAM_HOSTS:
  // natively as <video> media, or through hls.js, which fetches the playlist and segments and feeds them
  // to the <video> from a blob: URL.
  const streams = streamHosts.length ? ` ${streamHosts.join(' ')}` : '';
  return toHeader({
    ...BASE_CSP,
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'media-src': `'self' blob:${streams}`,
    'connect-src': `'self'${streams}`,
  });
}
export const ADMIN_CSP = adminCsp();

// The API reference (Swagger UI) brings its own page; it is documentation, not the product's UI.
const isApiDocs = (req: FastifyRequest) => req.url === '/api/docs' || req.url.startsWith('/api/docs/');

const ONE_YEAR = 31_536_000;

/**
 * Caching of the built UIs' files (`setHeaders` of @fastify/static): what sits under assets/ carries
 * a content hash in its name, so a browser keeps it a year without asking again; everything else
 * (index.html, the map's boundaries) is checked with the server on every use (a 304 when unchanged),
 * so a new release is seen at once. `path` is the file sent, possibly its .br or .gz copy.
 */
export function staticCaching(reply: FastifyReply, path: string): void {
  reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? `public, max-age=${ONE_YEAR}, immutable` : 'no-cache');
}

/**
 * Headers every answer gets: no sniffing or framing; HSTS when the client reached us over https (as
 * the trusted proxy says, see TRUST_PROXY); `no-store` on what the API answers unless a route chose
 * its own caching (media: `private`), so no shared cache or browser history keeps personal data;
 * and the admin UI's Content-Security-Policy on its pages.
 */
export function registerSecurityHeaders(app: FastifyInstance, streamHosts: readonly string[] = []): void {
  const csp = adminCsp(streamHosts);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (req.protocol === 'https') reply.header('strict-transport-security', `max-age=${ONE_YEAR}`);
    const api = req.url.startsWith('/api/') || req.url.startsWith('/open311/');
    if (api && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !reply.hasHeader('content-security-policy') && !isApiDocs(req)) reply.header('content-security-policy', csp);
  });
}
