/**
 * bench/screen — the leaders' big screen on the Hengyang demo: the time the API takes to assemble the
 * screen's data (GET /api/screen), and the time Chromium takes from navigation to the first full render
 * of /screen through a display link (data loaded, map drawn), against a blank page served by the same
 * server in the same browser; printed as a ratio. Needs the admin UI built (npm run build:admin) and
 * Chromium at /usr/bin/chromium. Not part of npm test.
 *
 *   npm run bench:screen
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../apps/api/src/app.js';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { migrate } from '../apps/api/src/db/migrate.js';
import { seedDemo } from '../apps/api/src/seed/seed-demo.js';
import { issueKiosk } from '../apps/api/src/modules/screen/screen.service.js';
import { launchBrowser } from '../e2e/browser.js';

const REPEAT = 7;
const root = join(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'apps/admin/dist/index.html'))) throw new Error('build the admin UI first: npm run build:admin');
  const config = loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent' });
  const db = await openDatabase({ dataDir: ':memory:' });
  await migrate(db);
  const t0 = performance.now();
  await seedDemo(db, { assessment: true });
  console.log(`demo loaded in ${ms(performance.now() - t0)}`);
  const app = await buildApp({ config, db, logger: false });
  // The baseline: an empty page from the same server, through the same hooks and headers.
  app.get('/bench-blank', async (_req, reply) => reply.type('text/html').send('<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const [office] = await db.query<{ id: number }>(`select id from users where username = 'office'`);
  const { token } = await issueKiosk(db, { via: 'session', userId: office!.id, username: 'office', displayName: 'office', role: 'office', unitId: null }, 'bench', {
    actorId: office!.id,
    actorName: 'office',
    tokenId: null,
    requestId: 'bench',
    ip: '127.0.0.1',
  });

  // The screen's data, as the display link asks for it.
  const api: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REPEAT + 1; i++) {
    const s = performance.now();
    const res = await fetch(`${url}/api/screen?kiosk=${token}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET /api/screen: ${res.status} ${body}`);
    if (i > 0) api.push(performance.now() - s); // the first call warms the caches
    bytes = body.length;
  }

  const browser = await launchBrowser();
  const blank: number[] = [];
  const screen: number[] = [];
  try {
    for (let i = 0; i < REPEAT + 1; i++) {
      // A fresh context each time: nothing cached, as a hall PC opening the link for the first time.
      const a = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const p = await a.newPage();
      await p.goto(`${url}/bench-blank`, { waitUntil: 'load' });
      const b = await p.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
      await a.close();

      const c = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const q = await c.newPage();
      await q.goto(`${url}/screen?kiosk=${token}`);
      const done = q.locator('[data-testid="screen"][data-rendered="true"]');
      await done.waitFor({ timeout: 60_000 });
      const r = Number(await done.getAttribute('data-rendered-ms'));
      await c.close();
      if (i > 0) {
        blank.push(b);
        screen.push(r);
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await db.close();
  }

  console.log(`GET /api/screen (${(bytes / 1024).toFixed(1)} kB): median ${ms(median(api))}, min ${ms(Math.min(...api))}, max ${ms(Math.max(...api))} over ${REPEAT}`);
  console.log(`blank page, navigation to load: median ${ms(median(blank))}`);
  console.log(`big screen, navigation to first full render (data and map): median ${ms(median(screen))}, min ${ms(Math.min(...screen))}, max ${ms(Math.max(...screen))}`);
  console.log(`ratio screen / blank: ${(median(screen) / median(blank)).toFixed(1)}×`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
