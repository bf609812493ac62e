import type { MeetingDetail, MeetingLeaderOptions, TaskDetailDto, TaskDto } from '@kaoping/shared';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFinding, makeSuggestion } from './factories.js';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

/**
 * The review meeting (点评会) on the Hengyang demo: the office sets it up with five presenters,
 * freezes their material, records comments, turns one into a supervised task with the commenting
 * leader responsible, issues the minutes; the next meeting's material reports that task and its light.
 */

let t: TestApp;
let office: Client;
let leader: Client;
let leaderId: number;
const unit: Record<string, number> = {};
const PRESENTERS = ['430421', '430482', '430405', 'YQ02', 'YQ03'];

beforeAll(async () => {
  t = await buildTestApp({ assessment: true });
  office = await login(t.app, 'office');
  leader = await login(t.app, 'leader');
  for (const code of [...PRESENTERS, '430423', 'ZH01']) unit[code] = await unitId(t.db, code);
  const options = (await office.get('/api/meetings/leaders')).json() as MeetingLeaderOptions;
  leaderId = options.items.find((u) => u.role === 'leader')!.userId;
});
afterAll(async () => t.close());

/** A day counted from today in Hengyang, as the demo's open tasks are. */
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

const meetingBody = (title: string, heldOn: string, presenters = PRESENTERS) => ({
  kind: 'development',
  title,
  heldOn,
  venue: '市委常委会议室',
  videoNote: '视频连线至各县市区分会场',
  leaderUserIds: [leaderId],
  presenters: presenters.map((code, i) => ({ unitId: unit[code], minutes: 8 + i })),
});

/**
 * A meeting set up by the office and its material prepared. A unit's material looks back at the
 * last meeting it presented at before this one, so each test holds its meetings on days of its own
 * (the material test on the earliest: today).
 */
async function preparedMeeting(title: string, heldOn: string, presenters = PRESENTERS): Promise<MeetingDetail> {
  const res = await office.post('/api/meetings', meetingBody(title, heldOn, presenters));
  expect(res.statusCode, res.body).toBe(201);
  const prepared = await office.post(`/api/meetings/${(res.json() as MeetingDetail).id}/prepare`);
  expect(prepared.statusCode, prepared.body).toBe(200);
  return prepared.json() as MeetingDetail;
}

/** A prepared meeting with a leader's comment and a commitment on 衡阳县, the comment made a task. */
async function meetingWithTask(title: string, heldOn: string): Promise<{ meeting: MeetingDetail; taskId: number }> {
  const meeting = await preparedMeeting(title, heldOn);
  const presenterId = meeting.presenters[0]!.id;
  const commented = await office.post(`/api/meetings/${meeting.id}/comments`, { presenterId, kind: 'comment', leaderUserId: leaderId, body: '招商引资落后于时序进度，要在一季度补齐短板。' });
  expect(commented.statusCode, commented.body).toBe(201);
  const committed = await office.post(`/api/meetings/${meeting.id}/comments`, { presenterId, kind: 'commitment', speaker: '衡阳县县长', body: '一个月内完成西渡镇公厕整改。' });
  expect(committed.statusCode, committed.body).toBe(201);
  const comment = (committed.json() as MeetingDetail).comments.find((c) => c.kind === 'comment')!;
  const made = await office.post(`/api/meetings/${meeting.id}/comments/${comment.id}/task`, {});
  expect(made.statusCode, made.body).toBe(201);
  return { meeting: (await office.get(`/api/meetings/${meeting.id}`)).json() as MeetingDetail, taskId: (made.json() as TaskDto).id };
}

/** The minutes numbers the office has issued in a year. */
const minutesOf = async (year: string) =>
  ((await office.get('/api/meetings')).json() as { items: { minutesNo: string | null }[] }).items.filter((m) => m.minutesNo?.includes(`〔${year}〕`)).length;

