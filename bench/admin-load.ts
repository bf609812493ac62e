/**
 * bench/admin-load — the admin's first screens on an old office PC over a slow county network: a
 * cold load (new browser profile, empty cache) of the sign-in page and of the landing page after
 * sign-in, in Chromium with the CPU slowed 4× and a slow-3G-like network (both through the DevTools
 * protocol), each against a blank page served by the same server under the same conditions.
 *
 * Two figures per page, medians of RUNS loads, and their ratios to the blank page's:
 * - first contentful paint (the browser's own `first-contentful-paint` entry);
 * - answers input: from the start of navigation until the page's first field is on screen and a
 *   key typed into it shows (for the admin, once React has taken the keystroke into its state); on
 *   the workbench, which has no field, until its figures show and a click opens the user menu.
 *
 *   npm run bench:admin-load            # RUNS=3 by default
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../apps/api/src/app.js';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { migrate } from '../apps/api/src/db/migrate.js';
import { seedDemo } from '../apps/api/src/seed/seed-demo.js';
import { launchBrowser } from '../e2e/browser.js';

const RUNS = Number(process.env.RUNS ?? 3);
const CPU_SLOWDOWN = 4;
/** DevTools' "Slow 3G": 400 ms round trip, 400 kbit/s each way. */
const NETWORK = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

const BLANK_PATH = '/__bench/blank';
/** The same server, headers and encodings as the admin's page; a field to type into, nothing else. */
const BLANK_HTML =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>空白页</title></head>' +
  '<body><main><p>空白页 blank page</p><input data-testid="blank-input" aria-label="输入"></main></body></html>';

interface Load {
  fcp: number;
  input: number;
  /** Bytes over the wire (compressed), all requests of the load. */
  bytes: number;
  scripts: number;
}

interface Target {
  name: string;
  path: string;
  /** A field to type into, or a page's own way of showing it answers input. */
  field: string | ((page: Page) => Promise<void>);
  signedIn: boolean;
}

/** The workbench's figures are shown and a click on the user's name opens its menu. */
async function workbenchAnswers(page: Page): Promise<void> {
  await page.locator('[data-testid="workbench"][data-role]').waitFor();
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').waitFor();
}

const TARGETS: Target[] = [
  { name: 'blank page', path: BLANK_PATH, field: 'blank-input', signedIn: false },
  { name: 'sign-in page', path: '/login', field: 'login-username', signedIn: false },
  { name: 'landing page after sign-in (工作台)', path: '/', field: workbenchAnswers, signedIn: true },
];

async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent', LOGIN_RATE_PER_IP: '100000' });
  const db = await openDatabase({ dataDir: ':memory:' });
  await migrate(db);
  await seedDemo(db, { assessment: false });
  const app = await buildApp({ config, db, logger: false });
  app.get(BLANK_PATH, { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(BLANK_HTML));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** One cold load in a fresh profile: throttled, then navigated, then typed into. */
async function load(browser: Browser, url: string, target: Target): Promise<Load> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  try {
    // Sign-in through the API (the cookie lands in this profile): the landing page is loaded cold, signed in.
    if (target.signedIn) {
      const res = await context.request.post('/api/auth/login', { data: { username: 'office', password: 'kaoping-demo' } });
      if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
    }
    const page: Page = await context.newPage();
    page.setDefaultTimeout(120_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    let bytes = 0;
    let scripts = 0;
    const scriptIds = new Set<string>();
    cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
      if (e.type === 'Script') scriptIds.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      if (scriptIds.has(e.requestId)) scripts += e.encodedDataLength;
    });

    const started = Date.now();
    await page.goto(target.path, { waitUntil: 'commit' });
    if (typeof target.field === 'string') {
      // The field itself, or the input inside an antd wrapper that carries the test id.
      const selector = `input[data-testid="${target.field}"], [data-testid="${target.field}"] input`;
      const field = page.locator(selector).first();
      await field.waitFor();
      await field.pressSequentially('1');
      await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLInputElement | null)?.value === '1', selector, { polling: 'raf' });
    } else {
      await target.field(page);
    }
    const input = Date.now() - started;
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
    return { fcp, input, bytes, scripts };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const root = join(import.meta.dirname, '..');
  // The admin as it ships: built (and precompressed) when its sources changed since the last build.
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-needed', 'admin'], { cwd: root, stdio: 'inherit' });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    console.log(`Chromium, CPU ${CPU_SLOWDOWN}× slower, network ${NETWORK.latency} ms RTT and ${(NETWORK.downloadThroughput * 8) / 1000} kbit/s; cold loads, median of ${RUNS}`);
    const results = new Map<string, Load>();
    for (const target of TARGETS) {
      const runs: Load[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await load(browser, server.url, target));
      const m: Load = { fcp: median(runs.map((r) => r.fcp)), input: median(runs.map((r) => r.input)), bytes: median(runs.map((r) => r.bytes)), scripts: median(runs.map((r) => r.scripts)) };
      results.set(target.name, m);
      const blank = results.get(TARGETS[0]!.name)!;
      const ratio = target === TARGETS[0] ? '' : ` — ${(m.fcp / blank.fcp).toFixed(1)}× and ${(m.input / blank.input).toFixed(1)}× the blank page`;
      console.log(
        `${target.name.padEnd(34)} first contentful paint ${s(m.fcp)}, answers input ${s(m.input)}; ` +
          `${(m.bytes / 1000).toFixed(0)} kB transferred (${(m.scripts / 1000).toFixed(0)} kB scripts)${ratio}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
