import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { authorize, hasRole, type Policy, type Principal } from './principal.js';
import { defineRoute, idParams } from './route.js';

const head: Principal = { via: 'token', userId: 7, username: 'head', displayName: 'Head', role: 'head', unitId: 3, scope: 'write' };
const ownUnit: Policy<{ unitId: number }> = (p, r) => p.unitId === r.unitId;

/** A tiny app with three signed-in routes: one that authorizes, one that forgets, one that sends a file and forgets. */
async function appWithRoutes(): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorateRequest('principal', null);
  app.decorateRequest('authProblem', null);
  app.addHook('onRequest', async (req) => {
    req.principal = { ...head };
  });
  app.setErrorHandler((err: Error, _req, reply) => {
    const status = err instanceof AppError ? err.status : 500;
    return reply.code(status).send({ error: { code: err instanceof AppError ? err.code : 'INTERNAL', message: err.message } });
  });
  defineRoute(app, {
    method: 'GET',
    url: '/checked/:id',
    summary: 'authorizes a resource of unit :id',
    tags: ['test'],
    params: idParams,
    handler: async ({ principal, params }) => {
      authorize(principal, ownUnit, { unitId: params.id });
      return { ok: true };
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/forgotten',
    summary: 'answers without deciding access',
    tags: ['test'],
    handler: async () => ({ ok: true }),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/download',
    summary: 'sends bytes itself without deciding access',
    tags: ['test'],
    handler: async ({ reply }) => reply.type('application/octet-stream').send(Buffer.from('secret')),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/refused',
    summary: 'a role rule the caller fails',
    tags: ['test'],
    handler: async ({ principal }) => {
      authorize(principal, hasRole('admin'));
      return { ok: true };
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/open',
    summary: 'public: needs no decision',
    tags: ['test'],
    public: true,
    handler: async () => ({ ok: true }),
  });
  await app.ready();
  return app;
}

describe('every signed-in route decides access through authorize', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWithRoutes();
  });
  afterAll(() => app.close());

  it('answers a route whose resource policy allows, and refuses one whose policy does not', async () => {
    expect((await app.inject({ method: 'GET', url: '/checked/3' })).statusCode).toBe(200);
    const other = await app.inject({ method: 'GET', url: '/checked/4' });
    expect(other.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/refused' })).statusCode).toBe(403);
  });

  it('turns the answer of a signed-in route that never called authorize into an error under test', async () => {
    const res = await app.inject({ method: 'GET', url: '/forgotten' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.message).toContain('GET /forgotten answered without calling authorize');
  });

  it('catches a download the handler sends itself, so the bytes never leave', async () => {
    const res = await app.inject({ method: 'GET', url: '/download' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });

  it('leaves public routes alone', async () => {
    expect((await app.inject({ method: 'GET', url: '/open' })).statusCode).toBe(200);
  });
});
