import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PORTAL_CSP, staticCaching } from './security-headers.js';

const PORTAL_DIST = fileURLToPath(new URL('../../../portal/dist/', import.meta.url));

/**
 * The citizens' page (apps/portal/dist): its hashed assets under `/p/assets/`, and its index page
 * at `/p/<slug>` (the questionnaire) and `/p/<slug>/ticket` (the ticket lookup), which the page
 * itself tells apart. Registered beside the admin's static files, so it leaves `reply.sendFile` to them.
 */
export async function registerPortalStatic(app: FastifyInstance): Promise<void> {
  const built = existsSync(PORTAL_DIST + 'index.html');
  if (built) {
    await app.register(fastifyStatic, {
      root: PORTAL_DIST,
      prefix: '/p/',
      wildcard: false,
      decorateReply: false,
      index: false,
      // The build's .br and .gz copies, by the phone's Accept-Encoding; hashed names kept a year.
      preCompressed: true,
      setHeaders: staticCaching,
    });
  }

  const page = async (_req: unknown, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache').header('content-security-policy', PORTAL_CSP).type('text/html; charset=utf-8');
    if (!built) return '<p>市民评估页面尚未构建：请运行 <code>npm run build:portal</code>。The citizens\' page is not built: run <code>npm run build:portal</code>.</p>';
    return readFile(PORTAL_DIST + 'index.html', 'utf8');
  };
  app.get('/p/:slug', { schema: { hide: true } }, page);
  app.get('/p/:slug/ticket', { schema: { hide: true } }, page);
}
