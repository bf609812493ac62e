import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './suite.js';

/**
 * The ten-day bulletin end to end on the Hengyang demo: the office builds the 2021年11月中旬 bulletin,
 * rewrites its 总体情况, the signer (市绩效办主任) approves it, the office issues it; 衡阳县's head
 * signs for it on the workbench; the office's workbench shows who has not signed; the .docx and the PDF downloaded from the page
 * carry the page's number and title. BULLETIN_SCREENSHOTS=docs/screenshots keeps the page and the
 * PDF's page 1 as PNG.
 */

const WAIT = 60_000;
const run = promisify(execFile);
const suite = browserSuite({ assessment: true, timeout: WAIT, setupTimeout: 300_000 });
const OVERVIEW = '一、总体情况\n11月中旬，全市各县市区、园区和市直单位扎实推进重点工作，本旬无单位迟报（演示）。\n（一）主要指标\n1.衡阳县、常宁市进度较快。';
const shots = process.env.BULLETIN_SCREENSHOTS;

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), page.getByTestId(testId).click()]);
  const path = (await d.path())!;
  return { name: d.suggestedFilename(), bytes: await readFile(path), path };
}

describe('bulletins: the 2021年11月中旬 bulletin from draft to receipts', () => {
  it('is built, edited, approved, issued, signed for and downloaded', async () => {
    const office = await suite.page('office');
    await office.goto('/bulletins');
    await office.getByTestId('bulletin-new').click();
    const dialog = office.locator('.ant-modal:visible');
    const asOf = dialog.locator('[data-testid="bulletin-create-asof"] input, input[data-testid="bulletin-create-asof"]').first();
    await asOf.click();
    await asOf.fill('2021-11-20');
    await asOf.press('Enter');
    await dialog.locator('#bulletin-create-ok').click();
    await office.waitForURL(/\/bulletins\/\d+$/, { timeout: WAIT });
    const id = Number(/\/(\d+)$/.exec(office.url())![1]);
    await expect.poll(() => office.getByTestId('bulletin-title').textContent(), { timeout: WAIT }).toBe('关于2021年11月中旬绩效考核工作情况的通报');

    // The office rewrites 总体情况 and saves it.
    await office.getByTestId('bulletin-overview-input').fill(OVERVIEW);
    await office.getByTestId('bulletin-overview-save').click();
    await expect.poll(() => office.getByTestId('bulletin-overview-save').isDisabled()).toBe(true);
    // Rankings are on the page with the change since 11月上旬.
    await expect.poll(() => office.getByTestId('bulletin-section-rankings').textContent()).toContain('衡阳县');

    // The signer approves.
    const signer = await suite.page('office-head');
    await signer.goto(`/bulletins/${id}`);
    await signer.getByTestId('bulletin-approve').click();
    await expect.poll(() => signer.getByTestId('bulletin-approve').count(), { timeout: WAIT }).toBe(0);

    // The office issues it: numbered.
    await office.reload();
    await office.getByTestId('bulletin-issue').click();
    await office.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await expect.poll(() => office.getByTestId('bulletin-number').textContent(), { timeout: WAIT }).toMatch(/^衡绩办通〔2021〕\d+号$/);
    const number = (await office.getByTestId('bulletin-number').textContent())!;

    // 衡阳县's head signs for it on the workbench, in one click; the bulletin leaves the card.
    const head = await suite.page('430421-head');
    await head.locator('[data-testid="workbench"][data-role="head"]').waitFor({ timeout: WAIT });
    const toSign = head.getByTestId('wb-bulletins-to-sign-all');
    const before = Number(await toSign.getAttribute('data-count'));
    await expect.poll(() => head.getByTestId(`wb-to-sign-bulletin-${id}`).textContent(), { timeout: WAIT }).toContain('2021年11月中旬');
    if (shots) await head.screenshot({ path: join(shots, 'workbench-head-bulletins.png'), fullPage: true });
    await head.getByTestId(`wb-sign-bulletin-${id}`).click();
    await expect.poll(() => head.getByTestId(`wb-to-sign-bulletin-${id}`).count(), { timeout: WAIT }).toBe(0);
    await expect.poll(async () => Number(await toSign.getAttribute('data-count')), { timeout: WAIT }).toBe(before - 1);
    // The bulletin's page shows it signed, with the office's 总体情况.
    await head.goto(`/bulletins/${id}`);
    await expect.poll(() => head.getByTestId('bulletin-number').textContent(), { timeout: WAIT }).toBe(number);
    await expect.poll(() => head.getByTestId('bulletin-overview-text').textContent()).toContain('本旬无单位迟报（演示）');
    expect(await head.getByTestId('bulletin-sign').count()).toBe(0);
    await expect.poll(() => head.getByTestId('bulletin-receipts').textContent()).toContain('衡阳县');

    // The office's workbench shows who has not signed: 96 of 97, 衡阳县 not among them; the link opens the receipts.
    await office.goto('/workbench');
    const unsigned = office.getByTestId(`wb-bulletin-unsigned-${id}`);
    await expect.poll(() => unsigned.locator('[data-testid="wb-bulletin-unsigned-link"]').getAttribute('data-count'), { timeout: WAIT }).toBe('96');
    expect(await unsigned.textContent()).not.toContain('衡阳县');
    await unsigned.locator('[data-testid="wb-bulletin-unsigned-link"]').click();
    await office.waitForURL(new RegExp(`/bulletins/${id}$`), { timeout: WAIT });
    await expect.poll(() => office.getByTestId('bulletin-unsigned-count').textContent(), { timeout: WAIT }).toContain('1/97');
    const receipts = office.getByTestId('bulletin-receipts');
    await expect.poll(() => receipts.locator('tbody tr').first().textContent()).toContain('未签收');
    await office.getByTestId('bulletin-remind-all').click();
    await expect.poll(() => office.locator('.ant-message').textContent(), { timeout: WAIT }).toContain('96');

    if (shots) {
      await mkdir(shots, { recursive: true });
      await office.evaluate(() => window.scrollTo(0, 0));
      await office.screenshot({ path: join(shots, 'bulletin-page.png') });
    }

    // The downloads carry the page's number and title.
    const docx = await download(office, 'bulletin-doc-docx');
    expect(docx.name).toBe(`通报-${number}-2021年11月中旬.docx`);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(number);
    expect(text).toContain('关于2021年11月中旬绩效考核工作情况的通报');
    expect(text).toContain('本旬无单位迟报（演示）');
    const pdf = await download(office, 'bulletin-doc-pdf');
    const pdfText = (await run('pdftotext', ['-layout', pdf.path, '-'])).stdout.replace(/\s+/g, '');
    expect(pdfText).toContain(number);
    expect(pdfText).toContain('关于2021年11月中旬绩效考核工作情况的通报');
    if (shots) await run('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', '-singlefile', pdf.path, join(shots, 'bulletin-pdf-page1')]);
  }, 300_000);
});
