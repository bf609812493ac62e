import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Bulletin, BulletinList, BulletinPending } from '@kaoping/shared';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeZone } from '../src/lib/time-zone.js';
import { buildDueTenDayDrafts, lastEndedTenDay } from '../src/modules/bulletins/bulletins.service.js';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

/**
 * Bulletins (通报) on the Hengyang demo: the office builds the 2021年11月中旬 bulletin, edits it, the
 * signer approves, it is issued with its number, the units sign for it, the office reminds the rest;
 * the .docx is read as XML and the PDF through LibreOffice and poppler.
 */

const run = promisify(execFile);
let t: TestApp;
let office: Client;
let signer: Client;
let dir: string;
/** The bulletins the demo loaded: those there before any test made its own. */
let demoIds: Set<number>;

beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
  office = await login(t.app, 'office');
  signer = await login(t.app, 'office-head');
  dir = await mkdtemp(join(tmpdir(), 'kaoping-bulletins-'));
  demoIds = new Set(((await office.get('/api/bulletins')).json() as BulletinList).items.map((b) => b.id));
}, 240_000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const seriesId = async (code: string) => (await t.db.query<{ id: number }>('select id from bulletin_series where code = $1', [code]))[0]!.id;

const OVERVIEW = '一、总体情况\n11月中旬，全市各单位扎实推进重点工作（演示）。\n（一）主要指标\n1.衡阳县进度较快。';

