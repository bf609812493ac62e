/**
 * Takes the README screenshots (docs/screenshots/*.png, 1440×900) against a running server
 * with the demo data; it gives one demo unit a short name so that the audit log has a change to show:
 *   npm run build:admin && PORT=3100 DATA_DIR=/tmp/kp-shots npm run serve &
 *   npx tsx e2e/screenshots.ts http://localhost:3100
 * A second argument takes one set only: `system` (login, units, users, audit), `assessment`
 * (rankings, changes, scorecard, 时序进度, reporting and review on the 2021 demo) or `supervision`
 * (overview, tasks, a task, the ledger, an inspection, projects); the last two only read.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newContext } from './browser.js';

const baseURL = process.argv[2] ?? 'http://localhost:3000';
const only = process.argv[3] as 'system' | 'assessment' | 'supervision' | undefined;
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

/** GET through the page's session. */
function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }, path);
}

/** Opens a PeriodSelect and picks the period by its label, e.g. "2021年12月". */
async function choosePeriod(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(label);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${label} ·` }).first().click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  // No focus ring left on the select in the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
}

/** The assessment pages on the 2021 demo: results as the office, then a unit's grid and the review queue. */
async function assessmentShots(browser: Browser): Promise<void> {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await login(page, 'office');

  // 得分排名: the bar chart of the first group's totals above its table.
  await page.goto('/assessment/results');
  await page.locator('[data-testid="ranking-chart"] canvas').waitFor();
  await page.locator('[data-testid^="ranking-row-"]').first().waitFor();
  await shot(page, 'assessment-rankings');

  // 与上次计分相比: the first December run against November's; the largest change opens by itself
  // with each indicator's reason.
  const schemes = await apiGet<{ items: { id: number; year: number }[] }>(page, '/api/schemes');
  const scheme = schemes.items.find((s) => s.year === 2021) ?? schemes.items[0]!;
  const runs = (await apiGet<{ items: { id: number; asOf: string }[] }>(page, `/api/schemes/${scheme.id}/runs`)).items;
  const november = runs.find((r) => r.asOf === '2021-11-30')!;
  const firstDecember = runs.filter((r) => r.asOf === '2021-12-31').at(-1)!;
  await page.goto(`/assessment/results?scheme=${scheme.id}&run=${firstDecember.id}&from=${november.id}&tab=changes`);
  await page.locator('[data-testid^="change-why-"]').first().waitFor();
  await shot(page, 'assessment-changes');

  // A county's scorecard in the latest run: summary, change since the last run, trend, and the
  // explained indicator tree.
  const units = await apiGet<{ items: { id: number; code: string }[] }>(page, '/api/units');
  const county = units.items.find((u) => u.code === '430421')!;
  await page.goto(`/assessment/results/${runs[0]!.id}/units/${county.id}`);
  await page.locator('[data-testid^="scorecard-explanation-"]').first().waitFor();
  await page.locator('[data-testid="trend-view"] canvas').first().waitFor();
  // Down to where the summary's parts meet the explained indicator tree.
  await page.getByTestId('scorecard-tree').evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 420));
  await shot(page, 'assessment-scorecard');

  // 时序进度: completion against the expected line, units behind it in red.
  await page.goto('/assessment/progress');
  await page.locator('[data-testid^="progress-row-"]').first().waitFor();
  await shot(page, 'assessment-progress');

  // 数据审核: December's submitted figures of the unit with the most of them in the queue.
  const december = (await apiGet<{ items: { id: number; key: string }[] }>(page, `/api/schemes/${scheme.id}/periods?frequency=month`)).items.find((p) => p.key === '2021-12')!;
  const queue = await apiGet<{ items: { unitCode: string; submitted: number }[] }>(page, `/api/data/review-queue?schemeId=${scheme.id}&periodId=${december.id}`);
  const busiest = queue.items.reduce((a, b) => (b.submitted > a.submitted ? b : a));
  await page.goto('/assessment/review');
  await choosePeriod(page, 'review-period', '2021年12月');
  await page.getByTestId(`review-unit-${busiest.unitCode}`).click();
  await page.locator('[data-testid="reporting-grid"] [data-status="submitted"]').first().waitFor();
  await shot(page, 'assessment-review');
  await context.close();

  // 数据填报: a park's December grid as its reporter sees it: its own figure to edit, the rest
  // supplied by the city's data-source units.
  const reporter = await newContext(browser, baseURL);
  const grid = await reporter.newPage();
  grid.setDefaultTimeout(60_000);
  await login(grid, 'YQ04-reporter');
  await grid.goto('/assessment/reporting');
  await choosePeriod(grid, 'reporting-period', '2021年12月');
  await grid.locator('[data-testid="reporting-grid"] [data-testid^="row-status-"]').first().waitFor();
  await shot(grid, 'assessment-reporting');
  await reporter.close();
}

/** The supervision pages on the demo, as the supervision office sees them. */
async function supervisionShots(browser: Browser): Promise<void> {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await login(page, 'supervisor');

  await page.goto('/supervision/overview');
  await page.locator('[data-testid^="overview-rate-"]').first().waitFor();
  await shot(page, 'supervision-overview');

  await page.goto('/supervision/tasks');
  await page.locator('[data-testid^="task-link-"]').first().waitFor();
  await shot(page, 'supervision-tasks');

  // A task that was returned with a reason and is being worked on again: its whole history shows.
  const tasks = await apiGet<{ items: { id: number; status: string; returned: boolean }[] }>(page, '/api/tasks');
  const returned = tasks.items.find((x) => x.returned && x.status === 'in_progress') ?? tasks.items[0]!;
  await page.goto(`/supervision/tasks/${returned.id}`);
  await page.getByTestId('task-title').waitFor();
  await shot(page, 'supervision-task');

  await page.goto('/supervision/problems');
  await page.locator('[data-testid^="light-count-"]').first().waitFor();
  await shot(page, 'supervision-problems');

  const inspections = await apiGet<{ items: { id: number }[] }>(page, '/api/inspections');
  await page.goto(`/supervision/inspections/${inspections.items[0]!.id}`);
  await page.locator('canvas').first().waitFor();
  await shot(page, 'supervision-inspection');

  await page.goto('/projects');
  await page.getByTestId('projects-asof').waitFor();
  await page.locator('canvas').first().waitFor();
  await shot(page, 'supervision-projects');
  await context.close();
}

/** Login, units (with the map), users, the audit log and the English units page. */
async function systemShots(browser: Browser): Promise<void> {
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
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await launchBrowser();
  try {
    if (!only || only === 'system') await systemShots(browser);
    if (!only || only === 'assessment') await assessmentShots(browser);
    if (!only || only === 'supervision') await supervisionShots(browser);
  } finally {
    await browser.close();
  }
  console.log(`screenshots written to ${outDir}`);
}

await main();
