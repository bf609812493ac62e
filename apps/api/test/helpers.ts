import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@kaoping/shared';
import { expect, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/seed-demo.js';
import { createTestDatabase } from './test-db.js';
import type { Clock } from '../src/lib/clock.js';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

/** The whole API on a fresh database of its own, migrated, with the Hengyang units and users unless told otherwise. */
export async function buildTestApp(opts: { demo?: boolean; assessment?: boolean; publicEvaluation?: boolean; env?: Record<string, string>; clock?: Clock } = {}): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: tdb.dataDir, DATABASE_URL: tdb.databaseUrl ?? '', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', LOGIN_RATE_PER_IP: '100000', ...opts.env });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  // The assessment demo takes seconds to load: only the tests that need it ask for it.
  if (opts.demo !== false) await seedDemo(db, { assessment: opts.assessment ?? false, ...(opts.publicEvaluation !== undefined ? { publicEvaluation: opts.publicEvaluation } : {}) });
  const app = await buildApp({ config, db, logger: process.env.TEST_LOG_LEVEL !== undefined, ...(opts.clock ? { clock: opts.clock } : {}) });
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.close();
      await tdb.drop();
    },
  };
}

/** A signed-in client: carries the session cookie and the CSRF header like the admin UI does. */
export interface Client {
  username: string;
  cookie: string;
  csrf: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'kp_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `kp_session=${setCookie.value}`;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...headers },
      ...(body === undefined ? {} : Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
    });
  return {
    username,
    cookie,
    csrf,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    del: (url) => request('DELETE', url),
  };
}

/** A request a rule refuses: answered with that rule's own code and its status (409), which clients branch on. */
export function expectRefused(res: LightMyRequestResponse, code: ErrorCode): void {
  const body = res.json() as Partial<ErrorBody>;
  expect({ status: res.statusCode, code: body.error?.code }, body.error?.message).toEqual({ status: ERROR_STATUS[code], code });
}

/** Looks up a demo unit's id by its code. */
export async function unitId(db: Database, code: string): Promise<number> {
  const [row] = await db.query<{ id: number }>('select id from units where code = $1', [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}

export const dbKind = () => (process.env.DATABASE_URL ? 'postgresql' : 'pglite');

/** Imports and publishes a scheme as the office, opens the given periods; returns the ids tests need. */
export async function publishWithOpenPeriods(
  office: Client,
  db: Database,
  doc: unknown,
  openKeys: string[],
): Promise<{ schemeId: number; period: Record<string, number>; indicator: Record<string, number> }> {
  const created = await office.post('/api/schemes', doc);
  if (created.statusCode !== 201) throw new Error(`import: ${created.body}`);
  const schemeId = (created.json() as { id: number }).id;
  const published = await office.post(`/api/schemes/${schemeId}/publish`);
  if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`);
  const period: Record<string, number> = {};
  for (const p of ((await office.get(`/api/schemes/${schemeId}/periods`)).json() as { items: { id: number; key: string }[] }).items) period[p.key] = p.id;
  for (const key of openKeys) await office.patch(`/api/periods/${period[key]}`, { status: 'open' });
  const indicator: Record<string, number> = {};
  for (const r of await db.query<{ id: number; code: string }>('select id, code from indicators where scheme_id = $1', [schemeId])) indicator[r.code] = r.id;
  return { schemeId, period, indicator };
}

/**
 * What the citizens' page does before it submits: it is served the questionnaire for its submission
 * key and sends back the token it was served with. A body that already has one is left as it is.
 */
export async function withServed<T extends { submissionKey: string; served?: string }>(app: FastifyInstance, slug: string, body: T): Promise<T> {
  if (body.served !== undefined) return body;
  const res = await app.inject({ method: 'GET', url: `/api/p/${slug}?key=${encodeURIComponent(body.submissionKey)}` });
  const served = res.statusCode === 200 ? (res.json() as { served: string | null }).served : null;
  return served ? { ...body, served } : body;
}

/**
 * Runs `fn` with the command line (`runCli`) pointed at a fresh database of its own (DATA_DIR and
 * DATABASE_URL set for the while), everything it prints collected in `out`; all put back after.
 */
export async function withCliDatabase(fn: (cli: { out: string[]; dir: string; databaseUrl: string | undefined }) => Promise<void>): Promise<void> {
  const tdb = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'kaoping-cli-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = tdb.databaseUrl ?? '';
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  const err = vi.spyOn(console, 'error').mockImplementation((m: string) => void out.push(m));
  try {
    await fn({ out, dir, databaseUrl: tdb.databaseUrl });
  } finally {
    log.mockRestore();
    err.mockRestore();
    for (const key of ['DATA_DIR', 'DATABASE_URL'] as const) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    rmSync(dir, { recursive: true, force: true });
    await tdb.drop();
  }
}
