import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

/**
 * Each role signs in and lands on its workbench; each number on it opens the list it counts, and
 * that list shows as many items. WORKBENCH_SCREENSHOTS=<dir> saves each workbench as workbench-*.png
 * (docs/screenshots holds the README's).
 */
const suite = browserSuite({ assessment: true, timeout: 30_000, setupTimeout: 240_000 });
const shotsDir = process.env.WORKBENCH_SCREENSHOTS;
const WAIT = { timeout: 30_000 };

/** The whole page on a desktop; on a phone, the first screen as the leader sees it. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shotsDir, `workbench-${name}.png`), fullPage });
}

/** Signs in, lands on the workbench of the role, and waits until its figures show. */
async function land(username: string, role: string, phone = false): Promise<Page> {
  const page = await suite.page(username, { phone });
  await page.locator(`[data-testid="workbench"][data-role="${role}"]`).waitFor();
  expect(new URL(page.url()).pathname).toBe('/workbench');
  return page;
}

/** The count a figure shows. */
const countOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).first().getAttribute('data-count'));

/** Clicks a figure and waits until the list it opens says how many items it holds (`read`), then comes back. */
async function opens(page: Page, testId: string, read: (p: Page) => Promise<number>): Promise<number> {
  const expected = await countOf(page, testId);
  await page.getByTestId(testId).first().click();
  await expect.poll(() => read(page), WAIT).toBe(expected);
  await page.goBack();
  await page.locator('[data-testid="workbench"][data-role]').waitFor();
  return expected;
}

/** "共 12 项" → 12. */
const number = async (page: Page, testId: string) => Number(/\d+/.exec((await page.getByTestId(testId).textContent().catch(() => '')) ?? '')?.[0] ?? NaN);
const dataCount = async (page: Page, testId: string) => Number((await page.getByTestId(testId).getAttribute('data-count').catch(() => null)) ?? NaN);

