/**
 * Takes the README screenshots (docs/screenshots/*.png, 1440×900) against a running server
 * with the demo data; it gives one demo unit a short name so that the audit log has a change to show:
 *   npm run build:admin && PORT=3100 DATA_DIR=/tmp/kp-shots npm run serve &
 *   npx tsx e2e/screenshots.ts http://localhost:3100
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, login, newContext } from './browser.js';

const baseURL = process.argv[2] ?? 'http://localhost:3000';
const outDir = join(import.meta.dirname, '..', 'docs', 'screenshots');

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
}

async function unitsPage(page: Page): Promise<void> {
  await page.goto('/system/units');
  await page.locator('[data-testid="units-map"][data-region-count="12"]').waitFor();
  await settle(page);
}

/** Makes one audited change through the API, as the signed-in user. */
async function giveShortName(page: Page, code: string, shortName: string): Promise<void> {
  const status = await page.evaluate(
    async ([unitCode, name]) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const list = (await (await fetch(`/api/units?q=${encodeURIComponent(unitCode)}`)).json()) as { items: { id: number; code: string }[] };
      const unit = list.items.find((u) => u.code === unitCode);
      if (!unit) return 404;
      const res = await fetch(`/api/units/${unit.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ shortName: name }),
      });
      return res.status;
    },
    [code, shortName] as const,
  );
  if (status !== 200) throw new Error(`PATCH unit ${code}: HTTP ${status}`);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    const zh = await newContext(browser, baseURL);
    const page = await zh.newPage();
    await page.goto('/login');
    await settle(page);
    await page.screenshot({ path: join(outDir, 'login.png') });

    await login(page, 'admin');
    await unitsPage(page);
    await page.screenshot({ path: join(outDir, 'units.png') });

    await page.goto('/system/users');
    await page.locator('[data-testid="users-table"] .ant-table-row').first().waitFor();
    await settle(page);
    await page.screenshot({ path: join(outDir, 'users.png') });

    await giveShortName(page, 'ZH01', '市发改委');
    await page.goto('/system/audit');
    await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
    await settle(page);
    await page.locator('[data-testid="audit-table"] .ant-table-row-expand-icon').first().click();
    await settle(page);
    await page.screenshot({ path: join(outDir, 'audit.png') });
    await zh.close();

    const en = await newContext(browser, baseURL, 'en-US');
    const enPage = await en.newPage();
    await login(enPage, 'office');
    await unitsPage(enPage);
    await enPage.screenshot({ path: join(outDir, 'units-en.png') });
    await en.close();
  } finally {
    await browser.close();
  }
  console.log(`screenshots written to ${outDir}`);
}

await main();
