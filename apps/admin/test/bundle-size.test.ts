import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a browser must fetch before the admin's first screens work, from the build's manifest: the
 * entry and everything it imports statically, plus each page's own chunk and its static imports.
 * Charts a page imports lazily arrive after it is shown; English (the second language) is added for
 * a reader who chose it. Built into a temporary directory (the served dist/ is left alone).
 */

const root = join(import.meta.dirname, '..');
/** issue 14: the sign-in page plus the first page after sign-in, gzipped JavaScript (373 kB today, see README). */
const GOAL_BYTES = 400_000;
/** The first page after sign-in: `/` leads every role to the workbench. */
const LANDING = 'src/features/workbench/WorkbenchPage.tsx';
const LOGIN = 'src/features/login/LoginPage.tsx';
/** English: its dictionary and antd's English texts, fetched when a reader has chosen English. */
const ENGLISH = 'src/i18n/english.ts';

let outDir: string;
let manifest: Manifest;
const gzipped = new Map<string, number>();

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'kaoping-admin-'));
  // The runner sets NODE_ENV=test, which Vite would honour with a development build: measure what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 240_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Manifest keys of the given chunks and all they import statically. */
function staticClosure(keys: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...keys];
  while (todo.length) {
    const key = todo.pop()!;
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`not in the manifest: ${key}`);
    seen.add(key);
    todo.push(...(chunk.imports ?? []));
  }
  return seen;
}

const entryKey = () => Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;

function gzipBytes(keys: Iterable<string>): number {
  let total = 0;
  for (const key of keys) {
    const file = manifest[key]!.file;
    if (!file.endsWith('.js')) continue;
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length);
    total += gzipped.get(file)!;
  }
  return total;
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

describe('admin bundle', () => {
  it('loads each page with its own chunk, not with the first screen', () => {
    const first = staticClosure([entryKey()]);
    for (const page of [LOGIN, LANDING, 'src/features/users/UsersPage.tsx', 'src/features/audit/AuditPage.tsx']) {
      expect(manifest[page]?.isDynamicEntry, page).toBe(true);
      expect(first.has(page), page).toBe(false);
    }
  });

  it('keeps ECharts out of the sign-in page and the landing page: it arrives with the chart that needs it', () => {
    const needed = staticClosure([entryKey(), LOGIN, LANDING]);
    const echarts = Object.keys(manifest).filter((k) => readFileSync(join(outDir, manifest[k]!.file), 'utf8').includes('__ec_inner_'));
    expect(echarts.length).toBeGreaterThan(0);
    for (const k of echarts) expect(needed.has(k), k).toBe(false);
  });

  it('needs at most 400 kB of gzipped JavaScript for the sign-in page and the first page after it, in Chinese and in English', () => {
    const login = staticClosure([entryKey(), LOGIN]);
    const both = staticClosure([entryKey(), LOGIN, LANDING]);
    const english = staticClosure([entryKey(), LOGIN, LANDING, ENGLISH]);
    const total = gzipBytes(both);
    console.log(
      `admin: sign-in page ${kB(gzipBytes(login))}, with the landing page ${kB(total)} of gzipped JS, ` +
        `${kB(gzipBytes(english))} in English (goal ${kB(GOAL_BYTES)})`,
    );
    expect(gzipBytes(login)).toBeLessThanOrEqual(GOAL_BYTES);
    expect(total).toBeLessThanOrEqual(GOAL_BYTES);
    expect(gzipBytes(english)).toBeLessThanOrEqual(GOAL_BYTES);
  });

  it('fetches English only when it is chosen: the first screen carries one language', () => {
    expect(manifest[ENGLISH]?.isDynamicEntry).toBe(true);
    const first = staticClosure([entryKey(), LOGIN, LANDING]);
    const englishOnly = [...staticClosure([ENGLISH])].filter((k) => !first.has(k));
    const text = englishOnly.map((k) => readFileSync(join(outDir, manifest[k]!.file), 'utf8')).join('');
    // English texts (the workbench's title, the app's tagline) come with English, none with the first screen.
    expect(text).toContain('Workbench');
    for (const k of first) expect(readFileSync(join(outDir, manifest[k]!.file), 'utf8'), k).not.toContain('Assess · Supervise');
  });
});
