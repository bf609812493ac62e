import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jpegWithExif } from '../apps/api/test/fixtures/exif-jpeg.js';
import { chooseByTyping } from './browser.js';
import { browserSuite } from './suite.js';

/**
 * The problem ledger's acceptance flow: the supervision office records an undercover inspection,
 * enters a finding on a phone with a photo whose EXIF holds the time and place, and puts the
 * finding on the ledger; the problem is listed with its light and shows the photo. The county
 * uploads evidence and reports on each requirement, its head asks for close-out, and only the
 * office can close it out (销号).
 */

const WAIT = 30_000;
const UNIT_CODE = '430421';
const UNIT_NAME = '衡阳县';
/** Where the photo was taken: the camera's own clock (China time) and GPS. */
const TAKEN = { dateTimeOriginal: '2021:03:05 21:30:00', offsetTimeOriginal: '+08:00', latitude: 26.8932, longitude: 112.6123 };
const FINDING = '农贸市场排水沟堵塞，污水漫溢';
const REQUIREMENTS = ['疏通市场排水沟并清运淤泥', '建立市场保洁责任制，明确专人每日巡查'];
const LEADER = '王副县长';
/** Screenshots of the pages go here when set (zh, desktop 1440×900 and the phone form at 390×844). */
const shotsDir = process.env.E2E_SHOTS_DIR;

const suite = browserSuite({ assessment: false, timeout: WAIT });

const LIGHT_LABELS: Record<string, string> = { green: '绿灯', blue: '蓝灯', yellow: '黄灯', red: '红灯', none: '已销号' };

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: name.startsWith('desktop') });
}

/** The <textarea> of a form line, whether the test id sits on it or around it. */
const textarea = (page: Page, testId: string): Locator => page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();

/** True once an <img> has loaded real pixels (a broken thumbnail has none). */
const loaded = (img: Locator) => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

const statusOf = (page: Page) => page.getByTestId('problem-status').getAttribute('data-status');

