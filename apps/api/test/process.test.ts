import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, startServer } from './server-process.js';

const dirs: string[] = [];
// The process runs the built JavaScript, as `npm start` does: build it if the sources changed.
beforeAll(() => void buildApi(), 180_000);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the server process', () => {
  it('is built once: a second build of unchanged sources does nothing', () => {
    expect(buildApi()).toContain('API: up to date');
  });

  it('refuses to start on a wrong setting, naming it', async () => {
    const s = startServer({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain('PORT must be an integer from 1 to 65535 (got "eighty")');
    expect(s.output()).toContain('LOG_LEVEL');
  });

  it('starts on the embedded database with the demo, logs JSON with request ids, and drains on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-proc-'));
    dirs.push(dir);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const s = startServer({ PORT: String(port), DATA_DIR: dir, HOST: '127.0.0.1' });
    // The first start seeds the whole demo (assessment, public evaluation, projects, supervision): allow for a busy machine.
    await waitFor(() => s.output().includes('Demo accounts'), 170_000);
    expect(s.output()).toContain('kaoping-demo');
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite' });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    await waitFor(() => s.output().includes('"reqId":"trace-123"'), 5_000);
    const line = s.output().split('\n').find((l) => l.includes('"reqId":"trace-123"'))!;
    expect(JSON.parse(line)).toMatchObject({ reqId: 'trace-123', level: 30 });
    // The probes and the metrics an operator points at it, over real TCP from loopback.
    expect(await (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).json()).toMatchObject({ status: 'ready', database: 'pglite' });
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^kaoping_http_requests_total\{method="GET",route="\/api\/health",status="200"\} 1$/m);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output()).toContain('shutting down');
  }, 200_000);
});