describe('the workbench', () => {
  it('office: every number opens the list it counts (reporting by unit, the queue by source, who is behind 时序进度)', async () => {
    const page = await land('office', 'office');
    expect(await page.getByTestId('menu-workbench').textContent()).toBe('工作台');
    await shot(page, 'office');

    const tenDays = await opens(page, 'wb-behind-tenDay', (p) => dataCount(p, 'filing-count'));
    expect(tenDays).toBeGreaterThan(0);
    await opens(page, 'wb-behind-month', (p) => dataCount(p, 'filing-count'));
    const total = await opens(page, 'wb-review-total', (p) => dataCount(p, 'review-queue-count'));
    expect(total).toBeGreaterThan(0);
    const sources = await page.locator('[data-testid^="wb-review-source-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources.slice(0, 3)) await opens(page, s, (p) => dataCount(p, 'review-queue-count'));

    // 时序进度: the indicator's tab says how many units lag, as the workbench does.
    const progress = page.locator('[data-testid^="wb-progress-"]').first();
    const lagging = Number(await progress.getAttribute('data-count'));
    await progress.click();
    await expect.poll(() => page.locator('.ant-tabs-tab-active').textContent(), WAIT).toContain(`${lagging}`);
    await page.goBack();
    await page.locator('[data-testid="workbench"][data-role]').waitFor();

    // 通报: drafts and those to issue open the archive filtered the same way.
    expect(await opens(page, 'wb-bulletin-drafts', (p) => dataCount(p, 'bulletin-count'))).toBeGreaterThan(0);
    await opens(page, 'wb-bulletin-to-issue', (p) => dataCount(p, 'bulletin-count'));

    await opens(page, 'wb-run-changed', async (p) => Number(/(\d+) 个单位有变化/.exec((await p.getByTestId('compare-summary').textContent().catch(() => '')) ?? '')?.[1] ?? NaN));
  });

  it('office: the review queue filters by period type and approves the ticked unit-periods at once', async () => {
    const page = await suite.page('office');
    await page.goto('/assessment/review?frequency=month');
    const count = () => dataCount(page, 'review-queue-count');
    await expect.poll(count, WAIT).toBeGreaterThan(0);
    const months = await count();
    await page.goto('/assessment/review');
    await expect.poll(count, WAIT).toBeGreaterThan(months);
    const all = await count();
    await page.goto('/assessment/review?frequency=month');
    await expect.poll(count, WAIT).toBe(months);
    await page.getByTestId('review-select-all').click();
    await expect.poll(() => page.getByTestId('review-approve-checked').textContent()).toContain(`(${months})`);
    await shot(page, 'review-queue');
    await page.getByTestId('review-approve-checked').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    // One transaction approving every ticked unit-period, then the queue read again: on a loaded
    // machine that has taken longer than the other steps' wait.
    await expect.poll(count, { timeout: 90_000 }).toBe(0);
    await page.goto('/assessment/review');
    await expect.poll(count, WAIT).toBe(all - months);
    await page.goto('/assessment/review?tab=status&behind=1');
    await expect.poll(() => dataCount(page, 'filing-count'), WAIT).toBeGreaterThan(0);
    await shot(page, 'filing-status');
  });

  it('supervision office: lights, alerts, due this week and problems to close out', async () => {
    const page = await land('supervisor', 'supervisor');
    await shot(page, 'supervision');
    for (const l of ['red', 'yellow']) {
      expect(await opens(page, `wb-tasks-${l}`, (p) => number(p, 'task-count'))).toBeGreaterThan(0);
      await opens(page, `wb-problems-${l}`, (p) => number(p, 'problem-count'));
    }
    expect(await opens(page, 'wb-alert-tasks', (p) => number(p, 'task-count'))).toBeGreaterThan(0);
    await opens(page, 'wb-alert-problems', (p) => number(p, 'problem-count'));
    await opens(page, 'wb-due-week', (p) => number(p, 'task-count'));
    await opens(page, 'wb-close-out', (p) => number(p, 'problem-count'));
    const series = await page.locator('[data-testid^="wb-bulletin-series-"]').first().getAttribute('data-testid');
    expect(await opens(page, series!, (p) => dataCount(p, 'bulletin-count'))).toBeGreaterThan(0);
  });

  it('city leader on a phone: the items they are named on, and lagging projects', async () => {
    const page = await land('leader', 'leader', true);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'leader', false);
    expect(await opens(page, 'wb-named', (p) => number(p, 'task-count'))).toBeGreaterThan(0);
    await opens(page, 'wb-named-red', (p) => number(p, 'task-count'));
    await opens(page, 'wb-projects-lagging', (p) => dataCount(p, 'project-count'));
    expect(await opens(page, 'wb-bulletins-issued', (p) => dataCount(p, 'bulletin-count'))).toBeGreaterThan(0);
    expect(await page.getByTestId('wb-rankings').textContent()).toContain('1.');
  });

  it('unit reporter: what is due opens the grid of that period; tasks and notices open their lists', async () => {
    const page = await land('430421-reporter', 'reporter');
    await shot(page, 'reporter');
    expect(await page.getByTestId('wb-returned').textContent()).toContain('口径不一致');
    await opens(page, 'wb-to-sign', (p) => number(p, 'task-count'));
    await opens(page, 'wb-to-report', (p) => number(p, 'task-count'));
    await opens(page, 'wb-bulletins-to-sign-all', (p) => dataCount(p, 'bulletin-count'));
    await opens(page, 'wb-notices', (p) => p.locator('[data-testid^="suggestion-row-"][data-status="forwarded"]').count());
    const due = page.locator('[data-testid^="wb-due-"]').first();
    const periodId = (await due.getAttribute('data-testid'))!.replace('wb-due-', '');
    await due.click();
    await page.getByTestId(`due-${periodId}`).waitFor();
    await expect.poll(() => page.locator(`[data-testid="due-${periodId}"]`).evaluate((el) => getComputedStyle(el).backgroundColor), WAIT).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('unit head: also sees what waits for their submission', async () => {
    const page = await land('430421-head', 'head');
    await page.getByTestId('wb-to-submit').waitFor();
    await shot(page, 'head');
    expect(await page.getByTestId('wb-to-submit').textContent()).toMatch(/项|values/);
  });
});