/** pdftotext (poppler-utils) on a PDF answer; DOC_SCREENSHOTS=docs/screenshots also keeps page 1 as PNG. */
async function pdfText(buf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kaoping-minutes-'));
  const file = join(dir, 'minutes.pdf');
  await writeFile(file, buf);
  const tool = (cmd: string, args: string[]) =>
    promisify(execFile)(cmd, args).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new Error(`${cmd} is not installed: apt-get install -y poppler-utils`) : err;
    });
  try {
    if (process.env.DOC_SCREENSHOTS) {
      await mkdir(process.env.DOC_SCREENSHOTS, { recursive: true });
      await tool('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', '-singlefile', file, join(process.env.DOC_SCREENSHOTS, 'document-minutes')]);
    }
    return (await tool('pdftotext', ['-layout', file, '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
}

describe('a review meeting from preparation to the next meeting', () => {
  it('is set up by the office with its presenters in order; leaders read it, units do not before the minutes, leaders cannot change it', async () => {
    const res = await office.post('/api/meetings', meetingBody('第六次高质量发展点评会', day(1)));
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json() as MeetingDetail;
    expect(first.presenters.map((p) => p.unit.code)).toEqual(PRESENTERS);
    expect(first.presenters.map((p) => p.minutes)).toEqual([8, 9, 10, 11, 12]);
    expect(first.leaders).toHaveLength(1);
    expect(first.status).toBe('draft');
    expect((await leader.get(`/api/meetings/${first.id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/meetings', meetingBody('领导自建', day(1)))).statusCode).toBe(403);
    const reporter = await login(t.app, '430421-reporter');
    expect(((await reporter.get('/api/meetings')).json() as { items: { id: number }[] }).items.map((m) => m.id)).not.toContain(first.id);
    expect((await reporter.get(`/api/meetings/${first.id}`)).statusCode).toBe(403);
    expect((await reporter.get(`/api/meetings/${first.id}/minutes?format=docx`)).statusCode).toBe(403);
  });

  it('refuses a unit that presents twice and a leader who is not a leader account, saying why', async () => {
    const twice = meetingBody('重复', day(1));
    twice.presenters.push({ unitId: unit['430421']!, minutes: 5 });
    const res = await office.post('/api/meetings', twice);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('同一单位不能重复汇报');
    const reporterId = (await t.db.query<{ id: number }>("select id from users where username = '430421-reporter'"))[0]!.id;
    const bad = await office.post('/api/meetings', { ...meetingBody('错误领导', day(1)), leaderUserIds: [reporterId] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('出席领导');
  });

  it("freezes each presenter's material: rank, lagging indicators, task lights with leaders, problems, findings", async () => {
    const first = await preparedMeeting('第六次高质量发展点评会', day(0));
    expect(first.status).toBe('prepared');
    const hy = first.presenters[0]!.material!;
    expect(hy.unit.name).toBe('衡阳县');
    expect(hy.score!.rank).toBeGreaterThanOrEqual(1);
    expect(hy.score!.groupSize).toBe(7);
    expect(hy.score!.runAsOf).toBe('2021-12-31');
    // The rank is the scorecard's: the scores module's own answer for the same run.
    const card = (await office.get(`/api/runs/${hy.score!.runId}/units/${unit['430421']}`)).json() as { unit: { rank: number; total: number } };
    expect(hy.score!.rank).toBe(card.unit.rank);
    // Compared with the run before (no earlier meeting).
    expect(hy.score!.previous?.basis).toMatch(/上次计分/);
    // Lights of 衡阳县's tasks as the task list counts them.
    const list = (await office.get(`/api/tasks?leadUnitId=${unit['430421']}`)).json() as { counts: Record<string, number> };
    expect(hy.tasks.counts).toEqual(list.counts);
    for (const item of hy.tasks.attention) {
      expect(['red', 'yellow']).toContain(item.light);
      expect(item.leader.length).toBeGreaterThan(1);
    }
    // The latest findings of 衡阳县, as the inspections map lists them.
    const map = (await office.get(`/api/inspections/map?unitId=${unit['430421']}`)).json() as { items: { id: number }[] };
    expect(hy.findings).toHaveLength(Math.min(6, map.items.length));
    for (const f of hy.findings) expect(map.items.map((x) => x.id)).toContain(f.id);
    expect(hy.previous).toBeNull();
    // The material is frozen: a later task for 衡阳县 does not change it until prepared again.
    const before = JSON.stringify(hy);
    const again = (await office.get(`/api/meetings/${first.id}`)).json() as MeetingDetail;
    expect(JSON.stringify(again.presenters[0]!.material)).toBe(before);
  });

  it('records two comments on 衡阳县 and turns one into a task for 衡阳县 with the commenting leader', async () => {
    const first = await preparedMeeting('第六次高质量发展点评会', day(2));
    const hyPresenter = first.presenters[0]!.id;
    let res = await office.post(`/api/meetings/${first.id}/comments`, { presenterId: hyPresenter, kind: 'comment', leaderUserId: leaderId, body: '招商引资落后于时序进度，要在一季度补齐短板。' });
    expect(res.statusCode, res.body).toBe(201);
    res = await office.post(`/api/meetings/${first.id}/comments`, { presenterId: hyPresenter, kind: 'commitment', speaker: '衡阳县县长', body: '一个月内完成西渡镇公厕整改。' });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json() as MeetingDetail;
    expect(m.comments).toHaveLength(2);
    const comment = m.comments.find((c) => c.kind === 'comment')!;
    expect(comment.speaker).toBe(first.leaders[0]!.name);

    const made = await office.post(`/api/meetings/${first.id}/comments/${comment.id}/task`, {});
    expect(made.statusCode, made.body).toBe(201);
    const task = made.json() as TaskDto;
    const taskId = task.id;
    expect(task.leadUnit.id).toBe(unit['430421']);
    expect(task.responsibleLeaderUserId).toBe(leaderId);
    expect(task.responsibleLeader).toBe(first.leaders[0]!.name);
    expect(task.source).toBe('meeting');
    expect(task.origin).toMatchObject({ kind: 'meeting_comment', id: comment.id, meetingId: first.id });
    // The default deadline: 30 days from the start.
    expect((Date.parse(task.deadline) - Date.parse(task.startDate)) / 86_400_000).toBe(30);
    // Linked both ways: the meeting shows the task on the comment.
    const after = (await office.get(`/api/meetings/${first.id}`)).json() as MeetingDetail;
    expect(after.comments.find((c) => c.id === comment.id)!.task?.id).toBe(taskId);
    expect(after.taskCount).toBe(1);
    // A comment recorded by mistake can be deleted; one that is a task cannot.
    const extra = (await office.post(`/api/meetings/${first.id}/comments`, { presenterId: hyPresenter, kind: 'comment', leaderUserId: leaderId, body: '记错了的意见。' })).json() as MeetingDetail;
    const mistaken = extra.comments.find((c) => c.body === '记错了的意见。')!;
    const deleted = await office.del(`/api/meetings/${first.id}/comments/${mistaken.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((deleted.json() as MeetingDetail).comments).toHaveLength(2);
    expectRefused(await office.del(`/api/meetings/${first.id}/comments/${comment.id}`), 'IN_USE');
    // Once only.
    const twice = await office.post(`/api/meetings/${first.id}/comments/${comment.id}/task`, {});
    expectRefused(twice, 'ALREADY_DONE');
    // Audited with its origin.
    const [audit] = await t.db.query<{ after: { origin: { kind: string } } }>("select after from audit_log where action = 'task.create' and entity_id = $1", [String(taskId)]);
    expect(audit!.after.origin.kind).toBe('meeting_comment');
  });

  it('gives the minutes as .docx in the 纪要 form: attendance, comments per presenter, 议定事项 with the task number', async () => {
    const { meeting: first, taskId } = await meetingWithTask('第六次高质量发展点评会', day(3));
    const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
    const issuedBefore = await minutesOf(year);
    const draft = await office.get(`/api/meetings/${first.id}/minutes?format=docx`);
    expect(draft.statusCode).toBe(200);
    const issued = await office.post(`/api/meetings/${first.id}/minutes`);
    expect(issued.statusCode, issued.body).toBe(200);
    const m = issued.json() as MeetingDetail;
    // Numbered on from the year's last minutes: 1号 for the year's first.
    expect(m.minutesNo).toBe(`衡点评纪〔${year}〕${issuedBefore + 1}号`);
    expect(m.status).toBe('held');
    const res = await office.get(`/api/meetings/${first.id}/minutes?format=docx`);
    const text = await docxText(res.rawPayload);
    expect(text).toContain('高质量发展点评会会议纪要');
    expect(text).toContain(m.minutesNo!);
    expect(text).toContain('一、衡阳县');
    expect(text).toContain('招商引资落后于时序进度');
    expect(text).toContain('表态承诺：衡阳县县长表示，一个月内完成西渡镇公厕整改。');
    expect(text).toContain('议定事项');
    expect(text).toContain(`督办编号 ${taskId}`);
    expect(text).toMatch(/出席：.*/);
    expect(text).toContain('列席：');
    // The PDF is the same document, converted by LibreOffice.
    const pdf = await office.get(`/api/meetings/${first.id}/minutes?format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const flat = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    expect(flat).toContain('高质量发展点评会会议纪要');
    expect(flat).toContain(m.minutesNo!);
    expect(flat).toContain('议定事项');
    expect(flat).toContain(`督办编号${taskId}`);
    // Issued minutes close the meeting to edits.
    expectRefused(await office.post(`/api/meetings/${first.id}/comments`, { presenterId: first.presenters[0]!.id, kind: 'comment', leaderUserId: leaderId, body: '补充意见。' }), 'FROZEN');
  });

  it('delivers the issued minutes to the presenting units like a bulletin: inbox, 签收 with time, the office sees who has not signed and reminds them', async () => {
    // 衡山县 presents at no other meeting of these tests: what its people see is this meeting's alone.
    const presenters = ['430423', '430482', '430405', 'YQ02', 'YQ03'];
    const first = await preparedMeeting('第八次高质量发展点评会', day(4), presenters);
    expect((await office.post(`/api/meetings/${first.id}/minutes`)).statusCode).toBe(200);
    const no = (await office.get(`/api/meetings/${first.id}`)).json() as MeetingDetail;
    // Every presenting unit has a receipt, none signed yet; the office may remind.
    expect(no.receipts.map((r) => r.unit.code).sort()).toEqual([...presenters].sort());
    expect(no.receipts.every((r) => r.signedAt === null && r.deliveredAt)).toBe(true);
    expect(no.can).toEqual({ sign: false, remind: true });

    // 衡山县's reporter finds it in the inbox, reads the meeting and the minutes, and sees only the own receipt.
    const reporter = await login(t.app, '430423-reporter');
    const inbox = (await reporter.get('/api/inbox')).json() as { items: { title: string; kind: string }[] };
    expect(inbox.items.some((i) => i.kind === 'minutes_issued' && i.title.includes(no.minutesNo!))).toBe(true);
    expect(((await reporter.get('/api/meetings')).json() as { items: { id: number }[] }).items.map((m) => m.id)).toEqual([first.id]);
    const seen = (await reporter.get(`/api/meetings/${first.id}`)).json() as MeetingDetail;
    expect(seen.receipts.map((r) => r.unit.code)).toEqual(['430423']);
    expect(seen.ownSignedAt).toBeNull();
    expect(seen.can).toEqual({ sign: true, remind: false });
    expect(seen.canManage).toBe(false);
    expect((await reporter.get(`/api/meetings/${first.id}/minutes?format=docx`)).statusCode).toBe(200);
    // A unit that did not present neither reads nor signs; a unit cannot remind.
    const other = await login(t.app, '430422-head');
    expect((await other.get(`/api/meetings/${first.id}`)).statusCode).toBe(403);
    expect((await other.post(`/api/meetings/${first.id}/minutes/sign`)).statusCode).toBe(403);
    expect((await reporter.post(`/api/meetings/${first.id}/minutes/remind`, {})).statusCode).toBe(403);

    // 衡山县 signs, with time and signer, once.
    const before = Date.now();
    const signed = await reporter.post(`/api/meetings/${first.id}/minutes/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    const own = (signed.json() as MeetingDetail).receipts[0]!;
    expect(new Date(own.signedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(own.signedBy).toBeTruthy();
    expect((signed.json() as MeetingDetail).can.sign).toBe(false);
    expectRefused(await reporter.post(`/api/meetings/${first.id}/minutes/sign`), 'ALREADY_DONE');
    const [audit] = await t.db.query<{ unit_id: number }>("select unit_id from audit_log where action = 'meeting.minutes_sign' and entity_id = $1", [String(first.id)]);
    expect(audit!.unit_id).toBe(unit['430423']);

    // The office sees who has not signed (the other four) and reminds them in their inbox.
    const after = (await office.get(`/api/meetings/${first.id}`)).json() as MeetingDetail;
    expect(after.receipts.filter((r) => !r.signedAt).map((r) => r.unit.code).sort()).toEqual(presenters.filter((c) => c !== '430423').sort());
    expect(after.receipts.find((r) => r.unit.code === '430423')!.signedAt).toBe(own.signedAt);
    const reminded = await office.post(`/api/meetings/${first.id}/minutes/remind`, {});
    expect(reminded.json()).toEqual({ reminded: 4 });
    const late = await login(t.app, '430482-head');
    const lateInbox = (await late.get('/api/inbox')).json() as { items: { title: string; kind: string }[] };
    expect(lateInbox.items[0]).toMatchObject({ kind: 'minutes_unsigned' });
    expect(lateInbox.items[0]!.title).toContain('【签收提醒】');
    expect(((await reporter.get('/api/inbox')).json() as { items: { kind: string }[] }).items.some((i) => i.kind === 'minutes_unsigned')).toBe(false);
    const counted = (await office.get(`/api/meetings/${first.id}`)).json() as MeetingDetail;
    expect(counted.receipts.find((r) => r.unit.code === '430482')).toMatchObject({ reminders: 1 });
    expect(counted.receipts.find((r) => r.unit.code === '430423')).toMatchObject({ reminders: 0 });
    const [remindAudit] = await t.db.query<{ after: { units: number[] } }>("select after from audit_log where action = 'meeting.minutes_remind' and entity_id = $1", [String(first.id)]);
    expect(remindAudit!.after.units).toHaveLength(4);
  });

  it("shows the task and its light in the next meeting's material of 衡阳县 (上次点评问题整改情况)", async () => {
    const { meeting: first, taskId } = await meetingWithTask('第六次高质量发展点评会', day(30));
    const res = await office.post('/api/meetings', meetingBody('第七次高质量发展点评会', day(60)));
    const next = res.json() as MeetingDetail;
    const prepared = (await office.post(`/api/meetings/${next.id}/prepare`)).json() as MeetingDetail;
    const hy = prepared.presenters[0]!.material!;
    expect(hy.previous?.meetingId).toBe(first.id);
    const task = (await office.get(`/api/tasks/${taskId}`)).json() as TaskDetailDto;
    expect(hy.previous!.tasks).toHaveLength(1);
    expect(hy.previous!.tasks[0]).toMatchObject({ id: taskId, leader: task.responsibleLeader });
    expect(hy.previous!.tasks[0]!.status).toBe(task.statusLabel);
    // Units that got nothing from the last meeting show an empty list, not someone else's tasks.
    expect(prepared.presenters[1]!.material!.previous!.tasks).toEqual([]);
  });
});

describe('one step to a task from a ranking row, a lag row, a finding and a suggestion', () => {
  it('makes each into a task led by its unit and linked to its origin', async () => {
    const sup = await login(t.app, 'supervisor');
    const [run] = await t.db.query<{ id: number }>('select id from score_runs order by as_of desc, id desc limit 1');
    const hy = unit['430421']!;
    const ranking = await sup.post('/api/tasks/from-origin', { origin: { kind: 'ranking', id: run!.id, unitId: hy }, responsibleLeaderUserId: leaderId });
    expect(ranking.statusCode, ranking.body).toBe(201);
    expect((ranking.json() as TaskDto).title).toMatch(/^衡阳县：提升考评排名（组内第 \d+ 名）$/);
    expect((ranking.json() as TaskDto).origin).toMatchObject({ kind: 'ranking', id: run!.id, unitId: hy });

    const progress = (await sup.get(`/api/runs/${run!.id}/progress`)).json() as { rows: { indicatorId: number; unitId: number; lagging: boolean; name: string }[] };
    const lag = progress.rows.find((r) => r.lagging)!;
    const lagTask = await sup.post('/api/tasks/from-origin', { origin: { kind: 'progress', id: run!.id, unitId: lag.unitId, indicatorId: lag.indicatorId }, responsibleLeader: '王副县长' });
    expect(lagTask.statusCode, lagTask.body).toBe(201);
    expect((lagTask.json() as TaskDto).title).toContain(`${lag.name}落后于时序进度`);
    expect((lagTask.json() as TaskDto).leadUnit.id).toBe(lag.unitId);

    const made = await makeFinding(t, { unitId: hy });
    const finding = { id: made.id, unit_id: hy };
    const f = await sup.post('/api/tasks/from-origin', { origin: { kind: 'finding', id: finding!.id }, responsibleLeader: '李副县长' });
    expect(f.statusCode, f.body).toBe(201);
    expect((f.json() as TaskDto).source).toBe('inspection');
    expect((f.json() as TaskDto).leadUnit.id).toBe(finding!.unit_id);
    expectRefused(await sup.post('/api/tasks/from-origin', { origin: { kind: 'finding', id: finding!.id }, responsibleLeader: '李副县长' }), 'ALREADY_DONE');

    const clear = await makeSuggestion(t, { unitId: unit['430482'] }, { category: 'clear' });
    const s = { id: clear.id, unit_id: unit['430482']! };
    const st = await sup.post('/api/tasks/from-origin', { origin: { kind: 'suggestion', id: s!.id }, responsibleLeader: '赵局长' });
    expect(st.statusCode, st.body).toBe(201);
    expect((st.json() as TaskDto).originSuggestionId).toBe(s!.id);
    expect((st.json() as TaskDto).leadUnit.id).toBe(s!.unit_id);

    // Without a leader where the origin names none, it says what to add.
    const none = await sup.post('/api/tasks/from-origin', { origin: { kind: 'ranking', id: run!.id, unitId: hy } });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('责任领导');
    // An origin that does not exist is a 404, not a 500.
    expect((await sup.post('/api/tasks/from-origin', { origin: { kind: 'finding', id: 999999 }, responsibleLeader: '李副县长' })).statusCode).toBe(404);
    // A unit head cannot make tasks.
    const head = await login(t.app, '430421-head');
    expect((await head.post('/api/tasks/from-origin', { origin: { kind: 'finding', id: finding!.id }, responsibleLeader: '李副县长' })).statusCode).toBe(403);
  });

  it('takes the responsible leader as an account on plain task creation, and refuses an unknown account', async () => {
    const sup = await login(t.app, 'supervisor');
    const body = { title: '账号责任领导测试', source: 'instruction', leadUnitId: unit['430421'], startDate: '2021-03-01', deadline: '2099-06-30' };
    const ok = await sup.post('/api/tasks', { ...body, responsibleLeaderUserId: leaderId });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as TaskDto).responsibleLeaderUserId).toBe(leaderId);
    const bad = await sup.post('/api/tasks', { ...body, responsibleLeaderUserId: 999999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('responsibleLeaderUserId');
    const neither = await sup.post('/api/tasks', body);
    expect(neither.statusCode).toBe(400);
    expect(neither.body).toContain('责任领导');
  });
});
