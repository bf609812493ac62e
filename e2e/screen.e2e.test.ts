import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../apps/api/src/db/database.js';
import { startTestServer } from '../apps/api/test/server-harness.js';
import { CHROMIUM_PATH, hasChromium, launchBrowser, login, newContext } from './browser.js';

/**
 * The leaders' big screen in the hall: the performance office makes a display link, the hall's PC
 * opens it without signing in and sees the screen — and nothing else —; the screen follows a
 * citizen's response to the open campaign and a task turning red within 5 seconds without a reload;
 * revoking the link stops the screen.
 */

const root = join(import.meta.dirname, '..');
const WAIT = 30_000;
const LIVE = 5_000;

let server: { url: string; db: Database; close(): Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A signed-in API client (cookie and CSRF token), as the admin UI holds them. */
async function apiAs(username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'kaoping-demo' }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method: string, path: string, body?: BodyInit | object, type = 'application/json', extra: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': type }), ...extra },
      body: body === undefined ? undefined : typeof body === 'object' && !(body instanceof Buffer) ? JSON.stringify(body) : (body as BodyInit),
    });
}

/** Two findings of an inspection with a photo each, so the screen has its newest photos to show. */
async function inspectionPhotos(): Promise<void> {
  const supervisor = await apiAs('supervisor');
  const inspection = (await (await supervisor('POST', '/api/inspections', { inspectedOn: '2026-11-20', place: '衡阳县西渡镇', inspector: '市督查室暗访组（演示）' })).json()) as { id: number };
  const units = (await (await supervisor('GET', '/api/units?q=430421')).json()) as { items: { id: number }[] };
  const shots: [string, string][] = [
    ['渣土车未覆盖沿街行驶', '#8d6e63'],
    ['农贸市场占道经营', '#5c6bc0'],
  ];
  for (const [title, color] of shots) {
    const finding = (await (await supervisor('POST', `/api/inspections/${inspection.id}/findings`, { title, unitId: units.items[0]!.id, place: '西渡镇' })).json()) as { id: number };
    const jpeg = await sharp({ create: { width: 640, height: 420, channels: 3, background: color } }).jpeg().toBuffer();
    const res = await supervisor('POST', `/api/inspections/findings/${finding.id}/media`, jpeg, 'image/jpeg', { 'x-filename': 'photo.jpg' });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

/** A citizen's answer to the open demo campaign, as the citizens' page sends it. */
async function citizenSubmits(n: number): Promise<void> {
  const key = `screen-e2e-key-${String(n).padStart(8, '0')}`;
  const page = (await (await fetch(`${server.url}/api/p/hy-2022?key=${key}`)).json()) as { served: string; groups: { units: { id: number }[] }[] };
  const res = await fetch(`${server.url}/api/p/hy-2022/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ verification: { mode: 'open', deviceId: `screen-e2e-device-${String(n).padStart(6, '0')}` }, submissionKey: key, served: page.served, answers: [{ unitId: page.groups[0]!.units[0]!.id, answer: 'satisfied' }] }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** The hall's screen: 1920×1080, nobody signed in. */
async function hallScreen(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  return page;
}

const count = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[^\d]/g, ''));

beforeAll(async () => {
  if (!hasChromium()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk`);
  if (!existsSync(join(root, 'apps/admin/dist/index.html'))) execSync('npm run build:admin', { cwd: root, stdio: 'inherit' });
  server = await startTestServer({ demo: true, assessment: true });
  browser = await launchBrowser();
  await inspectionPhotos();
}, 240_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('the big screen through a display link', () => {
  let office: Page;
  let link = '';
  let hall: Page;

  it('the office makes a display link, and the hall’s PC opens the screen with it without signing in', async () => {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    office = await context.newPage();
    office.setDefaultTimeout(WAIT);
    await login(office, 'office');
    await office.goto('/system/screen-links');
    await office.getByTestId('kiosk-name').fill('主会场大屏');
    await office.getByTestId('issue-kiosk').click();
    link = ((await office.getByTestId('kiosk-url').textContent()) ?? '').trim();
    expect(link).toMatch(/\/screen\?kiosk=kps_[\w-]+$/);

    hall = await hallScreen();
    await hall.goto(link);
    await hall.locator('[data-testid="screen"][data-rendered="true"]').waitFor();
    await expect.poll(() => hall.getByTestId('screen-live').textContent()).toBe('实时');
    await expect.poll(() => hall.getByTestId('screen-rankings').textContent()).toContain('衡阳县');
    await expect.poll(() => hall.getByTestId('screen-park-YQ02').textContent()).toContain('松木');
    expect(await hall.getByTestId('screen-projects').textContent()).toContain('时序进度');
    expect(await hall.locator('[data-testid="screen-photos"] img').count()).toBe(2);
    await expect.poll(() => hall.locator('[data-testid="screen-photos"] img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
    await hall.waitForTimeout(500);
    await hall.screenshot({ path: join(root, 'docs/screenshots/screen.png') });
  });

  it('the display link is refused everything but the screen', async () => {
    const token = new URL(link).searchParams.get('kiosk')!;
    const statuses = await hall.evaluate(async (tk) => {
      const out: Record<string, number> = {};
      for (const path of ['/api/tasks', '/api/units', '/api/supervision/overview', '/api/campaigns', '/api/screen/kiosks']) {
        out[`${path} ?kiosk`] = (await fetch(`${path}?kiosk=${tk}`)).status;
        out[`${path} bearer`] = (await fetch(path, { headers: { authorization: `Bearer ${tk}` } })).status;
      }
      out['/api/screen'] = (await fetch(`/api/screen?kiosk=${tk}`)).status;
      return out;
    }, token);
    expect(statuses['/api/screen']).toBe(200);
    for (const [call, status] of Object.entries(statuses)) if (call !== '/api/screen') expect([401, 403], call).toContain(status);
    // The admin's pages behind sign-in send the hall's PC to the login page.
    const other = await hallScreen();
    await other.goto(`/supervision/tasks?kiosk=${token}`);
    await other.getByTestId('login-username').waitFor();
  });

  it('shows a citizen’s response to the open campaign within 5 s, without a reload', async () => {
    const before = await count(hall, 'screen-responses');
    const started = Date.now();
    await citizenSubmits(1);
    await expect.poll(() => count(hall, 'screen-responses'), { timeout: LIVE, interval: 100 }).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(LIVE);
  });

  it('shows a task turning red within 5 s, without a reload', async () => {
    const before = await count(hall, 'screen-light-red');
    const [task] = await server.db.query<{ id: number }>(`select id from tasks where status in ('issued', 'in_progress') and deadline >= current_date order by id limit 1`);
    const started = Date.now();
    // Its deadline passes, as it would at midnight.
    await server.db.query(`update tasks set start_date = least(start_date, current_date - 30), deadline = current_date - 1 where id = $1`, [task!.id]);
    await expect.poll(() => count(hall, 'screen-light-red'), { timeout: LIVE, interval: 100 }).toBe(before + 1);
    expect(Date.now() - started).toBeLessThan(LIVE);
  });

  it('stops when the office revokes the link', async () => {
    await office.reload();
    await office.locator('[data-testid^="revoke-kiosk-"]').first().click();
    await office.locator('.ant-popconfirm .ant-btn-primary').click();
    await hall.getByTestId('screen-revoked').waitFor({ timeout: LIVE });
    const again = await hallScreen();
    await again.goto(link);
    await again.getByTestId('screen-revoked').waitFor();
  });
});

describe('the big screen signed in', () => {
  it('opens for a city leader and not for a unit', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    await login(page, 'leader');
    await page.goto('/screen');
    await page.locator('[data-testid="screen"][data-rendered="true"]').waitFor();
    const unit = await newContext(browser, server.url);
    contexts.push(unit);
    const reporter = await unit.newPage();
    reporter.setDefaultTimeout(WAIT);
    await login(reporter, '430421-reporter');
    await reporter.goto('/screen');
    await reporter.getByTestId('forbidden').waitFor();
  });
});
