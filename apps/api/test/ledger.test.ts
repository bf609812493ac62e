import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../src/lib/excel.js';
import { jpegWithExif, mp4WithMeta } from './fixtures/exif-jpeg.js';
import { makeFinding, makeInspection, makeProblem, problemBody } from './factories.js';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

let t: TestApp;
let supervisor: Client;
let admin: Client;
let office: Client;
let leader: Client;
let head: Client;
let reporter: Client;
let otherHead: Client;
let home: number;
let other: number;

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

interface Problem {
  id: number;
  status: string;
  statusLabel: string;
  source: string;
  findingId: number | null;
  returned: boolean;
  progress: number;
  latitude: number | null;
  longitude: number | null;
  unit: { id: number };
  light: { light: string | null; reason: string };
  closedAt: string | null;
  requirements: { done: number; total: number };
  checklist: { id: number; text: string; done: boolean; report: string | null; evidence: { id: number; sha256: string; filename: string }[] }[];
  events: { action: string; note: string | null }[];
  actions: string[];
}

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string }[] };
}

beforeAll(async () => {
  t = await buildTestApp();
  supervisor = await login(t.app, 'supervisor');
  admin = await login(t.app, 'admin');
  office = await login(t.app, 'office');
  leader = await login(t.app, 'leader');
  head = await login(t.app, '430421-head');
  reporter = await login(t.app, '430421-reporter');
  otherHead = await login(t.app, 'ZH01-head');
  home = await unitId(t.db, '430421');
  other = await unitId(t.db, 'ZH01');
});
afterAll(async () => t.close());

const newProblem = async (over: object = {}, by: Client = supervisor) => by.post('/api/problems', await problemBody(t, { unitId: home, deadline: day(30), ...over }));

const upload = (c: Client, url: string, bytes: Buffer, type: string, filename?: string) =>
  c.request('POST', url, bytes, { 'content-type': type, ...(filename ? { 'x-filename': encodeURIComponent(filename) } : {}) });

const auditActions = async (entity: string, id: number) =>
  (await t.db.query<{ action: string }>('select action from audit_log where entity = $1 and entity_id = $2 order by id', [entity, String(id)])).map((a) => a.action);

