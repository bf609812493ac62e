import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

/*
 * Major projects in the browser, on the demo (fictional projects of 2021 with reports to November):
 * the supervision office sees the four rates against 时序进度 and a lagging project in red, makes
 * it a supervised task in one step and gets the link to it; a county's reporter enters November's
 * report of a project that has reported only to October.
 */

const WAIT = 20_000;
const RED = 'rgb(207, 19, 34)';
// Setup seeds the assessment demo too: it gets longer than the configured hook timeout.
const suite = browserSuite({ assessment: true, timeout: WAIT, setupTimeout: 240_000 });

/** The input of an antd InputNumber or DatePicker by its test id (on the input or around it). */
const inputOf = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

describe('major projects', () => {
  it('shows the supervision office the rates and a lagging project in red, which becomes a task in one step', async () => {
    const page = await suite.page('supervisor');
    await page.goto('/projects');

    // The city's 投资完成率 as of November, behind 时序进度 11/12.
    const overall = page.getByTestId('overall-investmentCompletionRate');
    await overall.waitFor();
    expect(await overall.getAttribute('data-lagging')).toBe('true');
    expect(await overall.textContent()).toMatch(/投资完成率\d+(\.\d+)?%落后 [\d.]+ 个百分点时序进度 91\.67%/);
    expect(await inputOf(page, 'projects-asof').inputValue()).toBe('2021-11');

    // The slow project's 投资完成率 is shown in red.
    const rate = page.getByTestId('rate-DEMO-2021-003-investmentCompletionRate');
    await rate.waitFor();
    expect(await rate.getAttribute('data-lagging')).toBe('true');
    expect(await rate.evaluate((el) => getComputedStyle(el).color)).toBe(RED);

    // Only the lagging ones when asked.
    await page.getByTestId('filter-lagging').click();
    const rows = page.locator('[data-testid="project-table"] tr[data-lagging]');
    await expect.poll(async () => new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lagging')))), { timeout: WAIT }).toEqual(new Set(['true']));

    // One step: the button, the prefilled deadline, done; the row now links to the task.
    await page.getByTestId('make-task-DEMO-2021-003').click();
    await page.getByTestId('make-task-confirm').click();
    const link = page.getByTestId('task-link-DEMO-2021-003');
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/supervision\/tasks\/\d+$/);
    const task = await page.evaluate(async (id) => (await (await fetch(`/api/tasks/${id}`)).json()) as { title: string; source: string; originRef: string }, href.split('/').at(-1)!);
    expect(task).toMatchObject({ source: 'key_work', originRef: 'DEMO-2021-003' });
    expect(task.title).toContain('衡阳县污水管网改造项目（演示）');
    expect(await page.getByTestId('make-task-DEMO-2021-003').count()).toBe(0);
  });

  it("lets a county's reporter enter the month's report of its project", async () => {
    const page = await suite.page('430422-reporter');
    await page.goto('/projects');
    // The unit sees its own projects only; this one has reported up to October.
    const row = page.getByTestId('project-DEMO-2021-004');
    await row.waitFor();
    expect(await page.locator('[data-testid="project-table"] tr[data-lagging]').count()).toBe(2);
    expect(await row.textContent()).toContain('2021-10');

    await page.getByTestId('open-DEMO-2021-004').click();
    await page.getByTestId('report-2021-10').waitFor();
    await page.getByTestId('report-new').click();
    // November starts from October's cumulative figures.
    const completed = inputOf(page, 'report-completedInvestment');
    await expect.poll(() => completed.inputValue(), { timeout: WAIT }).not.toBe('');
    expect(await inputOf(page, 'report-month').inputValue()).toBe('2021-11');
    await completed.fill('9100');
    await inputOf(page, 'report-fundsInPlace').fill('4200');
    await inputOf(page, 'report-fundsPaid').fill('8500');
    await page.getByTestId('report-save').click();

    const nov = page.getByTestId('report-2021-11');
    await nov.waitFor();
    expect(await nov.textContent()).toContain('9,100');
    expect(await nov.textContent()).toContain('衡南县 填报员（演示）');
    // The register now shows November as the latest report.
    await expect.poll(() => row.textContent(), { timeout: WAIT }).toContain('2021-11');
  });
});