describe('supervision: an inspection finding becomes a ledger problem and is closed out', () => {
  it('takes a phone photo with its EXIF time and place onto the ledger, through rectification to 销号', async () => {
    const supervisor = await suite.page('supervisor');

    // 1. The office records an undercover inspection.
    await supervisor.goto('/supervision/inspections');
    await supervisor.getByTestId('inspection-new').click();
    await supervisor.getByTestId('inspection-form-place').fill('蒸湘区联合街道农贸市场');
    await supervisor.getByTestId('inspection-form-submit').click();
    await supervisor.waitForURL(/\/supervision\/inspections\/\d+$/);
    const inspectionUrl = new URL(supervisor.url()).pathname;
    expect(await supervisor.getByTestId('inspection-title').textContent()).toBe('蒸湘区联合街道农贸市场');

    // 2. On a phone: the finding, then a photo chosen from the gallery.
    const phone = await suite.page('supervisor', { phone: true });
    await phone.goto(inspectionUrl);
    await phone.getByTestId('finding-new').click();
    await phone.getByTestId('finding-title').fill(FINDING);
    await textarea(phone, 'finding-description').fill('市场东侧排水沟被垃圾堵塞，污水漫到人行道。');
    await phone.getByTestId('finding-place').fill('农贸市场东门');
    await chooseByTyping(phone, 'finding-unit', UNIT_NAME, UNIT_NAME);
    await shot(phone, 'phone-finding-form');
    await phone.getByTestId('finding-save').click();

    // The drawer holds the form (the page behind it lists the finding too).
    const drawer = phone.getByTestId('finding-drawer');
    const input = drawer.locator('input[type="file"][data-testid^="media-input-"]');
    await input.waitFor({ state: 'attached' });
    const findingId = Number((await input.getAttribute('data-testid'))!.replace('media-input-', ''));
    expect(await input.getAttribute('accept')).toBe('image/*,video/*');
    expect(await drawer.getByTestId(`media-camera-${findingId}`).getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif(TAKEN, { width: 640, height: 480 }) });

    // The thumbnail shows, with the time and place read from the file (not the upload's).
    const card = drawer.locator('[data-testid^="media-card-"]').first();
    await card.waitFor();
    const thumb = card.locator('img').first();
    await expect.poll(() => loaded(thumb), { timeout: WAIT }).toBe(true);
    const mediaId = Number(await card.getAttribute('data-media-id'));
    const time = (await drawer.getByTestId(`media-time-${mediaId}`).textContent()) ?? '';
    expect(time).toContain('2021-03-05 21:30');
    expect(time).toContain('取自文件');
    const place = (await drawer.getByTestId(`media-place-${mediaId}`).textContent()) ?? '';
    expect(place).toContain('26.89320, 112.61230');
    expect(place).toContain('取自文件');
    await shot(phone, 'phone-finding-photo');

    // 3. 转为问题: the checklist, the leader by name, the deadline.
    await phone.getByTestId('finding-drawer-to-problem').click();
    expect(await phone.getByTestId('to-problem-unit').textContent()).toContain(UNIT_NAME);
    await phone.getByTestId('to-problem-leader').fill(LEADER);
    await textarea(phone, 'requirement-input-0').fill(REQUIREMENTS[0]!);
    await phone.getByTestId('requirement-add').click();
    await textarea(phone, 'requirement-input-1').fill(REQUIREMENTS[1]!);
    await shot(phone, 'phone-to-problem');
    await phone.getByTestId('to-problem-submit').click();

    // The finding now links to its problem.
    const link = phone.getByTestId(`finding-problem-${findingId}`);
    await link.waitFor();
    const problemId = Number(/\/supervision\/problems\/(\d+)$/.exec((await link.getAttribute('href')) ?? '')?.[1]);
    expect(problemId).toBeGreaterThan(0);

    // 4. The ledger lists it with its light (the one the server computes), and its page shows the photo.
    const expected = await supervisor.evaluate(async (id) => ((await (await fetch(`/api/problems/${id}`)).json()) as { light: { light: string | null } }).light.light, problemId);
    expect(expected).not.toBeNull();
    await supervisor.goto('/supervision/problems');
    const row = supervisor.getByTestId(`problem-row-${problemId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(FINDING);
    expect(await row.textContent()).toContain(UNIT_NAME);
    expect(await row.textContent()).toContain(LEADER);
    const light = supervisor.getByTestId(`light-${problemId}`);
    expect(await light.getAttribute('data-light')).toBe(expected);
    expect(await light.textContent()).toBe(LIGHT_LABELS[expected!]);
    await shot(supervisor, 'desktop-problems');

    // The Excel export carries the light too.
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^问题台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const line = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(header.indexOf('问题')).text === FINDING)!;
    expect(line.getCell(header.indexOf('亮灯')).text).toBe(LIGHT_LABELS[expected!]);
    expect(line.getCell(header.indexOf('责任领导')).text).toBe(LEADER);

    await supervisor.getByTestId(`problem-link-${problemId}`).click();
    const photo = supervisor.locator(`[data-testid="problem-media-${mediaId}"] img`);
    await photo.waitFor();
    await expect.poll(() => loaded(photo), { timeout: WAIT }).toBe(true);
    expect(await supervisor.getByTestId('problem-leader').textContent()).toBe(LEADER);
    expect(await supervisor.getByTestId('problem-place').textContent()).toContain('26.89320');
    expect(await supervisor.getByTestId('problem-checklist').textContent()).toContain(REQUIREMENTS[1]);
    // Nothing to close out while the unit is still rectifying.
    expect(await supervisor.getByTestId('problem-action-close').count()).toBe(0);

    // 5. The county's head uploads evidence and reports on each requirement, then asks for close-out.
    const head = await suite.page(`${UNIT_CODE}-head`);
    await head.goto(`/supervision/problems/${problemId}`);
    await head.getByTestId('problem-checklist').waitFor();
    for (const [i, text] of REQUIREMENTS.entries()) {
      const n = i + 1;
      const item = head.getByTestId(`requirement-${n}`);
      await item.locator('input[type="file"]').setInputFiles({
        name: `整改照片-${n}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await jpegWithExif({ dateTimeOriginal: '2021:03:12 10:00:00' }, { width: 320, height: 240 }),
      });
      await item.locator('[data-testid^="evidence-"] img').first().waitFor();
      await head.getByTestId(`requirement-report-${n}`).click();
      const done = head.getByTestId('report-done');
      await expect.poll(() => done.getAttribute('aria-checked'), { timeout: WAIT }).toBe('true');
      await textarea(head, 'report-text').fill(`已完成：${text}`);
      await head.getByTestId('report-confirm').click();
      await expect.poll(() => item.getAttribute('data-done'), { timeout: WAIT }).toBe('true');
      expect(await head.getByTestId(`requirement-report-text-${n}`).textContent()).toContain(`已完成：${text}`);
    }
    expect(await statusOf(head)).toBe('rectifying');
    expect(await head.getByTestId('problem-action-close').count()).toBe(0);
    await head.getByTestId('problem-action-submit').click();
    await head.locator('.ant-popover:visible .ant-btn-primary').click();
    await expect.poll(() => statusOf(head), { timeout: WAIT }).toBe('submitted');
    // The unit cannot close out its own problem: only the supervision office sees 销号.
    expect(await head.getByTestId('problem-action-close').count()).toBe(0);

    // 6. The office closes it out.
    await supervisor.reload();
    await supervisor.getByTestId('problem-action-close').click();
    await textarea(supervisor, 'action-note').fill('现场复核，整改到位');
    await shot(supervisor, 'desktop-problem-close');
    await supervisor.getByTestId('action-confirm').click();
    await expect.poll(() => statusOf(supervisor), { timeout: WAIT }).toBe('closed');
    expect(await supervisor.getByTestId('problem-events').textContent()).toContain('现场复核，整改到位');
    expect(await supervisor.getByTestId('problem-action-reopen').count()).toBe(1);
    await shot(supervisor, 'desktop-problem-detail');

    // Closed out, it has no light any more.
    await supervisor.goto('/supervision/problems');
    await expect.poll(() => supervisor.getByTestId(`light-${problemId}`).getAttribute('data-light'), { timeout: WAIT }).toBe('none');

    await supervisor.goto(inspectionUrl);
    await supervisor.getByTestId(`finding-${findingId}`).waitFor();
    await shot(supervisor, 'desktop-inspection');
    await supervisor.goto('/supervision/inspections');
    const map = supervisor.getByTestId('findings-map');
    await expect.poll(async () => Number(await map.getAttribute('data-point-count')), { timeout: WAIT }).toBeGreaterThanOrEqual(1);
    await shot(supervisor, 'desktop-inspections');
  }, 300_000);
});
