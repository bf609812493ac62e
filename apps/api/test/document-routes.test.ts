import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

/**
 * The documents users download: a suggestion's 《绩效改进通知书》 and the scorecards of a score run, on
 * the Hengyang demo. The .docx is opened and read; the PDFs (LibreOffice, a few seconds each, so only
 * three) are read back with pdftotext. `DOC_SCREENSHOTS=docs/screenshots` keeps page 1 of each as PNG.
 */

const run = promisify(execFile);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let t: TestApp;
let office: Client;
let dir: string;

beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
  office = await login(t.app, 'office');
  dir = await mkdtemp(join(tmpdir(), 'kaoping-doc-routes-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function docxText(res: LightMyRequestResponse): Promise<string> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(DOCX);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
}

async function pdfText(res: LightMyRequestResponse, name: string): Promise<{ text: string; pages: number }> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const file = join(dir, `${name}.pdf`);
  await writeFile(file, res.rawPayload);
  const tool = async (cmd: string, args: string[]) =>
    run(cmd, args).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new Error(`${cmd} is not installed: apt-get install -y poppler-utils`) : err;
    });
  const text = (await tool('pdftotext', ['-layout', file, '-'])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec((await tool('pdfinfo', [file])).stdout)?.[1]);
  if (process.env.DOC_SCREENSHOTS) {
    await mkdir(process.env.DOC_SCREENSHOTS, { recursive: true });
    await tool('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', '-singlefile', file, join(process.env.DOC_SCREENSHOTS, `document-${name}`)]);
  }
  return { text, pages };
}

const flat = (s: string) => s.replace(/\s+/g, '');
const fileName = (res: LightMyRequestResponse) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition']))?.[1] ?? '');

describe('GET /api/suggestions/:id/notice: the 绩效改进通知书', () => {
  let notice: { id: number; notice_no: string; unit_id: number; unit_code: string; unit_name: string; deadline: string };
  let siblings: { id: number; body: string }[];

  beforeAll(async () => {
    // A notice that carries more than one suggestion, so that all of them must appear.
    const rows = await t.db.query<typeof notice>(
      `select s.id, s.notice_no, s.unit_id, u.code as unit_code, u.name as unit_name, to_char(s.deadline, 'YYYY-MM-DD') as deadline
         from suggestions s join units u on u.id = s.unit_id
        where s.notice_no is not null and u.kind <> 'municipal'
        order by (select count(*) from suggestions x where x.notice_no = s.notice_no and x.unit_id = s.unit_id) desc, s.id limit 1`,
    );
    notice = rows[0]!;
    siblings = await t.db.query('select id, body from suggestions where notice_no = $1 and unit_id = $2 order by id', [notice!.notice_no, notice!.unit_id]);
  });

  it('gives the office a .docx with the number, the unit, every suggestion it carries, the requirement and the deadline', async () => {
    const res = await office.get(`/api/suggestions/${notice.id}/notice`);
    const text = await docxText(res);
    expect(fileName(res)).toBe(`绩效改进通知书-${notice.notice_no}-${notice.unit_name}.docx`);
    expect(text).toContain(notice.notice_no);
    expect(notice.notice_no).toMatch(/^衡绩改〔\d{4}〕\d+号$/);
    expect(text.split('\n')).toContain('绩效改进通知书');
    expect(text.split('\n')).toContain(`${notice.unit_name}：`);
    for (const s of siblings) expect(text).toContain(s.body.trim());
    expect(text).toContain('二、整改要求');
    const [y, m, d] = notice.deadline.split('-').map(Number);
    expect(text).toContain(`请于${y}年${m}月${d}日前完成办理并答复`);
    // Another unit's suggestions under a number that happens to be the same never appear.
    const others = await t.db.query<{ body: string }>('select body from suggestions where notice_no = $1 and unit_id <> $2', [notice.notice_no, notice.unit_id]);
    for (const o of others) if (!siblings.some((s) => s.body === o.body)) expect(text).not.toContain(o.body.trim());
  });

  it('gives the unit it was sent to the PDF, and refuses another unit', async () => {
    const head = await login(t.app, `${notice.unit_code}-head`);
    const { text } = await pdfText(await head.get(`/api/suggestions/${notice.id}/notice?format=pdf`), 'notice');
    expect(flat(text)).toContain(notice.notice_no);
    expect(flat(text)).toContain('绩效改进通知书');
    expect(flat(text)).toContain(flat(siblings[0]!.body).slice(0, 20));
    const other = await login(t.app, notice.unit_code === 'ZH01' ? '430421-head' : 'ZH01-head');
    expect((await other.get(`/api/suggestions/${notice.id}/notice`)).statusCode).toBe(403);
  });

  it('answers 409 for a suggestion that has not been forwarded, and 400 for an unknown format', async () => {
    const [fresh] = await t.db.query<{ id: number }>(`select id from suggestions where notice_no is null limit 1`);
    const res = await office.get(`/api/suggestions/${fresh!.id}/notice`);
    expectRefused(res, 'INCOMPLETE');
    expect(res.json().error.message).toContain('尚未转办');
    expect((await office.get(`/api/suggestions/${notice.id}/notice?format=rtf`)).statusCode).toBe(400);
  });
});

