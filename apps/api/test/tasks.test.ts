import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../src/lib/excel.js';
import { advanceTask, makeTask, unique } from './factories.js';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

let t: TestApp;
let supervisor: Client;
let leader: Client;
let head: Client;
let reporter: Client;
let lead: number;
let co: number;

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Task {
  id: number;
  status: string;
  light: { light: string | null; reason: string; alert: boolean };
  actions: string[];
  events: { action: string; note: string | null; actor: string; progress: number | null; evidence: { id: number; filename: string; mime: string; size: number }[] }[];
  returned: boolean;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const upload = (c: Client, id: number, bytes: Buffer, type: string, filename?: string) =>
  c.request('POST', `/api/tasks/${id}/evidence`, bytes, { 'content-type': type, ...(filename ? { 'x-filename': encodeURIComponent(filename) } : {}) });

beforeAll(async () => {
  t = await buildTestApp();
  supervisor = await login(t.app, 'supervisor');
  leader = await login(t.app, 'leader');
  head = await login(t.app, '430421-head');
  reporter = await login(t.app, '430421-reporter');
  lead = await unitId(t.db, '430421');
  co = await unitId(t.db, 'ZH01');
});
afterAll(async () => t.close());

const newTask = (over: object = {}) =>
  supervisor.post('/api/tasks', {
    title: '推进城区内涝点整治',
    description: '市领导批示：汛期前完成 12 处内涝点整治。',
    source: 'instruction',
    originRef: '衡领批〔2021〕12号',
    leadUnitId: lead,
    coUnitIds: [co],
    responsibleLeader: '李副县长',
    startDate: day(-10),
    deadline: day(20),
    milestones: [{ title: '完成排查', dueDate: day(0) }],
    ...over,
  });

const step = (c: Client, id: number, body: object) => c.post(`/api/tasks/${id}/actions`, body);

/** A task of 衡阳县 helped by ZH01, walked to `status` (in progress unless told) by the roles whose steps they are. */
const task = async (over: object = {}, opts: { status?: 'issued' | 'in_progress'; progress?: number } = {}) =>
  (await makeTask(t, { leadUnitId: lead, coUnitIds: [co], ...over }, { status: 'in_progress', ...opts })).id;

/** The supervision settings changed for the length of `fn`, then put back as they were. */
async function withSettings(change: object, fn: () => Promise<void>): Promise<void> {
  const now = json<{ flow: object; lights: object }>(await supervisor.get('/api/supervision/settings'));
  const before = { ...now.flow, ...now.lights };
  const put = await supervisor.request('PUT', '/api/supervision/settings', { ...before, ...change });
  expect(put.statusCode, put.body).toBe(200);
  try {
    await fn();
  } finally {
    await supervisor.request('PUT', '/api/supervision/settings', before);
  }
}

/** As if the lead unit had signed for the task `days` ago (the steps' own times are the server's). */
const signedDaysAgo = (id: number, days: number) =>
  t.db.query(`update task_events set created_at = now() - make_interval(days => $2) where task_id = $1 and to_status = 'in_progress'`, [id, days]);

describe('supervised tasks', () => {
  it('are registered with a named responsible leader; a deadline before the start is refused, naming the field', async () => {
    const bad = await newTask({ deadline: day(-20) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('deadline');
    expect((await newTask({ leadUnitId: co, coUnitIds: [co] })).statusCode).toBe(400);
    const res = await newTask();
    const office = await login(t.app, 'office');
    expect((await office.post('/api/tasks', { title: '会议决定事项', source: 'meeting', leadUnitId: lead, responsibleLeader: '王主任', startDate: day(0), deadline: day(1) })).statusCode).toBe(403);
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Task>(res)).toMatchObject({ status: 'draft', light: { light: null } });
  });

  it('go through 立项 → 审核 → 下发 → 签收 → 办理 → 反馈 → 复核 (returned with a reason) → 办结销号, each step by its role', async () => {
    const { id } = json<Task>(await newTask());
    expect((await step(head, id, { action: 'submit' })).statusCode).toBe(403);
    expect(json<Task>(await step(supervisor, id, { action: 'submit' })).status).toBe('review');
    expect((await step(supervisor, id, { action: 'approve' })).statusCode).toBe(403);
    expect(json<Task>(await step(leader, id, { action: 'approve', note: '同意' })).status).toBe('issued');
    expect((await step(await login(t.app, 'ZH01-head'), id, { action: 'sign' })).statusCode).toBe(403); // a co-unit does not sign for the lead
    const signed = json<Task>(await step(reporter, id, { action: 'sign' }));
    expect(signed.status).toBe('in_progress');
    const noProgress = await step(reporter, id, { action: 'report', note: '已完成排查' });
    expect(noProgress.statusCode).toBe(400);
    expect(json<Task>(await step(reporter, id, { action: 'report', note: '12 处已完成 5 处', progress: 42 })).status).toBe('in_progress');
    expect((await step(reporter, id, { action: 'feedback' })).statusCode).toBe(403); // only the head reports completion
    expect(json<Task>(await step(head, id, { action: 'feedback', note: '全部完成，附验收照片' })).status).toBe('feedback');
    const noReason = await step(supervisor, id, { action: 'return' });
    expect(noReason.statusCode).toBe(400);
    const returned = json<Task>(await step(supervisor, id, { action: 'return', note: '缺少第三方验收意见' }));
    expect(returned).toMatchObject({ status: 'in_progress', returned: true, light: { light: 'yellow', reason: '因质量问题被退回，尚未整改' } });
    expect(json<Task>(await step(head, id, { action: 'feedback', note: '补充第三方验收意见' })).status).toBe('feedback');
    const closed = json<Task>(await step(supervisor, id, { action: 'accept', note: '销号' }));
    expect(closed).toMatchObject({ status: 'closed', light: { light: null } });
    expectRefused(await step(supervisor, id, { action: 'accept' }), 'TRANSITION_NOT_ALLOWED');
    expect(json<Task>(await step(supervisor, id, { action: 'reopen', note: '群众反映仍有积水' })).status).toBe('in_progress');
    const detail = json<Task>(await supervisor.get(`/api/tasks/${id}`));
    expect(detail.events.map((e) => e.action)).toEqual(['submit', 'approve', 'sign', 'report', 'feedback', 'return', 'feedback', 'accept', 'reopen']);
    expect(detail.events.find((e) => e.action === 'return')!.note).toBe('缺少第三方验收意见');
    const audit = await t.db.query<{ action: string }>(`select action from audit_log where entity = 'task' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.map((a) => a.action)).toEqual(['task.create', ...detail.events.map((e) => `task.${e.action}`)]);
  });

  it('skip the leader review and signing when the office switches them off', async () => {
    expect((await (await login(t.app, 'office')).request('PUT', '/api/supervision/settings', { leaderReview: false, signFor: false, blueDays: 3, lagTolerance: 0, graceDays: 3 })).statusCode).toBe(403);
    await withSettings({ leaderReview: false, signFor: false }, async () => {
      const { id } = json<Task>(await newTask());
      expect(json<Task>(await step(supervisor, id, { action: 'submit' })).status).toBe('in_progress');
    });
  });

  it('show lights on the list, with counts; a red item without corrective action raises an alert', async () => {
    const green = await task({ title: '绿灯事项' }, { progress: 60 });
    const yellow = await task({ title: '黄灯事项' }, { progress: 5 });
    await signedDaysAgo(yellow, 10);
    const blue = await task({ title: '蓝灯事项', startDate: day(-30), deadline: day(2) }, { progress: 99 });
    const red = await task({ title: '红灯事项', startDate: day(-30), deadline: day(-2), milestones: [] });
    const list = json<{ items: { id: number; light: { light: string; alert: boolean } }[]; counts: Record<string, number> }>(await supervisor.get('/api/tasks'));
    const light = (id: number) => list.items.find((i) => i.id === id)!.light;
    expect(light(green).light).toBe('green');
    expect(light(yellow).light).toBe('yellow');
    expect(light(blue).light).toBe('blue');
    expect(light(red)).toEqual(expect.objectContaining({ light: 'red', alert: true }));
    expect(list.counts.red).toBeGreaterThanOrEqual(1);
    await step(reporter, red, { action: 'report', progress: 70, note: '已加派人手，整改中' });
    expect(json<{ light: { alert: boolean } }>(await supervisor.get(`/api/tasks/${red}`)).light.alert).toBe(false);
    const reds = json<{ items: { id: number }[] }>(await supervisor.get('/api/tasks?light=red'));
    expect(reds.items.map((i) => i.id)).toContain(red);
  });

  it('start 时序进度 when the unit signs for the task, and light yellow for lagging only after the grace in working days', async () => {
    const issueAndSign = async (over: object) => {
      const id = await task(over, { status: 'issued' });
      expect(json<Task>(await supervisor.get(`/api/tasks/${id}`)).light.light).toBe('green'); // issued, not yet signed for: nothing is expected
      await advanceTask(t, { id }, 'in_progress');
      return id;
    };
    // Issued and signed today with nothing done yet: not behind anything.
    const today = await issueAndSign({ title: '今日下发事项', startDate: day(0), deadline: day(20) });
    expect(json<Task>(await supervisor.get(`/api/tasks/${today}`)).light).toMatchObject({ light: 'green', reason: '正常推进' });
    // Signed for 20 days ago, due in 20 days, nothing done: the grace is long over and half the time is gone.
    const late = await issueAndSign({ title: '签收后滞后事项', startDate: day(-20), deadline: day(20) });
    await signedDaysAgo(late, 20);
    const light = json<Task>(await supervisor.get(`/api/tasks/${late}`)).light;
    expect(light.light).toBe('yellow');
    expect(light.reason).toMatch(/^完成 0%，落后于时序进度 (49|50|51)%$/);
    // The same task read in English.
    const english = json<Task>(await supervisor.request('GET', `/api/tasks/${late}`, undefined, { 'accept-language': 'en-US' })).light;
    expect(english.reason).toMatch(/^0% done, behind the schedule's (49|50|51)%$/);
    // A longer grace keeps it green; the setting is the supervision office's.
    await withSettings({ graceDays: 30 }, async () => {
      expect(json<Task>(await supervisor.get(`/api/tasks/${late}`)).light.light).toBe('green');
    });
    const settings = { leaderReview: true, signFor: true, blueDays: 3, lagTolerance: 0 };
    expect((await supervisor.request('PUT', '/api/supervision/settings', { ...settings, graceDays: 31 })).statusCode).toBe(400);
  });

  it('are seen by a unit only when it leads or helps', async () => {
    const helped = await task({}, { status: 'issued' });
    const alone = await task({ coUnitIds: [] }, { status: 'issued' });
    type Listed = { items: { id: number; leadUnit: { id: number }; coUnits: { id: number }[] }[] };
    const involves = (unit: number) => (i: Listed['items'][number]) => i.leadUnit.id === unit || i.coUnits.some((c) => c.id === unit);
    const mine = json<Listed>(await head.get('/api/tasks')).items;
    expect(mine.map((i) => i.id)).toEqual(expect.arrayContaining([helped, alone]));
    expect(mine.every(involves(lead))).toBe(true);
    const helper = json<Listed>(await (await login(t.app, 'ZH01-head')).get('/api/tasks')).items;
    expect(helper.map((i) => i.id)).toContain(helped);
    expect(helper.map((i) => i.id)).not.toContain(alone);
    expect(helper.every(involves(co))).toBe(true);
    expect((await (await login(t.app, 'ZH01-head')).get(`/api/tasks/${alone}`)).statusCode).toBe(403);
    const stranger = await login(t.app, 'SF01-head');
    expect(json<{ items: unknown[] }>(await stranger.get('/api/tasks')).items).toEqual([]);
    expect((await stranger.get(`/api/tasks/${helped}`)).statusCode).toBe(403);
  });
});

describe('evidence of progress reports', () => {
  /** A task issued and signed for: the lead unit is at work on it. */
  const working = (over: object = {}) => task(over);

  it('are uploaded by the unit, cited by a report or feedback, and downloaded by whoever may read the task', async () => {
    const id = await working();
    const photo = await upload(reporter, id, PNG, 'image/png', '整治前后对比.png');
    expect(photo.statusCode, photo.body).toBe(201);
    const pdf = await upload(head, id, PDF, 'application/octet-stream', '验收报告.pdf');
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(json<{ mime: string }>(pdf).mime).toBe('application/pdf');
    const photoId = json<{ id: number }>(photo).id;
    const pdfId = json<{ id: number }>(pdf).id;

    // Only what the author uploaded to this task can be cited, and only by a report or feedback.
    expect((await step(reporter, id, { action: 'report', progress: 40, note: '完成 5 处', evidenceIds: [pdfId] })).statusCode).toBe(400);
    const reported = json<Task>(await step(reporter, id, { action: 'report', progress: 40, note: '完成 5 处', evidenceIds: [photoId] }));
    const report = reported.events.find((e) => e.action === 'report')!;
    expect(report).toMatchObject({ progress: 40, evidence: [{ id: photoId, filename: '整治前后对比.png', mime: 'image/png', size: PNG.length }] });
    // A file cited once is not cited again.
    const again = await step(reporter, id, { action: 'report', progress: 50, evidenceIds: [photoId] });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('evidenceIds');

    const fed = json<Task>(await step(head, id, { action: 'feedback', note: '全部完成', evidenceIds: [pdfId] }));
    expect(fed.events.find((e) => e.action === 'feedback')!.evidence.map((e) => e.filename)).toEqual(['验收报告.pdf']);

    // Downloads: the task's readers, not a stranger.
    const file = await supervisor.get(`/api/tasks/${id}/evidence/${photoId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('整治前后对比.png'));
    expect(file.headers['cache-control']).toBe('no-store');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await (await login(t.app, 'ZH01-head')).get(`/api/tasks/${id}/evidence/${pdfId}`)).statusCode).toBe(200);
    expect((await (await login(t.app, 'SF01-head')).get(`/api/tasks/${id}/evidence/${pdfId}`)).statusCode).toBe(403);
    expect((await supervisor.get(`/api/tasks/${id}/evidence/999999`)).statusCode).toBe(404);

    // Files are kept once by content; every upload is audited.
    const [{ n }] = (await t.db.query<{ n: number }>(`select count(*)::int as n from stored_files where sha256 = encode(sha256($1::bytea), 'hex')`, [PNG])) as [{ n: number }];
    expect(n).toBe(1);
    const audit = await t.db.query<{ action: string }>(`select action from audit_log where entity = 'task' and entity_id = $1 and action = 'task.evidence'`, [String(id)]);
    expect(audit).toHaveLength(2);
  });

  it('refuse the wrong type, a mislabelled file, an empty one, and uploads outside the work', async () => {
    const id = await working();
    const exe = await upload(reporter, id, Buffer.from('MZ\x90\x00', 'latin1'), 'application/octet-stream', 'virus.exe');
    expect(exe.statusCode).toBe(415);
    expect(exe.body).toContain('PDF');
    expect((await upload(reporter, id, PDF, 'image/png')).statusCode).toBe(415);
    expect((await upload(reporter, id, Buffer.from('<html>', 'latin1'), 'text/html')).statusCode).toBe(415);
    expect((await upload(reporter, id, Buffer.alloc(0), 'image/png')).statusCode).toBe(400);
    const video = await upload(reporter, id, Buffer.from('000000186674797069736f6d', 'hex'), 'video/mp4');
    expect(video.statusCode).toBe(415);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(reporter, id, big, 'application/pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('10 MB');
    // The supervision office does not upload a unit's evidence; a stranger cannot; a closed task takes none.
    expect((await upload(supervisor, id, PNG, 'image/png')).statusCode).toBe(403);
    expect((await upload(await login(t.app, 'SF01-head'), id, PNG, 'image/png')).statusCode).toBe(403);
    const draft = json<Task>(await newTask());
    expectRefused(await upload(reporter, draft.id, PNG, 'image/png'), 'TRANSITION_NOT_ALLOWED');
    expect((await t.app.inject({ method: 'POST', url: `/api/tasks/${id}/evidence`, payload: PNG, headers: { 'content-type': 'image/png' } })).statusCode).toBe(401);
  });
});

describe('the task export', () => {
  it('is the filtered list as Excel, each light a coloured cell named 绿灯/蓝灯/黄灯/红灯', async () => {
    const make = (title: string, over: object, progress?: number) =>
      task({ title, source: 'meeting', originRef: '专题会议纪要〔2021〕3号', ...over }, progress === undefined ? {} : { progress });
    await make('导出绿灯事项', {}, 80);
    await make('导出红灯事项', { startDate: day(-30), deadline: day(-1), milestones: [] });
    const res = await supervisor.get('/api/tasks/export.xlsx?source=meeting');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('督办事项'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header).toEqual(expect.arrayContaining(['亮灯', '督办事项', '来源', '牵头单位', '责任领导', '办理期限', '状态']));
    const col = (name: string) => header.indexOf(name) + 1;
    const rows: Record<string, ExcelJS.Row> = {};
    ws.eachRow((r, n) => {
      if (n > 1) rows[String(r.getCell(col('督办事项')).value)] = r;
    });
    const listed = json<{ items: { title: string }[] }>(await supervisor.get('/api/tasks?source=meeting')).items;
    expect(Object.keys(rows).sort()).toEqual(listed.map((i) => i.title).sort());
    const green = rows['导出绿灯事项']!;
    const red = rows['导出红灯事项']!;
    expect(green.getCell(col('亮灯')).value).toBe('绿灯');
    expect((green.getCell(col('亮灯')).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF52C41A');
    expect(red.getCell(col('亮灯')).value).toBe('红灯');
    expect((red.getCell(col('亮灯')).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF5222D');
    expect(red.getCell(col('来源')).value).toBe('会议决定');
    expect(red.getCell(col('牵头单位')).value).toBe('衡阳县');
    expect(red.getCell(col('责任领导')).value).toBe('李副县长');
    // A date cell, holding the calendar date itself.
    expect(red.getCell(col('办理期限')).value).toEqual(new Date(`${day(-1)}T00:00:00Z`));
    expect(red.getCell(col('状态')).value).toBe('办理中');

    // The same filters as the list: only the red ones, only a unit's own.
    const reds = new ExcelJS.Workbook();
    await reds.xlsx.load((await supervisor.get('/api/tasks/export.xlsx?light=red&q=导出')).rawPayload as unknown as ArrayBuffer);
    const titles: unknown[] = [];
    reds.worksheets[0]!.eachRow((r, n) => n > 1 && titles.push(r.getCell(col('督办事项')).value));
    expect(titles).toEqual(['导出红灯事项']);
    const stranger = new ExcelJS.Workbook();
    await stranger.xlsx.load((await (await login(t.app, 'SF01-head')).get('/api/tasks/export.xlsx')).rawPayload as unknown as ArrayBuffer);
    expect(stranger.worksheets[0]!.rowCount).toBe(1);
    expect((await supervisor.get('/api/tasks/export.xlsx?light=purple')).statusCode).toBe(400);
  });

  it('filters the list by lead unit and by words of the title', async () => {
    const n = unique();
    const theirs = await task({ title: `配合单位牵头的事项${n}号`, leadUnitId: co, coUnitIds: [] }, { status: 'issued' });
    const ours = await task({ title: `本单位牵头的事项${n}号` }, { status: 'issued' });
    const led = json<{ items: { id: number; title: string; leadUnit: { id: number } }[] }>(await supervisor.get(`/api/tasks?leadUnitId=${co}`)).items;
    expect(led.map((i) => i.id)).toContain(theirs);
    expect(led.map((i) => i.id)).not.toContain(ours);
    expect(led.every((i) => i.leadUnit.id === co)).toBe(true);
    const found = json<{ items: { title: string }[] }>(await supervisor.get(`/api/tasks?q=${encodeURIComponent(`单位牵头的事项${n}`)}`)).items;
    expect(found.map((i) => i.title).sort()).toEqual([`本单位牵头的事项${n}号`, `配合单位牵头的事项${n}号`].sort());
    const exact = json<{ items: { title: string }[] }>(await supervisor.get(`/api/tasks?q=${encodeURIComponent(`配合单位牵头的事项${n}`)}`)).items;
    expect(exact.map((i) => i.title)).toEqual([`配合单位牵头的事项${n}号`]);
    expect(json<{ items: unknown[] }>(await supervisor.get(`/api/tasks?q=${encodeURIComponent('%')}`)).items).toEqual([]);
  });
});
