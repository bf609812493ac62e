import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../src/lib/excel.js';
import { buildTestApp, login, unitId, type TestApp } from './helpers.js';

/**
 * What an anonymous request can make the server do before it is refused. A body in a type the
 * route does not take is refused at once (415, naming what it takes), before it is read; a route
 * that needs sign-in refuses an anonymous caller before reading; a validation error stays small.
 */

let t: TestApp;
let base: string;
let slug: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const office = await login(t.app, 'office');
  slug = 'limits-2021';
  const res = await office.post('/api/campaigns', {
    slug,
    name: '请求限制测试',
    year: 2021,
    startsAt: new Date(Date.now() - 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    modes: ['sms', 'open'],
    unitIds: [await unitId(t.db, '430421')],
  });
  expect(res.statusCode, res.body).toBe(201);
  expect((await office.post(`/api/campaigns/${(res.json() as { id: number }).id}/open`)).statusCode).toBe(200);
});
afterAll(async () => t.close());

interface Answer {
  status: number;
  body: string;
  /** Milliseconds from the first byte sent to the whole answer. */
  ms: number;
  /** Bytes of the body written before the answer came. */
  sent: number;
}

/**
 * One HTTP request over a real socket, announcing `bytes` of body. With `hold`, only the first 64 kB
 * are written and the rest is held back until an answer comes: a server that waited for the body
 * would never answer (the test times out), so an answer proves the body was refused unread.
 * Otherwise the whole body is written as fast as the server takes it.
 */
function send(method: string, path: string, opts: { type?: string; bytes?: number; hold?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  const total = opts.bytes ?? 0;
  const chunk = Buffer.alloc(64 * 1024);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    let answered = false;
    const req = http.request(`${base}${path}`, {
      method,
      headers: { ...(opts.type ? { 'content-type': opts.type } : {}), ...(total ? { 'content-length': String(total) } : {}), ...opts.headers },
    });
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), ms: performance.now() - started, sent });
        req.destroy();
      });
    });
    // The server may close the connection on an unread body once it has answered.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && sent < total && !(opts.hold && sent > 0)) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (!answered && sent >= total) req.end();
    };
    if (total) {
      req.flushHeaders();
      // Let the server see the headers and answer before the body streams in.
      setTimeout(pump, 20);
    } else req.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const MB = 1024 * 1024;
const PUBLIC_JSON_ROUTES = ['/api/auth/login', `/api/p/limits-2021/responses`, `/api/p/limits-2021/sms-codes`, '/open311/v2/requests.json'];
const WRONG_TYPES = ['application/octet-stream', 'image/png', 'application/pdf', XLSX_MIME];

describe('a body of a type the route does not take', () => {
  it.each(PUBLIC_JSON_ROUTES)('is refused at once on %s: 415, small, naming what the route takes', async (path) => {
    for (const type of WRONG_TYPES) {
      // Answered while all but the first 64 kB of the megabyte is still held back.
      const res = await send('POST', path, { type, bytes: MB, hold: true });
      expect(res.status, `${type} → ${path}`).toBe(415);
      expect(res.sent).toBeLessThanOrEqual(64 * 1024);
      expect(res.body.length).toBeLessThan(1000);
      expect(res.body).toContain(path.startsWith('/open311/') ? 'form' : 'JSON');
    }
  });

  it('does not hold up a health check made meanwhile', async () => {
    const health = async () => (await send('GET', '/api/health')).ms;
    const baseline: number[] = [];
    for (let i = 0; i < 7; i++) baseline.push(await health());
    // Twelve one-megabyte bodies sent whole at once, and health checks during them.
    const attacks = WRONG_TYPES.flatMap((type) => PUBLIC_JSON_ROUTES.slice(0, 3).map((path) => send('POST', path, { type, bytes: MB })));
    const during: number[] = [];
    for (let i = 0; i < 7; i++) during.push(await health());
    const answers = await Promise.all(attacks);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([415]));
    // Before, a health check waited seconds behind one such body; now it takes about as long as alone.
    expect(median(during)).toBeLessThan(median(baseline) * 5 + 25);
    // And the refusals came in the time of a few health checks, not the seconds it took to read and list each body.
    expect(median(answers.map((a) => a.ms))).toBeLessThan(median(baseline) * 20 + 200);
  });

  it('is refused on a signed-in route too, naming the types it takes (an evidence file)', async () => {
    const reporter = await login(t.app, '430421-reporter');
    const res = await reporter.request('POST', '/api/values/1/evidence', Buffer.from('PK\u0003\u0004 an old Word file'), { 'content-type': 'application/msword' });
    expect(res.statusCode).toBe(415);
    const message = (res.json() as { error: { message: string } }).error.message;
    expect(message).toContain('不支持的文件类型 application/msword');
    expect(message).toContain('PDF、JPEG、PNG、Word (.docx)、Excel (.xlsx)');
    expect(message).not.toContain('application/json');
  });

  it('a JSON route does not read text either, though scheme routes take YAML as text', async () => {
    const office = await login(t.app, 'office');
    expect((await office.request('PATCH', '/api/units/1', 'shortName: x', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    const yaml = await office.request('POST', '/api/schemes/validate', 'format: kaoping.scheme/v1\n', { 'content-type': 'application/yaml' });
    expect(yaml.statusCode).toBe(200);
  });
});

describe('an anonymous caller of a signed-in route', () => {
  const TEN_MB = 10 * MB;
  const uploads: [string, string][] = [
    ['/api/users/import', XLSX_MIME],
    ['/api/units/import', XLSX_MIME],
    ['/api/projects/import', XLSX_MIME],
    ['/api/data/import?unitId=1&periodId=1', XLSX_MIME],
    ['/api/schemes', XLSX_MIME],
    ['/api/schemes/validate', 'application/yaml'],
    ['/api/values/1/evidence', 'application/pdf'],
    ['/api/tasks/1/evidence', 'application/pdf'],
    ['/api/problems/1/requirements/1/evidence', 'video/mp4'],
    ['/api/inspections/findings/1/media', 'video/mp4'],
  ];

  it.each(uploads)('is refused on %s before the 10 MB body is read', async (path, type) => {
    const res = await send('POST', path, { type, bytes: TEN_MB, hold: true });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(res.sent).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('a validation error', () => {
  it('lists at most 20 problems and stays small, however much was wrong', async () => {
    const junk = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 0]));
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { ...junk, username: 5, password: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(5000);
    const { error } = res.json() as { error: { message: string; details: { path: string; message: string }[] } };
    expect(error.details.length).toBeLessThanOrEqual(21);
    expect(error.message).toMatch(/^body\./);

    const many = await (await login(t.app, 'office')).post('/api/campaigns', { slug: 1, name: 2, year: 'x', startsAt: 3, endsAt: 4, modes: 5, unitIds: Array(500).fill('x') });
    const details = (many.json() as { error: { details: { message: string }[] } }).error.details;
    expect(details.length).toBeLessThanOrEqual(21);
    expect(details.at(-1)!.message).toMatch(/more problems not listed/);
  });
});