describe('scorecards of a score run as documents', () => {
  let runId: number;
  let hy: { id: number; total: number; rank: number; grade: string };

  beforeAll(async () => {
    runId = (await t.db.query<{ id: number }>(`select id from score_runs order by as_of desc, id desc limit 1`))[0]!.id;
    hy = (await t.db.query<typeof hy>(`select s.unit_id as id, s.total, s.rank, s.grade from unit_scores s join units u on u.id = s.unit_id where s.run_id = $1 and u.code = '430421'`, [runId]))[0]!;
  });

  it("gives a unit's scorecard as PDF with its total, rank, grade and indicators", async () => {
    const head = await login(t.app, '430421-head');
    const res = await head.get(`/api/runs/${runId}/units/${hy.id}/scorecard`);
    const { text } = await pdfText(res, 'scorecard');
    expect(fileName(res)).toMatch(/^记分卡-衡阳县-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(flat(text)).toContain('衡阳县2021年度绩效考核记分卡');
    expect(flat(text)).toContain(`总分${Math.round(hy.total * 100) / 100}分`);
    expect(flat(text)).toContain(`排名第${hy.rank}`);
    expect(flat(text)).toContain(`等次为“${hy.grade}”`);
    expect(flat(text)).toContain('指标得分');
    // Every indicator of the scorecard page is in the file (the table may wrap a long name, so compare without spaces).
    const card = (await office.get(`/api/runs/${runId}/units/${hy.id}`)).json() as { indicators: { code: string; points: number }[] };
    expect(card.indicators.length).toBeGreaterThan(10);
    for (const i of card.indicators) expect(flat(text)).toContain(i.code);
    // Another unit's people may not read it.
    const other = await login(t.app, 'ZH01-head');
    expect((await other.get(`/api/runs/${runId}/units/${hy.id}/scorecard?format=docx`)).statusCode).toBe(403);
  });

  it('gives every unit of a group in one PDF, each from a new page after the ranking', async () => {
    const units = await t.db.query<{ name: string }>(`select u.name from unit_scores s join units u on u.id = s.unit_id where s.run_id = $1 and s.group_code = 'YQ' order by s.rank`, [runId]);
    expect(units.length).toBeGreaterThan(1);
    const res = await office.get(`/api/runs/${runId}/groups/YQ/scorecards`);
    const { text, pages } = await pdfText(res, 'scorecards-group');
    expect(pages).toBeGreaterThanOrEqual(units.length + 1);
    const pageTexts = text.split('\f').map(flat);
    expect(pageTexts[0]).toContain('排名');
    for (const [i, u] of units.entries()) {
      const heading = `${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i]}、${u.name}`;
      // Each unit's part starts a page.
      expect(pageTexts.some((p) => p.startsWith(heading)), heading).toBe(true);
    }
  });

  it('gives the group file to city-wide roles only, and 404 for a group not in the run', async () => {
    const head = await login(t.app, '430421-head');
    expect((await head.get(`/api/runs/${runId}/groups/XS/scorecards?format=docx`)).statusCode).toBe(403);
    expect((await office.get(`/api/runs/${runId}/groups/NOPE/scorecards?format=docx`)).statusCode).toBe(404);
    const leader = await login(t.app, 'leader');
    const text = await docxText(await leader.get(`/api/runs/${runId}/groups/XS/scorecards?format=docx`));
    expect(text).toContain('一、');
    expect(await unitId(t.db, '430421')).toBe(hy.id);
  });
});
