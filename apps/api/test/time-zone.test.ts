import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, withServed, type TestApp } from './helpers.js';

/**
 * Times shown and exported are on the deployment's clock (TIME_ZONE), whatever the server's own
 * zone: the same instants read as China time by default and as UTC where the deployment says so.
 * 16:30 UTC on 5 June 2021 is 00:30 on 6 June in China.
 */

const CLOSED_AT = '2021-06-05T16:30:00Z';
const DAY = 86_400_000;

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;

interface Deployment {
  t: TestApp;
  /** The task closed out at CLOSED_AT, as the export lists it. */
  taskTitle: string;
  campaignId: number;
}

/** One deployment with a closed task, a closed problem and a burst of citizens' answers from one network. */
async function deployment(env: Record<string, string> = {}): Promise<Deployment> {
  const t = await buildTestApp({ env });
  const lead = await unitId(t.db, '430421');
  const taskTitle = '已办结的时区事项';
  await t.db.query(
    `insert into tasks (title, source, lead_unit_id, responsible_leader, start_date, deadline, status, progress, closed_at)
     values ($1, 'instruction', $2, '李副县长', '2021-06-01', '2021-06-30', 'closed', 100, $3)`,
    [taskTitle, lead, CLOSED_AT],
  );
  const [p] = await t.db.query<{ id: number }>(
    `insert into problems (title, source, unit_id, responsible_leader, start_date, deadline, status, closed_at) values ('已销号的时区问题', 'audit', $1, '王副县长', '2021-06-01', '2021-06-30', 'closed', $2) returning id`,
    [lead, CLOSED_AT],
  );
  await t.db.query(`insert into problem_requirements (problem_id, position, text, done) values ($1, 1, '整改', true)`, [p!.id]);

  const office = await login(t.app, 'office');
  const created = await office.post('/api/campaigns', {
    slug: 'zone-2021',
    name: '时区测试',
    year: 2021,
    startsAt: new Date(Date.now() - DAY).toISOString(),
    endsAt: new Date(Date.now() + DAY).toISOString(),
    modes: ['open'],
    unitIds: [lead],
  });
  const campaignId = json<{ id: number }>(created).id;
  await office.post(`/api/campaigns/${campaignId}/open`);
  for (let i = 0; i < 5; i++) {
    const body = await withServed(t.app, 'zone-2021', { verification: { mode: 'open', deviceId: `zone-device-0000000${i}` }, submissionKey: `zone-submission-000${i}`, answers: [{ unitId: lead, answer: 'satisfied' }] });
    const res = await t.app.inject({ method: 'POST', url: '/api/p/zone-2021/responses', payload: body, remoteAddress: '198.51.100.20', headers: { 'user-agent': 'same-phone' } });
    expect(res.statusCode, res.body).toBe(201);
  }
  // One phone's burst at 16:01–16:05 UTC (responses cannot be changed: the test sets its story by hand, bypassing the guard).
  await t.db.query('alter table responses disable trigger user');
  await t.db.query(
    `update responses set device_hash = 'one-phone', submitted_at = timestamptz '2021-06-05T16:01:00Z' + (id % 5) * interval '1 minute' where campaign_id = $1`,
    [campaignId],
  );
  await t.db.query('alter table responses enable trigger user');
  return { t, taskTitle, campaignId };
}

/** The cell of a column in the row whose first text column matches, read back as Excel keeps it. */
async function exported(t: TestApp, url: string, titleColumn: string, title: string, column: string): Promise<ExcelJS.Cell> {
  const res = await (await login(t.app, 'supervisor')).get(url);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((r, n) => {
    if (n > 1 && r.getCell(header.indexOf(titleColumn) + 1).value === title) found = r.getCell(header.indexOf(column) + 1);
  });
  if (!found) throw new Error(`${title} is not in ${url}`);
  return found;
}

describe('the deployment time zone', () => {
  let china: Deployment;
  let utc: Deployment;
  beforeAll(async () => {
    china = await deployment();
    utc = await deployment({ TIME_ZONE: 'UTC' });
  });
  afterAll(async () => {
    await china?.t.close();
    await utc?.t.close();
  });

  it('is told to the pages, Asia/Shanghai unless TIME_ZONE says otherwise', async () => {
    expect(json(await china.t.app.inject({ method: 'GET', url: '/api/deployment' }))).toEqual({ timeZone: 'Asia/Shanghai' });
    expect(json(await utc.t.app.inject({ method: 'GET', url: '/api/deployment' }))).toEqual({ timeZone: 'UTC' });
    expect(json<{ timeZone: string }>(await utc.t.app.inject({ method: 'GET', url: '/api/p/zone-2021' })).timeZone).toBe('UTC');
  });

  it('writes the close-out times of tasks and problems to Excel as dates on its clock', async () => {
    for (const [d, shown] of [
      [china, '2021-06-06T00:30:00.000Z'],
      [utc, '2021-06-05T16:30:00.000Z'],
    ] as const) {
      const task = await exported(d.t, '/api/tasks/export.xlsx', '督办事项', d.taskTitle, '办结时间');
      expect(task.value).toBeInstanceOf(Date);
      // Excel keeps a wall-clock time without a zone: exceljs reads it back with that wall clock in the UTC fields.
      expect((task.value as Date).toISOString()).toBe(shown);
      expect(task.numFmt).toBe('yyyy-mm-dd hh:mm');
      const problem = await exported(d.t, '/api/problems/export.xlsx', '问题', '已销号的时区问题', '销号时间');
      expect((problem.value as Date).toISOString()).toBe(shown);
    }
  });

  it('writes the fraud evidence on its clock, never in UTC unless the deployment is', async () => {
    const evidence = async (d: Deployment) =>
      json<{ items: { kind: string; evidence: string }[] }>(await (await login(d.t.app, 'office')).get(`/api/campaigns/${d.campaignId}/flags`)).items.find((f) => f.kind === 'device-burst')!.evidence;
    expect(await evidence(china)).toBe('同一设备标记在 2021-06-06 00:01 至 00:05 提交 5 份，10 分钟内达 5 份即提示');
    expect(await evidence(utc)).toBe('同一设备标记在 2021-06-05 16:01 至 16:05 提交 5 份，10 分钟内达 5 份即提示');
  });
});
