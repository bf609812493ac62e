import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CSP } from '../src/plugins/security-headers.js';
import { buildTestApp, type TestApp } from './helpers.js';

/** The citizens' page as the API serves it: its index at /p/<slug>, its assets under /p/assets/. */

const dist = join(import.meta.dirname, '../../portal/dist');
const built = existsSync(join(dist, 'index.html'));
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(async () => t.close());

describe("citizens' page", () => {
  it('answers /p/<slug> and /p/<slug>/ticket with a page that may load nothing from another origin', async () => {
    for (const url of ['/p/hengyang-2021', '/p/hengyang-2021/ticket', '/p/hengyang-2021?t=abcdefghijklmnopqrstuv']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.body).toContain(built ? '/p/assets/' : 'npm run build:portal');
    }
  });

  it.runIf(built)('serves the hashed assets for a long time', async () => {
    const asset = readdirSync(join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await t.app.inject({ method: 'GET', url: `/p/assets/${asset}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('leaves the API and the admin UI where they were', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/p/no-such-campaign' })).statusCode).toBe(404);
    // A missing asset is not the citizens' page: it gets the admin UI's answer (and its policy).
    expect((await t.app.inject({ method: 'GET', url: '/p/assets/no-such-file.js' })).headers['content-security-policy']).toBe(ADMIN_CSP);
  });
});
