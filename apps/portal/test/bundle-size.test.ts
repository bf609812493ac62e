import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The citizens' page opens on phones over mobile data, often inside WeChat: it must stay small,
 * load nothing from any other host, and run on the older browsers WeChat embeds. This builds it
 * into a temporary directory (the served dist/ is left alone) and checks all three.
 */

const root = join(import.meta.dirname, '..');
/** ARCHITECTURE.md: ≤ 50 kB gzipped JS + CSS. */
const BUDGET_BYTES = 50_000;

/** XML namespace names in the view library: identifiers compared as strings, never fetched. */
const NAMESPACE_NAMES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/Math/MathML', 'http://www.w3.org/1999/xlink', 'http://www.w3.org/XML/1998/namespace'];

let outDir: string;
let files: { name: string; text: string; bytes: Buffer }[];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'kaoping-portal-'));
  // The runner sets NODE_ENV=test, which Vite would honour with a development build: measure what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  // The .br and .gz copies hold the same bytes, compressed: the checks read the originals.
  files = walk(outDir).filter((p) => !/\.(br|gz)$/.test(p)).map((p) => {
    const bytes = readFileSync(p);
    return { name: relative(outDir, p), bytes, text: bytes.toString('utf8') };
  });
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("citizens' page bundle", () => {
  it('stays within 50 kB of gzipped JS and CSS', () => {
    const assets = files.filter((f) => /\.(js|css)$/.test(f.name));
    expect(assets.some((f) => f.name.endsWith('.js'))).toBe(true);
    expect(assets.some((f) => f.name.endsWith('.css'))).toBe(true);
    const sizes = assets.map((f) => ({ name: f.name, raw: f.bytes.length, gzip: gzipSync(f.bytes, { level: 9 }).length }));
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    console.log(
      `citizens' page: ${(total / 1000).toFixed(1)} kB gzipped JS+CSS of a ${BUDGET_BYTES / 1000} kB budget\n` +
        sizes.map((s) => `  ${s.name}: ${(s.raw / 1000).toFixed(1)} kB, ${(s.gzip / 1000).toFixed(1)} kB gzipped`).join('\n'),
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('refers to no other host: no absolute or protocol-relative URL in any built file', () => {
    const found: string[] = [];
    for (const f of files) {
      let text = f.text;
      for (const ns of NAMESPACE_NAMES) text = text.split(ns).join('');
      for (const m of text.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>]*/gi)) found.push(`${f.name}: ${m[0]}`);
      for (const m of text.matchAll(/(?:^|[\s"'`(=,])(\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`)<>]*)/gim)) found.push(`${f.name}: ${m[1]}`);
    }
    expect(found).toEqual([]);
  });

  it('loads its own assets from /p/assets/ on the origin that serves it', () => {
    const html = files.find((f) => f.name === 'index.html')!.text;
    expect(html).toContain('<html lang="zh-CN">');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((r) => r !== '#main' && !r.startsWith('data:'));
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const r of refs) expect(r).toMatch(/^\/p\/assets\/[\w.-]+\.(js|css)$/);
  });

  it('is plain ES2017 in a classic script, which the browsers inside WeChat run, old ones too', () => {
    for (const f of files.filter((x) => x.name.endsWith('.js'))) {
      expect(() => parse(f.text, { ecmaVersion: 2017, sourceType: 'script' }), f.name).not.toThrow();
    }
    // No type="module": a browser without modules would skip the page's only script.
    const html = files.find((f) => f.name === 'index.html')!.text;
    expect(html).toMatch(/<script defer src="\/p\/assets\/[\w.-]+\.js"><\/script>/);
    expect(html).not.toContain('type="module"');
  });

  it('is built with brotli and gzip copies of its script and styles', () => {
    const assets = walk(outDir).filter((p) => /\.(js|css)$/.test(p));
    for (const p of assets) for (const ext of ['.br', '.gz']) expect(statSync(p + ext).size, p + ext).toBeLessThan(statSync(p).size);
  });
});
