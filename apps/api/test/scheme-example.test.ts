import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { buildTestApp, login, type TestApp } from './helpers.js';

const EXAMPLE = new URL('../../../docs/examples/scheme-example.yaml', import.meta.url);
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('the documented example scheme', () => {
  it('is valid and uses every scoring method', async () => {
    const office = await login(t.app, 'office');
    const text = readFileSync(EXAMPLE, 'utf8');
    const res = await office.request('POST', '/api/schemes/validate', text, { 'content-type': 'application/yaml' });
    expect(res.json()).toEqual({ ok: true, issues: [] });
    const methods = new Set<string>();
    const walk = (nodes: { method?: { type: string }; children?: unknown[] }[]) =>
      nodes.forEach((n) => {
        if (n.method) methods.add(n.method.type);
        if (n.children) walk(n.children as typeof nodes);
      });
    walk((YAML.parse(text) as { indicators: [] }).indicators);
    expect([...methods].sort()).toEqual(['bands', 'bonus', 'deduct', 'formula', 'grade', 'progress', 'rank', 'ratio', 'veto']);
  });

  it('imports and publishes with `kaoping scheme import --publish`', async () => {
    const { createTestDatabase } = await import('./test-db.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const tdb = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-scheme-'));
    const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
    process.env.DATA_DIR = dir;
    process.env.DATABASE_URL = tdb.databaseUrl ?? '';
    const out: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (m: string) => void out.push(m);
    console.error = (m: string) => void out.push(m);
    try {
      expect(await runCli(['seed', '--demo'])).toBe(0);
      expect(await runCli(['scheme', 'import', EXAMPLE.pathname, '--publish'])).toBe(0);
      expect(out.join('\n')).toMatch(/Scheme EXAMPLE-2021 version 1 \(\d+ leaf indicators\) saved as published\./);
      const bad = join(dir, 'bad.yaml');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(bad, readFileSync(EXAMPLE, 'utf8').replace('points: 15\n        unit: \'%\'', 'points: -1\n        unit: \'%\''));
      expect(await runCli(['scheme', 'import', bad])).toBe(1);
      expect(out.join('\n')).toContain('indicators[0].children[0].points');
    } finally {
      console.log = log;
      console.error = error;
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
      await tdb.drop();
    }
  });
});
