import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { MeetingDetail, TaskDetailDto } from '@kaoping/shared';
import { chooseByTyping } from './browser.js';
import { browserSuite } from './suite.js';

/**
 * The review meeting (点评会) as the office runs it: it prepares a meeting with five presenters, presents
 * it on the hall screen by keyboard (衡阳县's slides show its rank, lagging indicators, red tasks and
 * inspection photos), records two comments on 衡阳县, turns one into a supervised task for 衡阳县 with the
 * commenting leader, issues and downloads the minutes; the next meeting's 衡阳县 material shows that task
 * with its light. Screenshots of a slide and of the meeting page go to docs/screenshots.
 */

const WAIT = 30_000;
const PRESENTERS = ['衡阳县', '常宁市', '珠晖区', '衡阳松木经济开发区', '衡阳白沙洲工业园区'];
const TITLE = '第六次高质量发展点评会（演示）';
const COMMENTS = ['招商引资落后于时序进度，一季度要补齐短板。', '西渡镇公厕问题要举一反三，全面排查。'];
const shotsDir = join(import.meta.dirname, '..', 'docs', 'screenshots');

const suite = browserSuite({ assessment: true, timeout: WAIT, setupTimeout: 240_000 });

/** A JSON call from the signed-in page, as the admin makes it (session cookie and CSRF header). */
async function call<T>(page: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return page.evaluate(
    async ({ method, url, body, headers }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const isBytes = Array.isArray(body);
      const res = await fetch(url, {
        method,
        headers: { ...(body !== undefined && !isBytes ? { 'content-type': 'application/json' } : {}), 'x-csrf-token': me.csrfToken, ...headers },
        body: body === undefined ? undefined : isBytes ? new Uint8Array(body as number[]) : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, url, body, headers },
  );
}

/** A site photo for 衡阳县's inspection: the supervision office records it the way its phones do. */
async function inspectionPhoto(page: Page): Promise<void> {
  const units = await call<{ items: { id: number; code: string }[] }>(page, 'GET', '/api/units?q=430421');
  const unitId = units.items.find((u) => u.code === '430421')!.id;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inspection = await call<{ id: number }>(page, 'POST', '/api/inspections', { inspectedOn: today, place: '衡阳县西渡镇', inspector: '督查室暗访组' });
  const finding = await call<{ id: number }>(page, 'POST', `/api/inspections/${inspection.id}/findings`, {
    title: '西渡镇农贸市场占道经营',
    unitId,
    place: '衡阳县西渡镇农贸市场',
    latitude: 26.974,
    longitude: 112.378,
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ec5ff"/><stop offset="1" stop-color="#dfefff"/></linearGradient></defs><rect width="800" height="600" fill="url(#s)"/><rect y="380" width="800" height="220" fill="#8a7a62"/><rect x="90" y="250" width="260" height="150" fill="#c0504d"/><rect x="420" y="210" width="300" height="190" fill="#4f81bd"/><text x="400" y="540" font-size="44" text-anchor="middle" fill="#fff">演示照片 demo photo</text></svg>`;
  const jpeg = await sharp(Buffer.from(svg)).jpeg().toBuffer();
  await call(page, 'POST', `/api/inspections/findings/${finding.id}/media`, [...jpeg], { 'content-type': 'image/jpeg', 'x-filename': 'xidu.jpg' });
}

const slide = (page: Page) => page.getByTestId('present-slide');

describe('the review meeting', () => {
  it('is prepared, presented by keyboard, commented on, turned into a task and minuted; the next meeting follows it up', async () => {
    const sup = await suite.page('supervisor');
    await inspectionPhoto(sup);

    const page = await suite.page('office');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/meetings');
    await page.getByTestId('meeting-new').click();
    await page.getByTestId('meeting-form-title').fill(TITLE);
    await page.getByTestId('meeting-form-venue').fill('市委常委会议室');
    await chooseByTyping(page, 'meeting-form-leaders', '刘副市长');
    await page.keyboard.press('Escape');
    for (const [i, name] of PRESENTERS.entries()) {
      if (i > 0) await page.getByTestId('meeting-presenter-add').click();
      await chooseByTyping(page, `meeting-presenter-${i}`, name);
    }
    await page.getByTestId('meeting-form-submit').click();
    await page.getByTestId('meeting-prepare').waitFor();
    const meetingId = Number(/\/meetings\/(\d+)/.exec(page.url())![1]);

    // Preparing freezes each presenter's material.
    await page.getByTestId('meeting-prepare').click();
    await page.getByTestId('material-430421').waitFor();
    const m = await call<MeetingDetail>(page, 'GET', `/api/meetings/${meetingId}`);
    expect(m.presenters.map((p) => p.unit.name)).toEqual(PRESENTERS);
    const hy = m.presenters[0]!.material!;
    expect(hy.score).not.toBeNull();
    expect(hy.tasks.counts.red).toBeGreaterThan(0);
    // In the demo 衡阳县 is ahead of 时序进度 on every progress indicator; 常宁市 lags on some.
    const cn = m.presenters[1]!.material!;
    expect(cn.lagging.length).toBeGreaterThan(0);

    // Presenting: full-screen slides driven by the keyboard.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('meeting-present').click();
    await page.getByTestId('present-ready').waitFor();
    await expect.poll(() => slide(page).getAttribute('data-kind')).toBe('title');
    await page.keyboard.press('PageDown');
    await expect.poll(() => slide(page).getAttribute('data-kind')).toBe('board');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slide(page).getAttribute('data-unit')).toBe('衡阳县');
    expect(await slide(page).getAttribute('data-kind')).toBe('scores');
    const rank = await page.getByTestId('slide-rank').innerText();
    expect(rank).toContain(String(hy.score!.rank));
    expect(rank).toContain(`/ ${hy.score!.groupSize}`);
    const lagging = await page.getByTestId('slide-lagging').innerText();
    if (hy.lagging.length) for (const r of hy.lagging.slice(0, 8)) expect(lagging).toContain(r.name);
    else expect(lagging).toContain('没有落后于时序进度的指标');
    const red = hy.tasks.attention.filter((i) => i.light === 'red');
    const redText = await page.getByTestId('slide-red-tasks').innerText();
    expect(redText).toContain(red[0]!.title.slice(0, 8));
    expect(redText).toContain(red[0]!.leader);
    // The timer runs for the presenter.
    await expect.poll(() => page.getByTestId('present-timer').innerText()).toMatch(/^00:0[1-9] \/ 08:00$/);
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: join(shotsDir, 'meeting-slide.png') });
    // Its second slide: the inspection photos (loaded as the presentation opened), the map.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slide(page).getAttribute('data-kind')).toBe('issues');
    const photo = page.getByTestId('slide-photos').locator('img').first();
    await photo.waitFor();
    expect(await photo.getAttribute('src')).toMatch(/^blob:/);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('slide-map').waitFor();
    expect(await page.getByTestId('slide-map').getAttribute('data-highlight')).toBe('衡阳县');
    await page.screenshot({ path: join(shotsDir, 'meeting-slide-issues.png') });
    // 常宁市's first slide lists the indicators it lags on, by how far.
    await page.keyboard.press('PageDown');
    await expect.poll(() => slide(page).getAttribute('data-unit')).toBe('常宁市');
    const cnLagging = await page.getByTestId('slide-lagging').innerText();
    expect(cnLagging).toContain(cn.lagging[0]!.name);
    expect(cnLagging).toContain(String(cn.lagging[0]!.lag));
    await page.screenshot({ path: join(shotsDir, 'meeting-slide-lagging.png') });
    // Back and forth, then a park: no county region to colour, the slide says so.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slide(page).getAttribute('data-kind')).toBe('scores');
    expect(await slide(page).getAttribute('data-unit')).toBe('衡阳县');
    for (let i = 0; i < 7; i++) await page.keyboard.press('PageDown');
    await expect.poll(() => slide(page).getAttribute('data-unit')).toBe('衡阳松木经济开发区');
    await page.getByTestId('slide-map-park').waitFor();
    // The light theme, then through a network loss: the slides keep going from what was loaded.
    await page.keyboard.press('t');
    expect(await page.getByTestId('present').getAttribute('data-theme')).toBe('light');
    await page.context().setOffline(true);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect.poll(() => slide(page).getAttribute('data-unit')).toBe('衡阳县');
    expect(await slide(page).getAttribute('data-kind')).toBe('issues');
    expect(await page.getByTestId('slide-photos').locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.context().setOffline(false);
    await page.keyboard.press('Escape');
    await page.getByTestId('comment-body').waitFor();

    // The clerk records two comments on 衡阳县 (leader and presenter preselected, Enter saves).
    await page.setViewportSize({ width: 1600, height: 1000 });
    for (const text of COMMENTS) {
      await page.getByTestId('comment-body').fill(text);
      await page.getByTestId('comment-body').press('Enter');
      await page.getByTestId('comments-list').getByText(text).waitFor();
    }
    const withComments = await call<MeetingDetail>(page, 'GET', `/api/meetings/${meetingId}`);
    expect(withComments.comments.map((c) => c.body)).toEqual(COMMENTS);
    const leader = withComments.leaders[0]!;
    expect(withComments.comments.every((c) => c.speaker === leader.name && c.presenterId === withComments.presenters[0]!.id)).toBe(true);

    // One becomes a supervised task for 衡阳县, the commenting leader responsible.
    const first = withComments.comments[0]!;
    await page.getByTestId(`comment-make-task-${first.id}`).click();
    await page.getByTestId(`comment-task-${first.id}`).waitFor();
    const taskId = Number((await page.getByTestId(`comment-task-${first.id}`).getAttribute('href'))!.split('/').pop());
    const task = await call<TaskDetailDto>(page, 'GET', `/api/tasks/${taskId}`);
    expect(task.leadUnit.name).toBe('衡阳县');
    expect(task.responsibleLeaderUserId).toBe(leader.userId);
    expect(task.responsibleLeader).toBe(leader.name);
    expect(task.source).toBe('meeting');
    expect(task.origin).toMatchObject({ kind: 'meeting_comment', id: first.id, meetingId });
    await page.screenshot({ path: join(shotsDir, 'meeting-page.png') });

    // The minutes: issued, then downloaded as .docx with the task's number under 议定事项.
    await page.getByTestId('meeting-issue').click();
    await page.getByTestId('meeting-issue-ok').click();
    await expect.poll(() => page.getByTestId('meeting-status').innerText()).toMatch(/纪要已印发 衡点评纪〔\d{4}〕\d+号/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-minutes-docx').click()]);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('议定事项');
    expect(xml).toContain(`督办编号 ${taskId}`);
    expect(xml).toContain(COMMENTS[1]!);

    // Delivered like a bulletin: the office sees the five presenting units unsigned; 衡阳县's reporter signs.
    await expect.poll(() => page.getByTestId('minutes-unsigned-count').innerText()).toContain('0/5');
    const reporter = await suite.page('430421-reporter');
    await reporter.goto(`/meetings/${meetingId}`);
    await reporter.getByTestId('meeting-sign').click();
    await expect.poll(() => reporter.getByTestId('meeting-own-signed').innerText()).toContain('本单位已于');
    await reporter.screenshot({ path: join(shotsDir, 'meeting-minutes-signed-unit.png') });
    await page.reload();
    await expect.poll(() => page.getByTestId('minutes-unsigned-count').innerText()).toContain('1/5');
    await page.getByTestId('minutes-remind-all').click();
    await page.getByText('已提醒 4 个单位').waitFor();
    await page.getByTestId('minutes-receipts').screenshot({ path: join(shotsDir, 'meeting-minutes-receipts.png') });

    // The next meeting: 衡阳县's material reports the task and its light (上次点评问题整改情况).
    const units = await call<{ items: { id: number; code: string }[] }>(page, 'GET', '/api/units?q=430421');
    const later = new Date(Date.now() + 8 * 3_600_000 + 60 * 86_400_000).toISOString().slice(0, 10);
    const next = await call<MeetingDetail>(page, 'POST', '/api/meetings', {
      kind: 'development',
      title: '第七次高质量发展点评会（演示）',
      heldOn: later,
      leaderUserIds: [leader.userId],
      presenters: [{ unitId: units.items.find((u) => u.code === '430421')!.id, minutes: 8 }],
    });
    await page.goto(`/meetings/${next.id}`);
    await page.getByTestId('meeting-prepare').click();
    const followUp = page.getByTestId('material-previous-tasks');
    await followUp.getByText(task.title).waitFor();
    const prepared = await call<MeetingDetail>(page, 'GET', `/api/meetings/${next.id}`);
    const item = prepared.presenters[0]!.material!.previous!.tasks[0]!;
    expect(item).toMatchObject({ id: taskId, light: task.light.light, leader: leader.name });
  }, 300_000);
});
