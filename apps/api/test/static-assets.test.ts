import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers.js';

/**
 * The two UIs' files as a browser on a slow county network receives them: compressed once at build
 * time and sent as brotli or gzip by what the browser accepts, hashed files cached for a year,
 * pages revalidated on every visit.
 */

const root = join(import.meta.dirname, '../../..');
const dist = (app: 'admin' | 'portal') => join(root, `apps/${app}/dist`);
let t: TestApp;

/** The largest hashed JavaScript file of a build (what compression matters most for). */
const largestScript = (app: 'admin' | 'portal') =>
  readdirSync(join(dist(app), 'assets'))
    .filter((f) => f.endsWith('.js'))
    .sort((a, b) => statSync(join(dist(app), 'assets', b)).size - statSync(join(dist(app), 'assets', a)).size)[0]!;

beforeAll(async () => {
  for (const app of ['admin', 'portal'] as const) {
    if (!existsSync(join(dist(app), 'index.html'))) execSync(`npm run build:${app}`, { cwd: root, stdio: 'inherit' });
  }
  t = await buildTestApp({ demo: false });
});
afterAll(async () => t?.close());

const get = (url: string, encoding?: string) => t.app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

describe.each([
  { app: 'admin' as const, prefix: '/' },
  { app: 'portal' as const, prefix: '/p/' },
])('$app: hashed scripts', ({ app, prefix }) => {
  it('are built with brotli and gzip copies beside them', () => {
    const file = join(dist(app), 'assets', largestScript(app));
    expect(existsSync(`${file}.br`)).toBe(true);
    expect(existsSync(`${file}.gz`)).toBe(true);
    expect(statSync(`${file}.br`).size).toBeLessThan(statSync(`${file}.gz`).size);
    expect(statSync(`${file}.gz`).size).toBeLessThan(statSync(file).size / 2);
  });

  it('go out as brotli to a browser that takes it, gzip to one that takes only gzip, plain to the rest', async () => {
    const name = largestScript(app);
    const original = readFileSync(join(dist(app), 'assets', name));
    const url = `${prefix}assets/${name}`;
    const cases = [
      { accept: 'gzip, deflate, br, zstd', encoding: 'br', decode: brotliDecompressSync },
      { accept: 'gzip, deflate', encoding: 'gzip', decode: gunzipSync },
      { accept: undefined, encoding: undefined, decode: (b: Buffer) => b },
      { accept: 'identity', encoding: undefined, decode: (b: Buffer) => b },
    ];
    for (const c of cases) {
      const res = await get(url, c.accept);
      expect(res.statusCode, c.accept).toBe(200);
      expect(res.headers['content-encoding'], c.accept).toBe(c.encoding);
      expect(res.headers['content-type'], c.accept).toContain('javascript');
      expect(res.headers.vary, c.accept).toContain('accept-encoding');
      expect(res.headers['cache-control'], c.accept).toBe('public, max-age=31536000, immutable');
      expect(c.decode(res.rawPayload).equals(original), c.accept).toBe(true);
    }
  });
});

describe('pages and unhashed files', () => {
  it("the admin's page, at every client-side address, is revalidated on every visit", async () => {
    for (const url of ['/', '/index.html', '/login', '/system/units', '/assessment/rankings']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      const html = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(html, url).toContain('/assets/');
    }
  });

  it("the citizens' page is revalidated on every visit", async () => {
    const res = await get('/p/hengyang-2021', 'gzip, br');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('the map boundaries (no hash in the name) come compressed and are revalidated', async () => {
    const res = await get('/hengyang-counties.geojson', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.rawPayload.length).toBeLessThan(statSync(join(dist('admin'), 'hengyang-counties.geojson')).size / 3);
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString()).type).toBe('FeatureCollection');
  });

  it('a revalidation of an unchanged file is answered 304 without the body', async () => {
    const first = await get('/hengyang-counties.geojson', 'br');
    const again = await t.app.inject({ method: 'GET', url: '/hengyang-counties.geojson', headers: { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });
});
