import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checksScheme } from '../apps/api/test/fixtures/small-scheme.js';
import { chooseByTyping } from './browser.js';
import { browserSuite } from './suite.js';

/**
 * The assessment's acceptance flow on the Hengyang 2021 demo: a county enters its 重大项目投资完成率
 * (B01) for the last 旬 of December, its head submits, the office returns it with a reason, the unit
 * fixes and resubmits, the office approves, and a new score run shows the unit's change and why.
 */

const PERIOD_KEY = '2021-12-D3';
const PERIOD_LABEL = '2021年12月下旬';
// The browser tests may share the machine with other work: waits are generous, never fixed sleeps.
const WAIT = 30_000;
const RETURN_REASON = '累计完成投资与项目调度台账不符，请核实后重新填报';

const suite = browserSuite({ assessment: true, timeout: WAIT });

/** What setup learns through the API: the unit, the period and the values to type. */
let unit: { id: number; code: string; name: string } | undefined;
let wrongValue: number;
let fixedValue: number;

interface GridRowDto {
  indicator: { code: string };
  status: string;
  value: number | null;
  target: number | null;
}

/** Signs in through the API and returns a JSON request helper (GET unless told) carrying the session cookie and CSRF token. */
async function apiAs(username: string): Promise<<T>(path: string, method?: string, body?: unknown) => Promise<T>> {
  const res = await fetch(`${suite.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'kaoping-demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T,>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const r = await fetch(`${suite.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/** Clicks once the button is enabled (it is disabled until the grid has loaded). */
async function clickWhenEnabled(button: Locator): Promise<void> {
  await expect.poll(() => button.isEnabled(), { timeout: WAIT }).toBe(true);
  await button.click();
}

/** The number input of a grid row (the test id sits on the InputNumber or its wrapper). */
function valueInput(page: Page, code: string): Locator {
  return page.locator(`input[data-testid="grid-value-${code}"], [data-testid="grid-value-${code}"] input`).first();
}

const rowStatus = (page: Page, code: string) => page.getByTestId(`row-status-${code}`).getAttribute('data-status');

/** The reporter (or the head) opens 数据填报 on the December period, waiting until its grid shows. */
async function openReporting(page: Page): Promise<void> {
  await page.goto('/assessment/reporting');
  await page.getByTestId('reporting-period').waitFor();
  // A PeriodSelect's options read "2021年12月下旬 · 填报中".
  await chooseByTyping(page, 'reporting-period', PERIOD_LABEL, PERIOD_LABEL);
  await page.getByTestId('row-status-B01').waitFor();
}

/** The reporter types a value for B01 and saves it as a draft. */
async function enterValue(page: Page, value: number): Promise<void> {
  await openReporting(page);
  const input = valueInput(page, 'B01');
  await input.fill(String(value));
  await page.getByTestId('grid-save').click();
  await page.locator('.ant-message-notice', { hasText: '已保存 1 项' }).waitFor();
  await expect.poll(() => rowStatus(page, 'B01'), { timeout: WAIT }).toBe('draft');
  expect(Number(await input.inputValue())).toBe(value);
}

/** What B01 shows: the input's value where the row is editable, else the text. */
async function shownValue(page: Page, code: string): Promise<number> {
  const cell = page.getByTestId(`grid-value-${code}`);
  const input = valueInput(page, code);
  const text = (await input.count()) > 0 ? await input.inputValue() : ((await cell.textContent()) ?? '');
  return Number(text.replace(/[^\d.-]/g, ''));
}

/** The unit head sees the reporter's value and submits the period; the row turns 已提交. */
async function submitAsHead(page: Page, expected: number): Promise<void> {
  await openReporting(page);
  expect(await shownValue(page, 'B01')).toBe(expected);
  await clickWhenEnabled(page.getByTestId('grid-submit'));
  await expect.poll(() => rowStatus(page, 'B01'), { timeout: WAIT }).toBe('submitted');
}

/** The office opens 数据审核 on the period and picks the unit from the queue. */
async function openReview(page: Page, unitCode: string): Promise<void> {
  await page.goto('/assessment/review');
  await page.getByTestId('review-period').waitFor();
  await chooseByTyping(page, 'review-period', PERIOD_LABEL, PERIOD_LABEL);
  await page.locator(`[data-testid="review-unit-${unitCode}"][data-period="${PERIOD_KEY}"]`).click();
  await expect.poll(() => rowStatus(page, 'B01'), { timeout: WAIT }).toBe('submitted');
}

// Runs after the suite's own setup (hooks run in the order they are registered).
beforeAll(async () => {
  // A county or district whose B01 for the last 旬 of December is still the unit's to edit.
  const office = await apiAs('office');
  const schemes = await office<{ items: { id: number; year: number; status: string }[] }>('/api/schemes');
  const scheme = schemes.items.find((s) => s.year === 2021 && s.status === 'published');
  if (!scheme) throw new Error('the 2021 demo scheme is not published');
  const periods = await office<{ items: { id: number; key: string; status: string }[] }>(`/api/schemes/${scheme.id}/periods?frequency=tenDay`);
  const period = periods.items.find((p) => p.key === PERIOD_KEY);
  if (period?.status !== 'open') throw new Error(`${PERIOD_KEY} is not open: ${period?.status}`);
  const units = await office<{ items: { id: number; code: string; name: string; active: boolean; group: { code: string } | null }[] }>('/api/units');
  for (const u of units.items.filter((x) => x.active && ['XS', 'CQ'].includes(x.group?.code ?? ''))) {
    const grid = await office<{ rows: GridRowDto[] }>(`/api/data?unitId=${u.id}&periodId=${period.id}`);
    const row = grid.rows.find((r) => r.indicator.code === 'B01');
    if (row && (row.status === 'draft' || row.status === 'empty')) {
      unit = { id: u.id, code: u.code, name: u.name };
      // The first entry is ten times too large (a slipped decimal point); the fix is well below the
      // target, so the unit's B01 points must fall against the last run whatever it had before.
      const target = row.target ?? 50;
      const base = Math.min(row.value ?? target, target);
      wrongValue = Math.round(base * 1000) / 100;
      fixedValue = Math.round(base * 60) / 100;
      break;
    }
  }
  if (!unit) throw new Error(`no county or district has an editable B01 for ${PERIOD_KEY}`);
});

describe('assessment: report, review, score', () => {
  it('takes a value from the unit through return, approval and a score run that explains the change', async () => {
    const { code, name } = unit!;
    const [reporter, head, office] = await Promise.all([suite.page(`${code}-reporter`), suite.page(`${code}-head`), suite.page('office')]);

    // 1. The reporter enters B01 for the last 旬 of December.
    await enterValue(reporter, wrongValue);

    // 2. The unit head sees it and submits.
    await submitAsHead(head, wrongValue);

    // 3. The office returns it with a reason.
    await openReview(office, code);
    await clickWhenEnabled(office.getByTestId('review-return'));
    await office.getByTestId('review-reason').fill(RETURN_REASON);
    await office.getByTestId('review-confirm').click();
    await expect.poll(() => rowStatus(office, 'B01'), { timeout: WAIT }).toBe('returned');

    // 4. The reporter reads the reason and fixes the value; the head resubmits; the office approves.
    await openReporting(reporter);
    expect(await rowStatus(reporter, 'B01')).toBe('returned');
    expect(await reporter.getByTestId('row-reason-B01').textContent()).toContain(RETURN_REASON);
    await enterValue(reporter, fixedValue);
    await submitAsHead(head, fixedValue);
    await openReview(office, code);
    await clickWhenEnabled(office.getByTestId('review-approve'));
    await expect.poll(() => rowStatus(office, 'B01'), { timeout: WAIT }).toBe('approved');

    // 5. The office scores (by default as of the year's last day) and sees the unit's change and why.
    await office.goto('/assessment/results');
    await office.getByTestId('run-scoring').click();
    const summary = office.getByTestId('compare-summary');
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('本次截至 2021-12-31');

    const row = office.locator(`tr[data-testid="change-${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(name);
    const deltaText = (await office.getByTestId(`change-delta-${code}`).textContent()) ?? '';
    const delta = Number(deltaText.replace('−', '-').replace(/[^\d.+-]/g, ''));
    expect(Math.abs(delta), `total change "${deltaText}"`).toBeGreaterThan(0);

    // The largest change opens by itself; otherwise the office expands the row.
    const why = office.getByTestId(`change-why-${code}-B01`);
    if (!(await why.isVisible())) await row.click();
    await why.waitFor();
    const reason = (await why.textContent()) ?? '';
    expect(reason).toContain('实际值');
    expect(reason).toContain(`→ ${fixedValue}`);
  }, 300_000);

  it("reads a unit's scorecard in English: the server writes its explanations in the reader's language", async () => {
    const office = await apiAs('office');
    const schemes = await office<{ items: { id: number; year: number; status: string }[] }>('/api/schemes');
    const scheme = schemes.items.find((x) => x.year === 2021 && x.status === 'published')!;
    const runs = await office<{ items: { id: number }[] }>(`/api/schemes/${scheme.id}/runs`);
    const page = await suite.page('office', { lang: 'en-US' });
    await page.goto(`/assessment/results/${runs.items[0]!.id}/units/${unit!.id}`);
    const a01 = page.getByTestId('scorecard-explanation-A01');
    await a01.waitFor();
    expect(await a01.textContent()).toMatch(/^Completion ratio: P × min\(actual\/target, cap\)completion = /);
    await page.getByText('How the total and grade were computed').click();
    const totals = page.getByTestId('scorecard-total-explanation');
    await expect.poll(() => totals.textContent()).toMatch(/total = \d+\.\d{2}/);
    expect(await totals.textContent()).toContain('final grade: ');
    // Switching to Chinese brings the server's texts back in Chinese.
    await page.getByTestId('lang-zh').click();
    await expect.poll(() => page.getByTestId('scorecard-explanation-A01').textContent()).toMatch(/^完成率计分：P × min\(实际\/目标, 上限\)完成率 = /);
  }, 120_000);
});

describe('assessment: nothing to report, and returning an approved value', () => {
  it('confirms 本期无事项 in one click so the head can submit; the office returns an approved value with a reason the unit reads', async () => {
    // The counties' data-checks scheme of the API tests: a count (个), an amount, a 扣分 and a 加分 item, monthly.
    const office = await apiAs('office');
    const { id } = await office<{ id: number }>('/api/schemes', 'POST', checksScheme({ code: 'E2E-EVENTS-2021', name: '事项填报演示方案（演示）' }));
    await office(`/api/schemes/${id}/publish`, 'POST');
    const periods = await office<{ items: { id: number; key: string }[] }>(`/api/schemes/${id}/periods`);
    await office(`/api/periods/${periods.items.find((p) => p.key === '2021-12')!.id}`, 'PATCH', { status: 'open' });

    const [reporter, head, officePage] = await Promise.all([suite.page('430421-reporter'), suite.page('430421-head'), suite.page('office')]);
    const open = async (page: Page) => {
      await page.goto('/assessment/reporting');
      await chooseByTyping(page, 'scheme-select', '事项填报', '事项填报');
      await chooseByTyping(page, 'reporting-period', '2021年12月', '2021年12月');
      await page.getByTestId('row-status-S1').waitFor();
    };

    // The reporter enters the count; the event rows read 本期无事项, awaiting one click.
    await open(reporter);
    expect(await reporter.getByTestId('grid-no-events-pending-S1').textContent()).toContain('本期无事项');
    await valueInput(reporter, 'N1').fill('-5');
    expect(await reporter.getByTestId('grid-value-problem-N1').textContent()).toContain('不能小于 0');
    await valueInput(reporter, 'N1').fill('12');
    await valueInput(reporter, 'N2').fill('4.5');
    await reporter.getByTestId('grid-save').click();
    await expect.poll(() => rowStatus(reporter, 'N1'), { timeout: WAIT }).toBe('draft');
    await reporter.getByTestId('grid-no-events-all').click();
    await expect.poll(() => rowStatus(reporter, 'S1'), { timeout: WAIT }).toBe('draft');
    expect(await reporter.getByTestId('grid-events-S1').textContent()).toContain('本期无事项');
    expect(await rowStatus(reporter, 'X')).toBe('draft');

    // The head submits; the office approves.
    await open(head);
    await clickWhenEnabled(head.getByTestId('grid-submit'));
    await expect.poll(() => rowStatus(head, 'S1'), { timeout: WAIT }).toBe('submitted');
    await officePage.goto('/assessment/review');
    await chooseByTyping(officePage, 'scheme-select', '事项填报', '事项填报');
    await chooseByTyping(officePage, 'review-period', '2021年12月', '2021年12月');
    await officePage.locator('[data-testid="review-unit-430421"][data-period="2021-12"]').click();
    await clickWhenEnabled(officePage.getByTestId('review-approve'));
    await expect.poll(() => rowStatus(officePage, 'N1'), { timeout: WAIT }).toBe('approved');

    // The office returns the approved count while December is open; the reporter reads why and may edit it again.
    await officePage.getByTestId('grid-return-N1').click();
    await officePage.getByTestId('review-reason').fill('与市场监管局登记数不符，请核实（演示）');
    await officePage.getByTestId('review-confirm').click();
    await expect.poll(() => rowStatus(officePage, 'N1'), { timeout: WAIT }).toBe('returned');
    expect(await rowStatus(officePage, 'S1')).toBe('approved');
    await open(reporter);
    expect(await rowStatus(reporter, 'N1')).toBe('returned');
    expect(await reporter.getByTestId('row-reason-N1').textContent()).toContain('与市场监管局登记数不符');
    expect(await valueInput(reporter, 'N1').isEditable()).toBe(true);
  }, 300_000);
});
