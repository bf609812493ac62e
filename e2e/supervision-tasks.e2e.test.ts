import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseByTyping } from './browser.js';
import { browserSuite } from './suite.js';

/**
 * A supervised task (督办事项) end to end on the Hengyang demo, with the default flow: the
 * supervision office registers and submits it, the leader approves it, the county's reporter signs
 * for it and reports progress with a photo, the head reports completion, the office returns it with
 * a reason, the head sees the reason, fixes it and reports again, and the office closes it out.
 */

const WAIT = 30_000;
const UNIT_CODE = '430421';
const TITLE = '汛前完成城区 12 处内涝点整治';
const RETURN_REASON = '缺少第三方验收意见，请补充后重新反馈';
// A 1×1 PNG: what a phone photo of the finished work stands for.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

const suite = browserSuite({ assessment: false, timeout: WAIT });
let unitName = '';

const status = (page: Page) => page.getByTestId('task-status').getAttribute('data-status');

/** Opens the task's page and waits until it shows the task. */
async function openTask(page: Page, id: number): Promise<void> {
  await page.goto(`/supervision/tasks/${id}`);
  await expect.poll(() => page.getByTestId('task-title').textContent(), { timeout: WAIT }).toBe(TITLE);
}

/** Presses a step's button, fills its dialog and waits for the status it leads to. */
async function takeStep(page: Page, action: string, to: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByTestId(`task-action-${action}`).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByTestId('task-step-note').waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('task-step-confirm').click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => status(page), { timeout: WAIT }).toBe(to);
}

/** Types a date into a DatePicker and confirms it from the keyboard. */
async function typeDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

const isoDay = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