describe('the problem ledger (挂账销号)', () => {
  it('puts a problem on the ledger with its named leader and checklist; only the supervision office may', async () => {
    const res = await newProblem();
    expect(res.statusCode, res.body).toBe(201);
    const p = json<Problem>(res);
    expect(p).toMatchObject({ status: 'open', statusLabel: '已挂账', source: 'audit', returned: false, progress: 0, requirements: { done: 0, total: 2 } });
    expect(p.checklist.map((q) => q.text)).toEqual(['清理占道摊点并建立长效巡查机制', '公开巡查记录并每周报送']);
    expect(p.light.light).not.toBeNull();
    for (const c of [office, leader, head, reporter]) expect((await newProblem({}, c)).statusCode).toBe(403);
    expect((await newProblem({}, admin)).statusCode).toBe(201);
  });

  it('names the field at fault when a problem is not valid', async () => {
    const noList = json<ErrorBody>(await newProblem({ requirements: [] }));
    expect(noList.error.code).toBe('VALIDATION_FAILED');
    expect(noList.error.message).toMatch(/^body\.requirements/);
    const early = await newProblem({ startDate: day(10), deadline: day(5) });
    expect(early.statusCode).toBe(400);
    expect(json<ErrorBody>(early).error.message).toMatch(/^body\.deadline/);
    const unknownUnit = await newProblem({ unitId: 999_999 });
    expect(unknownUnit.statusCode).toBe(400);
    expect(json<ErrorBody>(unknownUnit).error.message).toMatch(/^unitId/);
    const indicatorOnly = await newProblem({ source: 'assessment', indicatorId: 1 });
    expect(json<ErrorBody>(indicatorOnly).error.message).toMatch(/^body\.schemeId/);
  });

  it('lets a unit see only its own problems', async () => {
    const mine = json<Problem>(await newProblem());
    const theirs = json<Problem>(await newProblem({ unitId: other, title: '园区企业周边道路破损', source: 'inspection', auditRef: undefined }));
    expect((await otherHead.get(`/api/problems/${mine.id}`)).statusCode).toBe(403);
    expect((await head.get(`/api/problems/${theirs.id}`)).statusCode).toBe(403);
    expect((await head.get(`/api/problems/${mine.id}`)).statusCode).toBe(200);
    // Asking for another unit's list still gives one's own.
    const list = json<{ items: Problem[] }>(await reporter.get(`/api/problems?unitId=${other}`)).items;
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((x) => x.unit.id === home)).toBe(true);
    const all = json<{ items: Problem[] }>(await leader.get('/api/problems')).items;
    expect(all.some((x) => x.unit.id === other) && all.some((x) => x.unit.id === home)).toBe(true);
    const filtered = json<{ items: Problem[] }>(await supervisor.get(`/api/problems?unitId=${other}&source=inspection&status=open`)).items;
    expect(filtered.map((x) => x.id)).toContain(theirs.id);
    expect(filtered.every((x) => x.unit.id === other && x.source === 'inspection' && x.status === 'open')).toBe(true);
    // Nor can another unit add evidence to it.
    const [q] = json<Problem>(await head.get(`/api/problems/${mine.id}`)).checklist;
    expect((await upload(otherHead, `/api/problems/${mine.id}/requirements/${q!.id}/evidence`, PNG, 'image/png')).statusCode).toBe(403);
  });

  it('is rectified requirement by requirement with evidence, closed out by the office only, and can be returned and reopened', async () => {
    const { id } = json<Problem>(await newProblem());
    const url = `/api/problems/${id}`;
    const [q1, q2] = json<Problem>(await head.get(url)).checklist;

    const early = await reporter.post(`${url}/requirements/${q1!.id}/report`, { done: true, report: '已清理' });
    expect(early.statusCode).toBe(400);
    expect(json<ErrorBody>(early).error.message).toMatch(/^done:/);

    const e1 = await upload(reporter, `${url}/requirements/${q1!.id}/evidence`, PNG, 'image/png', '整改前后对比.png');
    expect(e1.statusCode, e1.body).toBe(201);
    const e2 = await upload(head, `${url}/requirements/${q2!.id}/evidence`, PNG, 'image/png', '同一张照片.png');
    expect(e2.statusCode, e2.body).toBe(201);
    const e3 = await upload(reporter, `${url}/requirements/${q2!.id}/evidence`, PDF, 'application/pdf', '巡查记录.pdf');
    expect(e3.statusCode, e3.body).toBe(201);
    // The same bytes are stored once.
    const sha = json<{ sha256: string }>(e1).sha256;
    expect(json<{ sha256: string }>(e2).sha256).toBe(sha);
    expect(await t.db.query('select 1 from stored_files where sha256 = $1', [sha])).toHaveLength(1);
    const download = await otherHead.get(`${url}/evidence/${json<{ id: number }>(e1).id}`);
    expect(download.statusCode).toBe(403);
    const mine = await head.get(`${url}/evidence/${json<{ id: number }>(e1).id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(PNG)).toBe(true);
    // Evidence is downloaded as a file: no cache keeps a copy.
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.headers['content-disposition']).toContain(encodeURIComponent('整改前后对比.png'));

    expect((await reporter.post(`${url}/requirements/${q1!.id}/report`, { done: true, report: '占道摊点已全部清理' })).statusCode).toBe(200);
    // A submission needs every requirement done.
    const partial = await head.post(`${url}/actions`, { action: 'submit' });
    expectRefused(partial, 'INCOMPLETE');
    const after = json<Problem>(await reporter.post(`${url}/requirements/${q2!.id}/report`, { done: true, report: '巡查记录每周公开' }));
    expect(after).toMatchObject({ status: 'rectifying', progress: 100, requirements: { done: 2, total: 2 } });

    expect((await reporter.post(`${url}/actions`, { action: 'submit' })).statusCode).toBe(403);
    const submitted = json<Problem>(await head.post(`${url}/actions`, { action: 'submit', note: '整改完毕，申请销号' }));
    expect(submitted.status).toBe('submitted');
    expect(submitted.actions).toEqual([]);
    // A submitted problem takes no more evidence.
    expectRefused(await upload(reporter, `${url}/requirements/${q1!.id}/evidence`, PDF, 'application/pdf'), 'TRANSITION_NOT_ALLOWED');

    for (const c of [head, reporter, office, leader, otherHead]) expect((await c.post(`${url}/actions`, { action: 'close' })).statusCode).toBe(403);
    const noReason = await supervisor.post(`${url}/actions`, { action: 'return' });
    expect(noReason.statusCode).toBe(400);
    expect(json<ErrorBody>(noReason).error.message).toMatch(/^note:/);
    const returned = json<Problem>(await supervisor.post(`${url}/actions`, { action: 'return', note: '巡查记录未公开到村一级', requirementIds: [q2!.id] }));
    expect(returned).toMatchObject({ status: 'rectifying', returned: true, requirements: { done: 1, total: 2 } });
    expect(returned.light.light === 'yellow' || returned.light.light === 'red').toBe(true);
    expect(returned.checklist.find((q) => q.id === q2!.id)!.done).toBe(false);

    await reporter.post(`${url}/requirements/${q2!.id}/report`, { done: true, report: '已公开到村' });
    expect(json<Problem>(await head.post(`${url}/actions`, { action: 'submit' })).status).toBe('submitted');
    const closed = json<Problem>(await supervisor.post(`${url}/actions`, { action: 'close', note: '经复核，整改到位' }));
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.light.light).toBeNull();

    expect((await head.post(`${url}/actions`, { action: 'reopen', note: '又出现了' })).statusCode).toBe(403);
    expect((await supervisor.post(`${url}/actions`, { action: 'reopen' })).statusCode).toBe(400);
    const reopened = json<Problem>(await supervisor.post(`${url}/actions`, { action: 'reopen', note: '群众反映占道经营反弹' }));
    expect(reopened).toMatchObject({ status: 'rectifying', returned: true, closedAt: null });

    expect(reopened.events.map((e) => e.action)).toEqual(['create', 'evidence', 'evidence', 'evidence', 'report', 'report', 'submit', 'return', 'report', 'submit', 'close', 'reopen']);
    // Every change is in the audit trail, in order.
    expect(await auditActions('problem', id)).toEqual([
      'problem.create',
      'problem.evidence',
      'problem.evidence',
      'problem.evidence',
      'problem.report',
      'problem.report',
      'problem.submit',
      'problem.return',
      'problem.report',
      'problem.submit',
      'problem.close',
      'problem.reopen',
    ]);
  });

  it('refuses a file of the wrong type or too large, naming the problem', async () => {
    const { id, checklist } = json<Problem>(await newProblem());
    const url = `/api/problems/${id}/requirements/${checklist[0]!.id}/evidence`;
    const exe = Buffer.from('4d5a90000300000004000000ffff0000', 'hex');
    const disguised = await upload(reporter, url, exe, 'image/png', 'photo.png');
    expect(disguised.statusCode).toBe(415);
    expect(json<ErrorBody>(disguised).error.message).toContain('PNG');
    const foreign = await upload(reporter, url, exe, 'application/x-msdownload', 'setup.exe');
    expect(foreign.statusCode).toBe(415);
    expect(json<ErrorBody>(foreign).error.message).toContain('application/x-msdownload');
    expect(json<ErrorBody>(foreign).error.message).toContain('JPEG');
    const unknown = await upload(reporter, url, Buffer.from('hello'), 'application/octet-stream');
    expect(unknown.statusCode).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(15 * 1024 * 1024)]);
    const tooBig = await upload(reporter, url, big, 'image/png');
    expect(tooBig.statusCode).toBe(413);
    expect(json<ErrorBody>(tooBig).error.message).toContain('15 MB');
    const json415 = await reporter.post(url, { file: 'x' });
    expect(json415.statusCode).toBe(415);
    expect(await auditActions('problem', id)).toEqual(['problem.create']);
  });

  it('exports the ledger to Excel with the rows the caller may see', async () => {
    await makeProblem(t, { unitId: home });
    await makeProblem(t, { unitId: other });
    const res = await supervisor.get('/api/problems/export.xlsx?source=audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['编号', '问题', '来源', '责任单位', '责任领导', '整改期限', '状态', '亮灯']));
    const listed = json<{ items: Problem[] }>(await supervisor.get('/api/problems?source=audit')).items;
    expect(ws.rowCount - 1).toBe(listed.length);
    expect(ws.getRow(2).getCell(3).value).toBe('审计');

    const unitFile = await head.get('/api/problems/export.xlsx');
    const uwb = new ExcelJS.Workbook();
    await uwb.xlsx.load(unitFile.rawPayload as unknown as ArrayBuffer);
    const units = new Set<unknown>();
    uwb.worksheets[0]!.eachRow((r, n) => n > 1 && units.add(r.getCell(4).value));
    expect([...units]).toEqual(['衡阳县']);
  });
});

describe('undercover inspections (暗访督查)', () => {
  const exifPhoto = () => jpegWithExif({ dateTimeOriginal: '2021:03:05 21:20:30', latitude: 26.8932, longitude: 112.6123 }, { width: 800, height: 600 });

  /**
   * What an inspector sends from the scene: a photo whose EXIF holds its time and place, the same
   * photo again, a PNG placed by the phone, and a video with its place in the file.
   */
  async function mediaFromTheScene(findingId: number): Promise<void> {
    const url = `/api/inspections/findings/${findingId}/media`;
    const jpeg = await exifPhoto();
    expect((await upload(supervisor, url, jpeg, 'image/jpeg', 'IMG_0001.jpg')).statusCode).toBe(201);
    expect((await upload(supervisor, url, jpeg, 'image/jpeg')).statusCode).toBe(201);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    expect((await upload(supervisor, `${url}?takenAt=2021-03-05T21:30:00%2B08:00&latitude=26.9&longitude=112.6`, png, 'image/png')).statusCode).toBe(201);
    const video = mp4WithMeta({ createdAt: new Date('2021-03-05T13:40:00Z'), iso6709: '+26.8941+112.6130+050.000/' });
    expect((await upload(supervisor, url, video, 'video/mp4', 'VID_0002.mp4')).statusCode).toBe(201);
  }

  it('records an inspection and its findings; units may not see them', async () => {
    const res = await supervisor.post('/api/inspections', { inspectedOn: day(-1), place: '珠晖区东风路农贸市场', inspector: '市委督查室 张三', notes: '夜间暗访' });
    expect(res.statusCode, res.body).toBe(201);
    const inspectionId = json<{ id: number }>(res).id;
    const f = await supervisor.post(`/api/inspections/${inspectionId}/findings`, { title: '农贸市场污水外溢', description: '排水沟堵塞，污水漫至人行道', unitId: other, place: '东风路农贸市场北门' });
    expect(f.statusCode, f.body).toBe(201);
    expect((await head.get('/api/inspections')).statusCode).toBe(403);
    expect((await head.get(`/api/inspections/${inspectionId}`)).statusCode).toBe(403);
    expect((await leader.get('/api/inspections')).statusCode).toBe(200);
    expect((await leader.post(`/api/inspections/${inspectionId}/findings`, { title: '领导不能录入' })).statusCode).toBe(403);
    const bad = await supervisor.post(`/api/inspections/${inspectionId}/findings`, { title: '只有纬度', latitude: 27 });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.message).toMatch(/^body\.longitude/);
  });

  it('carries a live-stream address (连线项目现场) that the supervision office sets or clears; checked and audited', async () => {
    const own = json<{ id: number }>(await supervisor.post('/api/inspections', { inspectedOn: day(-1), place: '衡阳县西渡镇项目工地', inspector: '市委督查室 张三' })).id;
    const url = `/api/inspections/${own}`;
    const wrong = await supervisor.patch(url, { streamUrl: 'https://cam.example.gov.cn/live.flv' });
    expect(wrong.statusCode).toBe(400);
    expect(json<ErrorBody>(wrong).error.message).toMatch(/^body\.streamUrl: .*\.m3u8/);
    expect((await leader.patch(url, { streamUrl: 'https://cam.example.gov.cn/a.m3u8' })).statusCode).toBe(403);
    expect((await supervisor.patch('/api/inspections/999999', { streamUrl: null })).statusCode).toBe(404);
    expect(json(await supervisor.patch(url, { streamUrl: 'https://cam.example.gov.cn/a.m3u8' }))).toMatchObject({ id: own, streamUrl: 'https://cam.example.gov.cn/a.m3u8' });
    expect(json(await supervisor.get(url))).toMatchObject({ streamUrl: 'https://cam.example.gov.cn/a.m3u8' });
    const [audit] = await t.db.query<{ before: unknown; after: unknown }>("select before, after from audit_log where action = 'inspection.update' order by id desc limit 1");
    expect(audit).toMatchObject({ before: { streamUrl: null }, after: { streamUrl: 'https://cam.example.gov.cn/a.m3u8' } });
    expect(json(await supervisor.patch(url, { streamUrl: '' }))).toMatchObject({ streamUrl: null });
  });

  it('keeps the time and place of a JPEG from its EXIF, and makes a thumbnail', async () => {
    const findingId = (await makeFinding(t)).id;
    const jpeg = await exifPhoto();
    // The phone's own idea (upload time, network position) loses to the file's.
    const res = await upload(supervisor, `/api/inspections/findings/${findingId}/media?takenAt=2021-03-06T09:00:00%2B08:00&latitude=27.1&longitude=112.9`, jpeg, 'image/jpeg', 'IMG_0001.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const m = json<{ id: number; kind: string; takenAt: string; takenAtSource: string; latitude: number; longitude: number; locationSource: string; width: number; height: number; sha256: string; thumbnailUrl: string }>(res);
    expect(m).toMatchObject({ kind: 'image', takenAt: '2021-03-05T13:20:30.000Z', takenAtSource: 'file', locationSource: 'file', width: 800, height: 600 });
    expect(m.latitude).toBeCloseTo(26.8932, 4);
    expect(m.longitude).toBeCloseTo(112.6123, 4);

    const thumb = await supervisor.get(m.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    // Photos shown on the page may stay in this browser's cache, never in a shared one.
    expect(thumb.headers['cache-control']).toBe('private, max-age=3600');
    const size = await sharp(thumb.rawPayload).metadata();
    expect(Math.max(size.width!, size.height!)).toBe(320);
    const original = await supervisor.get(`/api/inspections/media/${m.id}`);
    expect(original.rawPayload.equals(jpeg)).toBe(true);

    // The same photo sent twice is stored once.
    const again = await upload(supervisor, `/api/inspections/findings/${findingId}/media`, jpeg, 'image/jpeg');
    expect(json<{ sha256: string }>(again).sha256).toBe(m.sha256);
    expect(await t.db.query('select 1 from stored_files where sha256 = $1', [m.sha256])).toHaveLength(1);
  });

  it('falls back to what the phone sends, and reads the place and time of an MP4', async () => {
    const findingId = (await makeFinding(t)).id;
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const res = await upload(supervisor, `/api/inspections/findings/${findingId}/media?takenAt=2021-03-05T21:30:00%2B08:00&latitude=26.9&longitude=112.6`, png, 'image/png');
    expect(json(res)).toMatchObject({ takenAt: '2021-03-05T13:30:00.000Z', takenAtSource: 'client', latitude: 26.9, longitude: 112.6, locationSource: 'client' });

    const video = mp4WithMeta({ createdAt: new Date('2021-03-05T13:40:00Z'), iso6709: '+26.8941+112.6130+050.000/' });
    const v = await upload(supervisor, `/api/inspections/findings/${findingId}/media`, video, 'video/mp4', 'VID_0002.mp4');
    expect(v.statusCode, v.body).toBe(201);
    expect(json(v)).toMatchObject({ kind: 'video', takenAt: '2021-03-05T13:40:00.000Z', takenAtSource: 'file', latitude: 26.8941, longitude: 112.613, locationSource: 'file', thumbnailUrl: null });
  });

  it('refuses a file that is not a photo or video it takes', async () => {
    const findingId = (await makeFinding(t)).id;
    const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1');
    const res = await upload(supervisor, `/api/inspections/findings/${findingId}/media`, gif, 'image/jpeg');
    expect(res.statusCode).toBe(415);
    expect(json<ErrorBody>(res).error.message).toContain('JPEG');
    const pdf = await upload(supervisor, `/api/inspections/findings/${findingId}/media`, PDF, 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    expect(json<ErrorBody>(pdf).error.message).toContain('application/pdf');
    expect((await upload(head, `/api/inspections/findings/${findingId}/media`, PNG, 'image/png')).statusCode).toBe(403);
  });

  it('shows the findings on a map', async () => {
    const inspectionId = (await makeInspection(t)).id;
    const findingId = (await makeFinding(t, { inspectionId })).id;
    await mediaFromTheScene(findingId);
    const unlocated = await supervisor.post(`/api/inspections/${inspectionId}/findings`, { title: '无定位的发现' });
    const located = await supervisor.post(`/api/inspections/${inspectionId}/findings`, { title: '路灯不亮', latitude: 26.9, longitude: 112.62 });
    const map = json<{ items: { id: number; latitude: number; longitude: number; locatedBy: string; mediaCount: number; thumbnailUrl: string | null }[] }>(
      await leader.get(`/api/inspections/map?inspectionId=${inspectionId}`),
    ).items;
    const ids = map.map((x) => x.id);
    expect(ids).not.toContain(json<{ id: number }>(unlocated).id);
    expect(map.find((x) => x.id === json<{ id: number }>(located).id)).toMatchObject({ locatedBy: 'finding', latitude: 26.9, longitude: 112.62, mediaCount: 0 });
    const fromPhoto = map.find((x) => x.id === findingId)!;
    expect(fromPhoto).toMatchObject({ locatedBy: 'media', mediaCount: 4 });
    expect(fromPhoto.latitude).toBeCloseTo(26.8932, 4);
    expect(fromPhoto.thumbnailUrl).toMatch(/\/thumbnail$/);
    expect((await head.get('/api/inspections/map')).statusCode).toBe(403);
  });

  it('turns a finding into a ledger problem in one step, linked back to it', async () => {
    const inspectionId = (await makeInspection(t)).id;
    const findingId = (await makeFinding(t, { inspectionId, unitId: other })).id;
    await mediaFromTheScene(findingId);
    const res = await supervisor.post(`/api/inspections/findings/${findingId}/problem`, {
      responsibleLeader: '王区长',
      deadline: day(15),
      requirements: ['疏通排水沟', '建立市场保洁责任制'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = json<Problem & { finding: { id: number; mediaIds: number[]; media: { id: number; kind: string; takenAt: string | null; thumbnailUrl: string | null }[] } }>(res);
    expect(p).toMatchObject({ source: 'inspection', findingId, status: 'open', unit: { id: other } });
    expect(p.latitude).toBeCloseTo(26.8932, 4);
    expect(p.finding.mediaIds).toHaveLength(4);
    // The problem's page shows the photos with their thumbnails and the video without one.
    expect(p.finding.media.map((m) => m.id)).toEqual(p.finding.mediaIds);
    expect(p.finding.media.filter((m) => m.kind === 'video').map((m) => m.thumbnailUrl)).toEqual([null]);
    expect(p.finding.media.filter((m) => m.kind === 'image').every((m) => m.thumbnailUrl === `/api/inspections/media/${m.id}/thumbnail`)).toBe(true);
    expect(p.finding.media.find((m) => m.kind === 'video')!.takenAt).toBe('2021-03-05T13:40:00.000Z');
    expectRefused(await supervisor.post(`/api/inspections/findings/${findingId}/problem`, { responsibleLeader: '王区长', deadline: day(15), requirements: ['x 重复'] }), 'ALREADY_DONE');

    // The unit whose problem it is sees the photos; another unit does not.
    expect((await otherHead.get(`/api/problems/${p.id}`)).statusCode).toBe(200);
    expect((await otherHead.get(`/api/inspections/media/${p.finding.mediaIds[0]}/thumbnail`)).statusCode).toBe(200);
    expect((await head.get(`/api/inspections/media/${p.finding.mediaIds[0]}`)).statusCode).toBe(403);

    const detail = json<{ items: { id: number; problem: { id: number } | null }[] }>(await supervisor.get(`/api/inspections/${inspectionId}`));
    expect(detail.items.find((f) => f.id === findingId)!.problem!.id).toBe(p.id);

    const noUnit = json<{ id: number }>(await supervisor.post(`/api/inspections/${inspectionId}/findings`, { title: '未指明单位' }));
    const missing = await supervisor.post(`/api/inspections/findings/${noUnit.id}/problem`, { responsibleLeader: '王区长', deadline: day(15), requirements: ['整改到位'] });
    expect(missing.statusCode).toBe(400);
    expect(json<ErrorBody>(missing).error.message).toMatch(/^unitId/);

    expect(await auditActions('inspection', inspectionId)).toEqual(['inspection.create']);
    expect(await auditActions('inspection_finding', findingId)).toEqual(['inspection.finding', 'inspection.media', 'inspection.media', 'inspection.media', 'inspection.media']);
    expect(await auditActions('problem', p.id)).toEqual(['problem.create']);
  });
});
