import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

/**
 * 转为督办事项: the supervision office turns a ranking row and a citizen's suggestion into supervised
 * tasks in one step, naming the responsible leader; each task's page shows what it was made from and
 * leads to the row's unit. The performance office sees the action on the rankings only; a unit not at all.
 */

const WAIT = 30_000;
const LEADER = '王副市长';
const shotsDir = join(import.meta.dirname, '..', 'docs', 'screenshots');

const suite = browserSuite({ assessment: true, timeout: WAIT, setupTimeout: 240_000 });

/** Presses a row's 转为督办事项, names the leader in the modal and follows the link to the new task. */
async function makeTask(page: Page, button: Locator, shot?: string): Promise<void> {
  const testId = (await button.getAttribute('data-testid'))!;
  await button.click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByTestId('make-task-leader').fill(LEADER);
  if (shot) await page.screenshot({ path: join(shotsDir, shot) });
  await dialog.getByTestId('make-task-save').click();
  await dialog.waitFor({ state: 'hidden' });
  const made = page.getByTestId(`${testId}-made`);
  await made.waitFor();
  await made.click();
  await page.getByTestId('task-origin').waitFor();
}

describe('a task from a ranking row or a suggestion', () => {
  it('is made in one step by the supervision office and shows its origin', async () => {
    const page = await suite.page('supervisor');
    await page.setViewportSize({ width: 1600, height: 1000 });

    // A ranking row: the task's lead unit is the row's unit, its origin the run's ranking.
    await page.goto('/assessment/results');
    const rankButton = page.locator('[data-testid^="ranking-make-task-"]').first();
    await rankButton.waitFor();
    const code = ((await rankButton.getAttribute('data-testid')) ?? '').replace('ranking-make-task-', '');
    const unitName = (await page.getByTestId(`ranking-unit-${code}`).innerText()).trim();
    await makeTask(page, rankButton, 'task-origin-make.png');
    expect(page.url()).toMatch(/\/supervision\/tasks\/\d+$/);
    const rankOrigin = await page.getByTestId('task-origin').innerText();
    expect(rankOrigin).toContain('考评排名');
    expect(rankOrigin).toMatch(/计分 \d+/);
    expect(await page.getByTestId('task-lead-unit').innerText()).toBe(unitName);
    expect(await page.getByTestId('task-title').innerText()).toContain(`${unitName}：提升考评排名`);
    expect(await page.locator('body').innerText()).toContain(LEADER);
    await page.screenshot({ path: join(shotsDir, 'task-origin-ranking.png') });
    // The origin leads back to the unit's scorecard in that run.
    await page.getByTestId('task-origin-scorecard').click();
    await expect.poll(() => page.url(), { timeout: WAIT }).toMatch(/\/assessment\/results\/\d+\/units\/\d+/);

    // A citizen's suggestion: the task is linked to it by number.
    await page.goto('/public-evaluation/suggestions');
    const sugButton = page.locator('[data-testid^="suggestion-make-task-"]').first();
    await sugButton.waitFor();
    const sugId = ((await sugButton.getAttribute('data-testid')) ?? '').replace('suggestion-make-task-', '');
    await makeTask(page, sugButton);
    const sugOrigin = await page.getByTestId('task-origin').innerText();
    expect(sugOrigin).toContain('群众建议');
    expect(sugOrigin).toContain(`群众建议编号 ${sugId}`);
  }, 180_000);

  it('is made from a 时序进度 lag row and from an inspection finding too', async () => {
    const page = await suite.page('supervisor');
    await page.setViewportSize({ width: 1600, height: 1000 });

    // The first indicator with lagging units: its lagging rows carry the action.
    await page.goto('/assessment/progress');
    await page.locator('[data-testid^="progress-tab-"]').first().waitFor();
    const tabs = page.locator('[data-testid^="progress-tab-"]');
    const lagButtons = page.locator('[data-testid^="progress-make-task-"]');
    for (let i = 0; i < (await tabs.count()) && (await lagButtons.count()) === 0; i++) {
      await tabs.nth(i).click();
      await page.waitForTimeout(300);
    }
    await makeTask(page, lagButtons.first());
    const lagOrigin = await page.getByTestId('task-origin').innerText();
    expect(lagOrigin).toContain('时序进度');
    expect(await page.getByTestId('task-title').innerText()).toContain('落后于时序进度');

    // A finding of an inspection (the demo's findings name their unit).
    await page.goto('/supervision/inspections');
    await page.locator('[data-testid^="inspection-link-"]').first().click();
    const findingButton = page.locator('[data-testid^="finding-make-task-"]').first();
    await findingButton.waitFor();
    await page.screenshot({ path: join(shotsDir, 'task-origin-finding.png') });
    await makeTask(page, findingButton);
    expect(await page.getByTestId('task-origin').innerText()).toContain('暗访发现');
  }, 180_000);

  it('is offered only to those who may make such a task', async () => {
    // The performance office: rankings yes, suggestions no (task-origins.ts).
    const office = await suite.page('office');
    await office.goto('/assessment/results');
    await office.locator('[data-testid^="ranking-make-task-"]').first().waitFor();
    await office.goto('/public-evaluation/suggestions');
    await office.locator('[data-testid^="suggestion-row-"]').first().waitFor();
    expect(await office.locator('[data-testid^="suggestion-make-task-"]').count()).toBe(0);
    // A leader reads the rankings without the action.
    const leader = await suite.page('leader');
    await leader.goto('/assessment/results');
    await leader.locator('[data-testid^="ranking-row-"]').first().waitFor();
    expect(await leader.locator('[data-testid^="ranking-make-task-"]').count()).toBe(0);
  }, 120_000);
});