describe('supervision: a task from assignment to close-out', () => {
  it('is assigned, approved, signed for, reported on with evidence, returned with a reason, fixed and closed out', async () => {
    // One after the other: four first loads of the app at once can outlast the wait on a busy machine.
    const supervisor = await suite.page('supervisor');
    const leader = await suite.page('leader');
    const reporter = await suite.page(`${UNIT_CODE}-reporter`);
    const head = await suite.page(`${UNIT_CODE}-head`);

    // 1. 立项: the supervision office registers the task for the county, with a milestone, and submits it.
    await supervisor.goto('/supervision/tasks');
    await supervisor.getByTestId('task-create').click();
    const form = supervisor.locator('.ant-modal:visible');
    await form.getByTestId('task-form-origin').fill('衡领批〔2021〕12号');
    await form.getByTestId('task-form-title').fill(TITLE);
    await form.getByTestId('task-form-description').fill('市领导批示：汛期前完成城区 12 处内涝点整治，逐点销号。');
    await chooseByTyping(supervisor, 'task-form-lead', UNIT_CODE);
    await form.getByTestId('task-form-leader').fill('李副县长');
    await typeDate(supervisor, 'task-form-deadline', isoDay(40));
    await form.getByTestId('task-form-add-milestone').click();
    await form.getByTestId('task-form-milestone-0').fill('完成排查并制定方案');
    await typeDate(supervisor, 'task-form-milestone-due-0', isoDay(10));
    await form.getByTestId('task-form-save').click();
    await supervisor.waitForURL(/\/supervision\/tasks\/\d+$/);
    const id = Number(/\/(\d+)$/.exec(supervisor.url())![1]);
    await expect.poll(() => status(supervisor), { timeout: WAIT }).toBe('draft');
    unitName = (await supervisor.getByTestId('task-lead-unit').textContent()) ?? '';
    expect(unitName).toBe('衡阳县');
    await expect.poll(() => supervisor.getByText('完成排查并制定方案').count()).toBe(1);
    await takeStep(supervisor, 'submit', 'review');

    // 2. 领导审核: the leader approves; the task goes out to the county.
    await openTask(leader, id);
    await takeStep(leader, 'approve', 'issued', (d) => d.getByTestId('task-step-note').fill('同意，抓紧落实'));

    // 3. 签收 and 办理: the county's reporter finds it on the list, signs for it and reports progress with a photo.
    await reporter.goto('/supervision/tasks');
    await reporter.getByTestId(`task-link-${id}`).click();
    await expect.poll(() => reporter.getByTestId('task-title').textContent(), { timeout: WAIT }).toBe(TITLE);
    expect(await reporter.getByTestId('task-action-feedback').count()).toBe(0); // only the head reports completion
    await takeStep(reporter, 'sign', 'in_progress');
    await takeStep(reporter, 'report', 'in_progress', async (d) => {
      await d.getByTestId('task-step-note').fill('12 处已完成 5 处，其余正在施工');
      await d.locator('input[data-testid="task-step-progress"], [data-testid="task-step-progress"] input').first().fill('40');
      await d.locator('input[type="file"]').setInputFiles({ name: '整治前后对比.png', mimeType: 'image/png', buffer: PNG });
      await d.locator('.ant-upload-list-item-done', { hasText: '整治前后对比.png' }).waitFor();
    });
    const evidence = reporter.locator('[data-testid^="task-evidence-"]', { hasText: '整治前后对比.png' });
    await evidence.waitFor();
    const [download] = await Promise.all([reporter.waitForEvent('download'), evidence.click()]);
    expect(download.suggestedFilename()).toBe('整治前后对比.png');

    // 4. 反馈: the head reports completion.
    await openTask(head, id);
    await takeStep(head, 'feedback', 'feedback', (d) => d.getByTestId('task-step-note').fill('12 处内涝点全部完成整治'));

    // 5. 复核: the supervision office returns it; a return without a reason is not accepted.
    await openTask(supervisor, id);
    await supervisor.getByTestId('task-action-return').click();
    const dialog = supervisor.locator('.ant-modal:visible');
    await dialog.getByTestId('task-step-confirm').click();
    await dialog.getByText('请写明原因').waitFor();
    await dialog.getByTestId('task-step-note').fill(RETURN_REASON);
    await dialog.getByTestId('task-step-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => status(supervisor), { timeout: WAIT }).toBe('in_progress');

    // 6. The head sees why, fixes it and reports completion again.
    await openTask(head, id);
    await expect.poll(() => head.getByTestId('task-returned-banner').textContent(), { timeout: WAIT }).toContain(RETURN_REASON);
    await expect.poll(() => head.getByTestId('task-light-reason').textContent()).toBe('因质量问题被退回，尚未整改');
    await takeStep(head, 'feedback', 'feedback', (d) => d.getByTestId('task-step-note').fill('已补充第三方验收意见'));
    expect(await head.getByTestId('task-returned-banner').count()).toBe(0);

    // 7. 办结销号: the office closes it out; the list shows it closed, its light off.
    await openTask(supervisor, id);
    await takeStep(supervisor, 'accept', 'closed', (d) => d.getByTestId('task-step-note').fill('验收合格，销号'));
    const timeline = await supervisor.locator('[data-testid^="task-event-"][data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(timeline).toEqual(['accept', 'feedback', 'return', 'feedback', 'report', 'sign', 'approve', 'submit']);
    await expect.poll(() => supervisor.getByTestId('task-timeline').textContent()).toContain(`原因：${RETURN_REASON}`);
    expect(await supervisor.locator('[data-testid^="task-action-"]').count()).toBe(1); // only 重新打开 is left
    await supervisor.getByTestId('task-action-reopen').waitFor();

    await supervisor.goto('/supervision/tasks');
    await supervisor.locator('input[data-testid="task-search"], [data-testid="task-search"] input').first().fill('内涝点');
    await expect.poll(() => supervisor.getByTestId(`task-status-${id}`).getAttribute('data-status'), { timeout: WAIT }).toBe('closed');
    expect(await supervisor.getByTestId(`task-light-${id}`).getAttribute('data-light')).toBe('none');
    expect(await supervisor.getByTestId(`task-row-${id}`).textContent()).toContain('已办结销号');
  }, 300_000);

  it('shows a task\'s times in China time in a browser set to UTC, and a task signed for today is not behind', async () => {
    const as = async (username: string) => {
      const res = await fetch(`${suite.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'kaoping-demo' }) });
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
        const r = await fetch(suite.url + url, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
        return (await r.json()) as T;
      };
    };
    const [supervisor, leader, reporter] = await Promise.all([as('supervisor'), as('leader'), as(`${UNIT_CODE}-reporter`)]);
    const units = await supervisor<{ items: { id: number; code: string }[] }>('GET', `/api/units?q=${UNIT_CODE}`);
    const task = await supervisor<{ id: number }>('POST', '/api/tasks', {
      title: '今日下发：排查城区积水点（时区）',
      description: '按时序进度检查。',
      source: 'instruction',
      leadUnitId: units.items.find((u) => u.code === UNIT_CODE)!.id,
      coUnitIds: [],
      responsibleLeader: '李副县长',
      startDate: isoDay(0),
      deadline: isoDay(30),
      milestones: [],
    });
    await supervisor('POST', `/api/tasks/${task.id}/actions`, { action: 'submit' });
    await leader('POST', `/api/tasks/${task.id}/actions`, { action: 'approve' });
    const signed = await reporter<{ events: { id: number; action: string; at: string }[] }>('POST', `/api/tasks/${task.id}/actions`, { action: 'sign' });
    const sign = signed.events.find((e) => e.action === 'sign')!;
    const china = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(sign.at));
    const utc = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' }).format(new Date(sign.at));
    expect(china).not.toBe(utc);

    const page = await suite.page('supervisor', { timezoneId: 'UTC' });
    await page.goto(`/supervision/tasks/${task.id}`);
    const event = page.getByTestId(`task-event-${sign.id}`);
    await expect.poll(() => event.textContent(), { timeout: WAIT }).toContain(china);
    expect(await event.textContent()).not.toContain(utc);
    // Signed for today with nothing done yet: green, not "behind 时序进度".
    expect(await page.getByTestId(`task-light-${task.id}`).getAttribute('data-light')).toBe('green');
    expect(await page.getByTestId('task-light-reason').textContent()).toBe('正常推进');
  }, 120_000);
});
