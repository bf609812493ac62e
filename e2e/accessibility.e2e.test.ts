import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

/**
 * axe-core (the engine behind Lighthouse's and DevTools' accessibility checks) on the pages people
 * use most: no critical or serious violation (contrast, roles and their required children, names
 * of controls …), one h1 naming the page, and a main landmark. Each page is checked once its data
 * has arrived, as a reader would meet it.
 */

const WAIT = 30_000;
const suite = browserSuite({ assessment: true, portal: true, timeout: WAIT });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

/** Runs axe on the page as it is (WCAG 2.x A and AA rules and axe's best practices). */
async function axe(page: Page): Promise<AxeResult['violations']> {
  // Evaluated through the DevTools protocol: the pages' policy refuses a script tag that is not their own.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<AxeResult> } };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations;
}

/** Serious and critical violations, one line each with the elements they hit (what a failure prints). */
const blocking = (violations: AxeResult['violations']) =>
  violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 5 ? ` … ${v.nodes.length} in all` : ''}` +
        ` — ${v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    );

async function expectAccessible(page: Page, what: string): Promise<void> {
  // Motion settled: axe measures colours as shown, not halfway through a fade.
  await page.waitForTimeout(500);
  const violations = await axe(page);
  expect(blocking(violations), what).toEqual([]);
  expect(await page.locator('h1').count(), `${what}: one h1`).toBe(1);
  expect(await page.locator('main, [role="main"]').count(), `${what}: a main landmark`).toBeGreaterThanOrEqual(1);
}

describe('accessibility (axe-core)', () => {
  it('the sign-in page', async () => {
    const page = await suite.page();
    await page.goto('/login');
    await page.getByTestId('login-username').waitFor();
    await expectAccessible(page, 'sign-in');
  });

  it('the units page', async () => {
    const page = await suite.page('office');
    await page.goto('/system/units');
    await page.getByTestId('units-total').filter({ hasText: '97' }).waitFor();
    await expectAccessible(page, 'units');
  });

  it('the rankings and a unit scorecard', async () => {
    const page = await suite.page('office');
    await page.goto('/assessment/results');
    const unit = page.locator('[data-testid^="ranking-unit-"]').first();
    await unit.waitFor();
    await expectAccessible(page, 'rankings');
    await unit.click();
    await page.waitForURL(/\/units\/\d+/);
    await page.locator('h1').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await expectAccessible(page, 'scorecard');
  });

  it('the tasks and a task', async () => {
    const page = await suite.page('supervisor');
    await page.goto('/supervision/tasks');
    const task = page.locator('[data-testid^="task-link-"]').first();
    await task.waitFor();
    await expectAccessible(page, 'tasks');
    await task.click();
    await page.waitForURL(/\/supervision\/tasks\/\d+/);
    await page.locator('h1').waitFor();
    await page.locator('.ant-descriptions').first().waitFor();
    await expectAccessible(page, 'a task');
  });

  it('the problem ledger', async () => {
    const page = await suite.page('supervisor');
    await page.goto('/supervision/problems');
    await page.locator('.ant-table-row').first().waitFor();
    await expectAccessible(page, 'problem ledger');
  });

  it("the citizens' page", async () => {
    const page = await suite.page(undefined, { phone: true });
    await page.goto('/p/hy-2022');
    await page.locator('h1').waitFor();
    await expectAccessible(page, "citizens' page");
  });
});

describe("the citizens' page on an older phone", () => {
  it('runs without queueMicrotask (WebViews before Chrome 71 / iOS 12.2), from a classic script', async () => {
    const page = await suite.page(undefined, { phone: true });
    await page.addInitScript(() => {
      delete (window as { queueMicrotask?: unknown }).queueMicrotask;
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/p/hy-2022');
    await page.locator('h1').waitFor();
    await expect.poll(() => page.getByText('正在加载').count()).toBe(0);
    // The page put its own in place of the missing one, and keeps re-rendering with it: the next step opens.
    expect(await page.evaluate(() => String(window.queueMicrotask).includes('[native code]'))).toBe(false);
    expect(await page.locator('script[src]').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).type))).toEqual(['']);
    await page.getByRole('button', { name: '开始评价' }).click();
    const choice = page.locator('.unit .choice').first();
    await choice.click();
    await expect.poll(() => page.locator('.unit .choice.checked').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