/** The 2021年11月中旬 bulletin of the ten-day series, drafted by the office: each test drafts its own. */
async function drafted(): Promise<Bulletin> {
  const res = await office.post('/api/bulletins', { seriesId: await seriesId('performance-ten-day'), asOf: '2021-11-20' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Bulletin;
}

/** How many ten-day bulletins of 2021 are issued: the next one is numbered one more. */
const issuedTenDay = async () =>
  ((await office.get('/api/bulletins?status=issued')).json() as BulletinList).items.filter((b) => b.series.kind === 'ten_day' && b.docNumber?.includes('〔2021〕')).length;

/** A drafted bulletin with the office's 总体情况, approved by the signer and issued. */
async function issued(): Promise<Bulletin> {
  const b = await drafted();
  expect((await office.patch(`/api/bulletins/${b.id}`, { overview: OVERVIEW })).statusCode).toBe(200);
  expect((await signer.post(`/api/bulletins/${b.id}/approve`)).statusCode).toBe(200);
  const res = await office.post(`/api/bulletins/${b.id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Bulletin;
}

describe('the demo', () => {
  it('holds issued ten-day bulletins of 2021, one 督查通报 and one draft', async () => {
    const list = (await office.get('/api/bulletins')).json() as BulletinList;
    list.items = list.items.filter((b) => demoIds.has(b.id));
    const issued = list.items.filter((b) => b.status === 'issued');
    expect(issued.filter((b) => b.series.kind === 'ten_day').map((b) => b.periodLabel)).toEqual(['2021年11月上旬', '2021年10月下旬', '2021年10月中旬']);
    expect(issued.filter((b) => b.series.kind === 'supervision')).toHaveLength(1);
    expect(issued.every((b) => /^衡(绩办|督)通〔2021〕\d+号$/.test(b.docNumber!))).toBe(true);
    expect(list.items.filter((b) => b.status === 'draft').map((b) => b.periodLabel)).toEqual(['2021年11月下旬']);
    // Most units signed; a few have not.
    for (const b of issued) expect(b.signed).toBeLessThan(b.recipients);
    expect(issued[0]!.signed).toBeGreaterThan(issued[0]!.recipients * 0.8);
  });
});

describe('the flow of the 2021年11月中旬 bulletin', () => {
  it('is built by the office with frozen figures, and the ranking change since 11月上旬', async () => {
    const mid = await drafted();
    expect(mid.title).toBe('关于2021年11月中旬绩效考核工作情况的通报');
    expect(mid.status).toBe('draft');
    expect(mid.docNumber).toBeNull();
    const s = mid.snapshot!;
    expect(s.from).toBe('2021-11-11');
    expect(s.run?.asOf).toBe('2021-11-20');
    const xs = s.rankings.find((g) => g.units.some((u) => u.name === '衡阳县'))!;
    const hy = xs.units.find((u) => u.name === '衡阳县')!;
    // The change is counted against the 11月上旬 bulletin's frozen ranking.
    const prev = (await office.get('/api/bulletins?q=11月上旬')).json() as BulletinList;
    const prevB = (await office.get(`/api/bulletins/${prev.items[0]!.id}`)).json() as Bulletin;
    const prevHy = prevB.snapshot!.rankings.flatMap((g) => g.units).find((u) => u.name === '衡阳县')!;
    expect(hy.prevRank).toBe(prevHy.rank);
    expect(hy.change).toBeCloseTo(hy.total - prevHy.total, 1);
    expect(mid.overview).toMatch(/^一、总体情况/);
    expect(mid.can).toMatchObject({ edit: true, approve: false, issue: false });
  });

  it('takes the office’s 总体情况 and refuses a unit or the drafter as signer', async () => {
    const mid = await drafted();
    const text = OVERVIEW;
    const res = await office.patch(`/api/bulletins/${mid.id}`, { overview: text });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Bulletin).overview).toBe(text);
    const head = await login(t.app, '430421-head');
    expect((await head.patch(`/api/bulletins/${mid.id}`, { overview: 'x' })).statusCode).toBe(403);
    expect((await head.get(`/api/bulletins/${mid.id}`)).statusCode).toBe(403);
    expect((await office.post(`/api/bulletins/${mid.id}/approve`)).statusCode).toBe(403);
    expectRefused(await office.post(`/api/bulletins/${mid.id}/issue`), 'TRANSITION_NOT_ALLOWED');
  });

  it('shows what changed when rebuilt after the data moved', async () => {
    const mid = await drafted();
    expect((await office.patch(`/api/bulletins/${mid.id}`, { overview: OVERVIEW })).statusCode).toBe(200);
    // A correction of 衡阳县's approved figures of October and November moves its total.
    await t.db.query(
      `update data_values v set value = v.value * 0.5 from periods p
        where p.id = v.period_id and v.unit_id = $1 and v.value is not null and p.end_date between '2021-10-01' and '2021-11-20'`,
      [await unitId(t.db, '430421')],
    );
    const res = await office.post(`/api/bulletins/${mid.id}/build`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as Bulletin;
    expect(Date.parse(b.builtAt!)).toBeGreaterThan(Date.parse(mid.builtAt!));
    const before = mid.snapshot!.rankings.flatMap((g) => g.units).find((u) => u.name === '衡阳县')!;
    const after = b.snapshot!.rankings.flatMap((g) => g.units).find((u) => u.name === '衡阳县')!;
    expect(after.total).toBeLessThan(before.total);
    expect(b.changes).toContainEqual({ label: '衡阳县 总分 / total', from: before.total, to: after.total });
    // The office's text stays as it was written.
    expect(b.overview).toContain('扎实推进重点工作（演示）');
  });

  it('is approved by the signer and issued with the next number of the series, then locked', async () => {
    let mid = await drafted();
    expect((await office.patch(`/api/bulletins/${mid.id}`, { overview: OVERVIEW })).statusCode).toBe(200);
    expect((await office.post(`/api/bulletins/${mid.id}/build`)).statusCode).toBe(200);
    // The demo issued 1号 to 3号: this one is 4号 unless another test issued one first.
    const before = await issuedTenDay();
    const approved = await signer.post(`/api/bulletins/${mid.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect((approved.json() as Bulletin).approvedBy).toBe('市绩效办主任 赵演示');
    const issued = await office.post(`/api/bulletins/${mid.id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    mid = issued.json() as Bulletin;
    expect(mid.docNumber).toBe(`衡绩办通〔2021〕${before + 1}号`);
    expect(mid.status).toBe('issued');
    expect(mid.receipts.length).toBe(97);
    expectRefused(await office.patch(`/api/bulletins/${mid.id}`, { overview: 'x' }), 'FROZEN');
    const audit = await t.db.query<{ action: string }>(`select action from audit_log where entity = 'bulletin' and entity_id = $1 order by id`, [String(mid.id)]);
    expect(audit.map((a) => a.action)).toEqual(['bulletin.create', 'bulletin.update', 'bulletin.rebuild', 'bulletin.approve', 'bulletin.issue']);
  });

  it('reaches the units’ inboxes; 衡阳县 signs for it, and only for its own unit', async () => {
    const mid = await issued();
    const head = await login(t.app, '430421-head');
    const inbox = (await head.get('/api/inbox')).json() as { items: { title: string }[] };
    expect(inbox.items.some((i) => i.title.includes(mid.docNumber!))).toBe(true);
    const pending = (await head.get('/api/bulletins/pending')).json() as BulletinPending;
    expect(pending.toSign.map((b) => b.id)).toContain(mid.id);
    const signed = await head.post(`/api/bulletins/${mid.id}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    const b = signed.json() as Bulletin;
    expect(b.receipts).toHaveLength(1);
    expect(b.receipts[0]!.unit.name).toBe('衡阳县');
    expect(b.receipts[0]!.signedAt).not.toBeNull();
    expectRefused(await head.post(`/api/bulletins/${mid.id}/sign`), 'ALREADY_DONE');
    expect((await office.post(`/api/bulletins/${mid.id}/sign`)).statusCode).toBe(403);
    // A unit's list holds only what was addressed to it.
    const list = (await head.get('/api/bulletins')).json() as BulletinList;
    expect(list.items.every((x) => x.status === 'issued')).toBe(true);
    expect(list.items.find((x) => x.id === mid.id)?.ownSignedAt).not.toBeNull();
  });

  it('shows the office who has not signed, and reminds them', async () => {
    const mid = await issued();
    expect((await (await login(t.app, '430421-head')).post(`/api/bulletins/${mid.id}/sign`)).statusCode).toBe(200);
    const pending = (await office.get('/api/bulletins/pending')).json() as BulletinPending;
    const latest = pending.unsigned.find((u) => u.bulletin.id === mid.id)!;
    expect(latest.units).toHaveLength(96);
    expect(latest.units.map((u) => u.name)).not.toContain('衡阳县');
    const hengnan = await unitId(t.db, '430422');
    const res = await office.post(`/api/bulletins/${mid.id}/remind`, { unitIds: [hengnan] });
    expect(res.json()).toEqual({ reminded: 1 });
    const nanHead = await login(t.app, '430422-head');
    const inbox = (await nanHead.get('/api/inbox')).json() as { items: { title: string }[] };
    expect(inbox.items[0]!.title).toContain('【签收提醒】');
    const detail = (await office.get(`/api/bulletins/${mid.id}`)).json() as Bulletin;
    expect(detail.receipts.find((r) => r.unit.id === hengnan)!.reminders).toBe(1);
  });

  it('is found in the archive by number, date and unit mentioned', async () => {
    const mid = await issued();
    const byNo = (await office.get(`/api/bulletins?q=${encodeURIComponent(mid.docNumber!.replace('衡绩办通', ''))}`)).json() as BulletinList;
    expect(byNo.items.map((b) => b.id)).toEqual([mid.id]);
    // Dated within the range: this test's bulletin, and none outside it (the demo's 11月上旬 and 11月下旬 are not).
    const byDate = (await office.get('/api/bulletins?from=2021-11-15&to=2021-11-25')).json() as BulletinList;
    expect(byDate.items.map((b) => b.id)).toContain(mid.id);
    expect(byDate.items.every((b) => b.asOf >= '2021-11-15' && b.asOf <= '2021-11-25')).toBe(true);
    const demo = ((await office.get('/api/bulletins')).json() as BulletinList).items.filter((b) => b.asOf < '2021-11-15' || b.asOf > '2021-11-25');
    expect(demo.length).toBeGreaterThan(0);
    const byUnit = (await office.get(`/api/bulletins?unitId=${await unitId(t.db, '430421')}&seriesId=${await seriesId('supervision')}`)).json() as BulletinList;
    expect(byUnit.items.length).toBe(1);
  });
});

async function docxXml(res: LightMyRequestResponse): Promise<{ xml: string; text: string }> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
  return { xml, text };
}

describe('the bulletin as documents', () => {
  let mid: Bulletin;
  // The issued bulletin these read-only checks share, made once for them.
  beforeAll(async () => {
    mid = await issued();
  }, 60_000);

  it('gives a GB/T 9704 .docx with the number in 〔〕, the title, the red line and the figures', async () => {
    const { xml, text } = await docxXml(await office.get(`/api/bulletins/${mid.id}/document`));
    expect(text).toContain(mid.docNumber!);
    expect(text).toContain('关于2021年11月中旬绩效考核工作情况的通报');
    expect(text).toContain('各县市区人民政府，各园区管委会，市直各单位：');
    expect(text).toContain('一、总体情况');
    expect(text).toContain('11月中旬，全市各单位扎实推进重点工作（演示）。');
    expect(text).toMatch(/二、考核排名/);
    // A4, the margins 37/35/28/26 mm.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1588"/);
    const hy = mid.snapshot!.rankings.flatMap((g) => g.units).find((u) => u.name === '衡阳县')!;
    expect(text).toContain(String(hy.total));
    expect(text).toContain('抄送：市委办公室');
    expect(xml).not.toContain('草稿');
  });

  it('marks a draft 草稿 and leaves its number out', async () => {
    const list = (await office.get('/api/bulletins?status=draft')).json() as BulletinList;
    const res = await office.get(`/api/bulletins/${list.items[0]!.id}/document`);
    const { text } = await docxXml(res);
    expect(text).not.toMatch(/〔2021〕\d+号/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /word\/header\d*\.xml/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.join('')).toContain('草稿');
  });

  it('gives the PDF through LibreOffice: pages, title, number and figures as text', async () => {
    const head = await login(t.app, '430421-head');
    const res = await head.get(`/api/bulletins/${mid.id}/document?format=pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const file = join(dir, 'bulletin.pdf');
    await writeFile(file, res.rawPayload);
    const text = (await run('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, '');
    const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(mid.docNumber!);
    expect(text).toContain('关于2021年11月中旬绩效考核工作情况的通报');
    const hy = mid.snapshot!.rankings.flatMap((g) => g.units).find((u) => u.name === '衡阳县')!;
    expect(text).toContain(String(hy.total));
    if (process.env.DOC_SCREENSHOTS) {
      await mkdir(process.env.DOC_SCREENSHOTS, { recursive: true });
      await run('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', '-singlefile', file, join(process.env.DOC_SCREENSHOTS, 'bulletin-pdf-page1')]);
    }
  }, 120_000);

  it('gives the tables as an .xlsx annex with numbers as numbers', async () => {
    const res = await office.get(`/api/bulletins/${mid.id}/annex`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(1);
    const sheet = wb.worksheets[0]!;
    expect(typeof sheet.getRow(4).getCell(3).value).toBe('number');
  });
});

describe('the ten-day schedule', () => {
  it('names the 旬 that ended last', () => {
    expect(lastEndedTenDay('2021-11-22')).toMatchObject({ end: '2021-11-20', label: '2021年11月中旬' });
    expect(lastEndedTenDay('2021-12-01')).toMatchObject({ end: '2021-11-30', label: '2021年11月下旬' });
    expect(lastEndedTenDay('2021-03-11')).toMatchObject({ end: '2021-03-10', label: '2021年3月上旬' });
  });

  it('builds the draft of the 旬 once on a working day and tells the office', async () => {
    const locale = { lang: 'zh' as const, zone: new TimeZone('Asia/Shanghai') };
    expect(await buildDueTenDayDrafts(t.db, locale, locale.zone.at('2021-12-11', 9), () => false)).toEqual([]);
    const made = await buildDueTenDayDrafts(t.db, locale, locale.zone.at('2021-12-13', 9), () => true);
    expect(made).toHaveLength(1);
    expect(await buildDueTenDayDrafts(t.db, locale, locale.zone.at('2021-12-14', 9), () => true)).toEqual([]);
    const b = (await office.get(`/api/bulletins/${made[0]}`)).json() as Bulletin;
    expect(b).toMatchObject({ status: 'draft', periodLabel: '2021年12月上旬', asOf: '2021-12-10' });
    const inbox = (await office.get('/api/inbox')).json() as { items: { title: string }[] };
    expect(inbox.items[0]!.title).toBe('【通报草稿】关于2021年12月上旬绩效考核工作情况的通报');
  });
});
