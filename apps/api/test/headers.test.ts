import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_CSP } from '../src/plugins/security-headers.js';
import { buildTestApp, login, type TestApp } from './helpers.js';

/** Headers that keep pages and answers where they belong: caching, the admin UI's policy, HSTS. */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
});
afterAll(async () => t.close());

describe('caching', () => {
  it('keeps API answers, the signed-in user and Excel exports out of every cache', async () => {
    const office = await login(t.app, 'office');
    for (const url of ['/api/auth/me', '/api/units', '/api/units/export.xlsx', '/api/users/export.xlsx', '/api/health']) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const refused = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('the sign-in answer, which carries the CSRF token, is not cached either', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'kaoping-demo' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('the admin UI', () => {
  it('is served with a strict Content-Security-Policy: its own scripts only, no inline script, no framing', async () => {
    for (const url of ['/', '/system/users', '/assessment/rankings']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['content-security-policy'], url).toBe(ADMIN_CSP);
    }
    const directives = Object.fromEntries(ADMIN_CSP.split('; ').map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));
    expect(directives['script-src']).toBe("'self'");
    expect(directives['default-src']).toBe("'self'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
  });
});

describe('HSTS', () => {
  const get = (remoteAddress: string, proto?: string) =>
    t.app.inject({ method: 'GET', url: '/api/health', remoteAddress, headers: proto ? { 'x-forwarded-proto': proto } : {} });

  it('is sent when the trusted proxy says the client came over https', async () => {
    expect((await get('127.0.0.1', 'https')).headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('is not sent over plain http, nor on a forged header from anyone but the proxy', async () => {
    expect((await get('127.0.0.1')).headers['strict-transport-security']).toBeUndefined();
    expect((await get('198.51.100.4', 'https')).headers['strict-transport-security']).toBeUndefined();
  });
});
