import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId, withServed } from './helpers.js';
import { smallScheme } from './fixtures/small-scheme.js';
import { makeCampaign, makeResponse, unique } from './factories.js';

let t: TestApp;
let office: Client;
let units: number[];

const DAY = 86_400_000;
const window = () => ({ startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString() });

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  units = [await unitId(t.db, '430421'), await unitId(t.db, '430405'), await unitId(t.db, 'ZH11')];
});
afterAll(async () => t.close());

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const errorOf = (res: LightMyRequestResponse) => json<{ error: { code: string; message: string; details?: { path: string }[] } }>(res).error;

/** What the citizens' page does: anonymous requests to the portal API; answers go with the token of the questionnaire served. */
const citizen = {
  get: (url: string) => t.app.inject({ method: 'GET', url }),
  post: async (url: string, payload: object, ip = '203.0.113.7') => {
    const answering = /^\/api\/p\/([^/]+)\/responses$/.exec(url);
    const body = answering && 'submissionKey' in payload ? await withServed(t.app, answering[1]!, payload as { submissionKey: string }) : payload;
    return t.app.inject({ method: 'POST', url, payload: body, remoteAddress: ip });
  },
};

async function newCampaign(slug: string, extra: object = {}): Promise<number> {
  const res = await office.post('/api/campaigns', { slug, name: `2021年度公众评估 ${slug}`, year: 2021, ...window(), modes: ['invitation', 'sms', 'open'], unitIds: units, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  const id = json<{ id: number }>(res).id;
  expect((await office.post(`/api/campaigns/${id}/open`)).statusCode).toBe(200);
  return id;
}

async function invitationLinks(campaignId: number, count: number): Promise<string[]> {
  const res = await office.post(`/api/campaigns/${campaignId}/invitations`, { count, batch: '人大代表' });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  expect(ws.getImages().length).toBe(count); // a QR code per link
  const links: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) links.push(String(row.getCell(2).value));
  });
  return links;
}

const tokenOf = (link: string) => new URL(link).searchParams.get('t')!;
let keySeq = 0;
const key = () => `submission-key-${String(++keySeq).padStart(6, '0')}`;

describe('campaigns', () => {
  it('refuses a campaign that ends before it starts, naming the field', async () => {
    const res = await office.post('/api/campaigns', { slug: 'bad-window', name: 'x', year: 2021, startsAt: '2021-12-24T00:00:00+08:00', endsAt: '2021-12-15T00:00:00+08:00', modes: ['open'] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('endsAt');
  });

  it('shows citizens the questionnaire and the units by group, with their public cards', async () => {
    const id = await newCampaign('cards-2021');
    expect((await office.request('PUT', `/api/campaigns/${id}/cards/${units[0]}`, { duties: '负责全县经济社会发展', highlights: '新建学校 3 所' })).statusCode).toBe(200);
    const page = json<{ accepting: boolean; questionnaire: { answers: Record<string, string> }; groups: { code: string; units: { id: number; duties: string; highlights: string }[] }[] }>(await citizen.get('/api/p/cards-2021'));
    expect(page.accepting).toBe(true);
    expect(page.questionnaire.answers).toEqual({ satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意', unaware: '不了解' });
    expect(page.groups.map((g) => g.code)).toEqual(['XS', 'CQ', 'ZH']);
    expect(page.groups[0]!.units[0]).toMatchObject({ id: units[0], duties: '负责全县经济社会发展', highlights: '新建学校 3 所' });
  });
});

describe('invitation links', () => {
  let id: number;
  let slug: string;
  let links: string[];
  // A campaign of its own for each test, with three links not yet used.
  beforeEach(async () => {
    slug = `invite-${unique()}`;
    id = await newCampaign(slug, { modes: ['invitation'] });
    links = await invitationLinks(id, 3);
  });
  const answerWith = (link: string) => ({ verification: { mode: 'invitation', token: tokenOf(link) }, submissionKey: key(), answers: [{ unitId: units[0], answer: 'satisfied', suggestion: '希望多建口袋公园' }] });

  it('are issued once, in Excel with QR codes, and only their hashes are kept', async () => {
    expect(links).toHaveLength(3);
    expect(links[0]).toMatch(new RegExp(`^http://localhost:3000/p/${slug}\\?t=[\\w-]{22}$`));
    const stored = await t.db.query<{ token_hash: string }>('select token_hash from invitations where campaign_id = $1', [id]);
    expect(stored.map((r) => r.token_hash)).not.toContain(tokenOf(links[0]!));
    expect(json<{ invitations: { batch: string; issued: number; used: number }[] }>(await office.get(`/api/campaigns/${id}`)).invitations).toEqual([{ batch: '人大代表', issued: 3, used: 0 }]);
  });

  it('take one response each: a retry gets the same receipt, a second use is refused with a clear message', async () => {
    const token = tokenOf(links[0]!);
    const body = { verification: { mode: 'invitation', token }, submissionKey: key(), answers: [{ unitId: units[0], answer: 'satisfied', suggestion: '希望多建口袋公园' }] };
    const first = await citizen.post(`/api/p/${slug}/responses`, body);
    expect(first.statusCode, first.body).toBe(201);
    const receipt = json<{ receipt: string; repeated: boolean; suggestions: number }>(first);
    expect(receipt).toMatchObject({ repeated: false, suggestions: 1 });
    expect(receipt.receipt).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);

    const retry = await citizen.post(`/api/p/${slug}/responses`, body);
    expect(retry.statusCode).toBe(200);
    expect(json<{ receipt: string; repeated: boolean }>(retry)).toMatchObject({ receipt: receipt.receipt, repeated: true });

    const again = await citizen.post(`/api/p/${slug}/responses`, { ...body, submissionKey: key() });
    expectRefused(again, 'ALREADY_DONE');
    expect(errorOf(again).message).toContain('该邀请链接已经使用过');
    expect(json<{ valid: boolean; used: boolean }>(await citizen.get(`/api/p/${slug}/invitations/${token}`))).toEqual({ valid: true, used: true });
    expect(json<{ valid: boolean; used: boolean }>(await citizen.get(`/api/p/${slug}/invitations/${tokenOf(links[1]!)}`))).toEqual({ valid: true, used: false });
    const count = await t.db.query<{ n: number }>('select count(*)::int as n from responses where campaign_id = $1', [id]);
    expect(count[0]!.n).toBe(1);
  });

  it('are held to one response per identity by the database itself', async () => {
    expect((await citizen.post(`/api/p/${slug}/responses`, answerWith(links[0]!))).statusCode).toBe(201);
    const [r] = await t.db.query<{ identity: string }>('select identity from responses where campaign_id = $1', [id]);
    await expect(
      t.db.query(
        `insert into responses (campaign_id, identity, respondent_class, submission_key, receipt, answer_vector, answer_units, answer_values, answer_reasons)
         values ($1, $2, 'invited', 'k', 'DUPL-ICAT-E0', 'v', '{}', '{}', '{}')`,
        [id, r!.identity],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('refuse a made-up token and a mode the campaign does not use', async () => {
    const forged = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'invitation', token: 'abcdefghijklmnopqrstuv' }, submissionKey: key(), answers: [{ unitId: units[0], answer: 'satisfied' }] });
    expect(forged.statusCode).toBe(403);
    expect(errorOf(forged).message).toContain('邀请链接无效');
    const open = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'open', deviceId: 'device-0000000000000001' }, submissionKey: key(), answers: [{ unitId: units[0], answer: 'satisfied' }] });
    expect(open.statusCode).toBe(400);
    expect(errorOf(open).details?.[0]?.path).toBe('body.verification.mode');
  });

  it('check the answers: a reason on 不满意, only the campaign units, each once', async () => {
    const submit = (answers: object[]) => citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'invitation', token: tokenOf(links[2]!) }, submissionKey: key(), answers });
    const noReason = await submit([{ unitId: units[0], answer: 'dissatisfied' }]);
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).details?.[0]?.path).toBe('body.answers.0.reason');
    const stranger = await submit([{ unitId: await unitId(t.db, 'ZF01'), answer: 'satisfied' }]);
    expect(stranger.statusCode).toBe(400);
    expect(errorOf(stranger).message).toContain('不在本次评估范围内');
    const twice = await submit([{ unitId: units[0], answer: 'satisfied' }, { unitId: units[0], answer: 'unaware' }]);
    expect(errorOf(twice).details?.[0]?.path).toBe('body.answers.1.unitId');
    // None of the refused tries used up the link.
    expect(json<{ used: boolean }>(await citizen.get(`/api/p/${slug}/invitations/${tokenOf(links[2]!)}`)).used).toBe(false);
  });
});

describe('SMS codes', () => {
  let slug: string;
  // A campaign of its own for each test.
  beforeEach(async () => {
    slug = `sms-${unique()}`;
    await newCampaign(slug, { modes: ['sms'] });
  });

  /** The code last texted to a phone, read from the outbox as the administrator does. */
  const latestCode = async (phone: string): Promise<string> => {
    const outbox = json<{ items: { id: number; phone: string; body: string }[] }>(await (await login(t.app, 'admin')).get('/api/sms-outbox'));
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    const msg = outbox.items.filter((m) => m.phone === masked).sort((x, y) => y.id - x.id)[0]!;
    return /验证码为 (\d{6})/.exec(msg.body)![1]!;
  };

  it('are sent through the provider, limited per phone, and checked once', async () => {
    const phone = '13812345678';
    expect((await citizen.post(`/api/p/${slug}/sms-codes`, { phone })).statusCode).toBe(200);
    const soon = await citizen.post(`/api/p/${slug}/sms-codes`, { phone });
    expect(soon.statusCode).toBe(429);
    expect(errorOf(soon).message).toContain('验证码已发送');
    const code = await latestCode(phone);
    const wrong = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'sms', phone, code: code === '000000' ? '111111' : '000000' }, submissionKey: key(), answers: [{ unitId: units[1], answer: 'basicallySatisfied' }] });
    expect(wrong.statusCode).toBe(403);
    expect(errorOf(wrong).message).toContain('验证码不正确');
    const ok = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'sms', phone, code }, submissionKey: key(), answers: [{ unitId: units[1], answer: 'basicallySatisfied' }] });
    expect(ok.statusCode, ok.body).toBe(201);
    const second = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'sms', phone, code }, submissionKey: key(), answers: [{ unitId: units[1], answer: 'satisfied' }] });
    expect(second.statusCode).toBe(403); // the code is spent: whether the number took part is not told without a fresh one
  });

  it('keep the phone number only as a keyed hash', async () => {
    const phone = '13912345670';
    expect((await citizen.post(`/api/p/${slug}/sms-codes`, { phone })).statusCode).toBe(200);
    const answered = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'sms', phone, code: await latestCode(phone) }, submissionKey: key(), answers: [{ unitId: units[1], answer: 'satisfied' }] });
    expect(answered.statusCode, answered.body).toBe(201);
    for (const [table, column] of [['sms_codes', 'phone_hash'], ['responses', 'identity']] as const) {
      const rows = await t.db.query<Record<string, string>>(`select ${column} from ${table}`);
      for (const r of rows) expect(r[column]).not.toContain(phone);
    }
    const [r] = await t.db.query<{ identity: string; ip_prefix: string }>(`select identity, ip_prefix from responses where receipt = $1`, [json<{ receipt: string }>(answered).receipt]);
    expect(r!.identity).toMatch(/^phone:/);
    expect(r!.ip_prefix).toBe('203.0.113.0/24');
  });

  it('are limited per address too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await citizen.post(`/api/p/${slug}/sms-codes`, { phone: `137${String(i).padStart(8, '0')}` }, '198.51.100.9')).statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(20);
    expect(statuses).toContain(429);
  });
});

describe('results', () => {
  let id: number;
  let scheme: number;
  let slug: string;

  /**
   * A campaign feeding the public-evaluation component of a scheme of its own, answered about
   * 衡阳县 by four invited citizens (满意, 满意, 不满意, 不了解) and two open ones (基本满意 ×2);
   * closed by the office when asked.
   */
  async function answered(opts: { close?: boolean } = {}): Promise<void> {
    const code = `PUB-${unique()}`;
    const doc = smallScheme({
      code,
      total: 120,
      components: [
        { code: 'key', name: '重点工作', points: 80 },
        { code: 'leader', name: '领导评价', points: 20 },
        { code: 'public', name: '公众评估', points: 20, source: 'public' },
      ],
    });
    scheme = json<{ id: number }>(await office.post('/api/schemes', doc)).id;
    expect((await office.post(`/api/schemes/${scheme}/publish`)).statusCode).toBe(200);
    slug = `results-${unique()}`;
    id = await newCampaign(slug, { modes: ['invitation', 'open'], schemeCode: code });
    const links = await invitationLinks(id, 4);
    const invited = ['satisfied', 'satisfied', 'dissatisfied', 'unaware'] as const;
    for (const [i, answer] of invited.entries()) {
      const res = await citizen.post(`/api/p/${slug}/responses`, {
        verification: { mode: 'invitation', token: tokenOf(links[i]!) },
        submissionKey: key(),
        answers: [{ unitId: units[0], answer, ...(answer === 'dissatisfied' ? { reason: '办事排队太久' } : {}) }],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const d of [1, 2]) {
      const res = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'open', deviceId: `${slug}-device-00000000${d}` }, submissionKey: key(), answers: [{ unitId: units[0], answer: 'basicallySatisfied' }] });
      expect(res.statusCode, res.body).toBe(201);
    }
    if (opts.close) {
      const closed = await office.post(`/api/campaigns/${id}/close`);
      expect(closed.statusCode, closed.body).toBe(200);
    }
  }

  it('are sealed for every role while the campaign is open; participation counts are live', async () => {
    await answered();
    for (const username of ['admin', 'office', 'leader', 'supervisor']) {
      const res = await (await login(t.app, username)).get(`/api/campaigns/${id}/results`);
      expect(res.statusCode, username).toBe(403);
      expect(errorOf(res).code).toBe('RESULTS_SEALED');
    }
    expect(json(await office.get(`/api/campaigns/${id}/participation`))).toMatchObject({ responses: 6, invited: 4, open: 2, answers: 6 });
  });

  it('on close give satisfaction per class and combined, and feed the assessment', async () => {
    await answered();
    const before = json<{ id: number }>(await office.post(`/api/schemes/${scheme}/runs`, { asOf: '2021-12-31' })).id;
    const closed = await office.post(`/api/campaigns/${id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const run = json<{ scoreRun: { id: number } | null }>(closed).scoreRun;
    expect(run).not.toBeNull();

    const r = json<{ units: { unitId: number; satisfaction: { invited: number; open: number; combined: number }; counts: { invited: { unaware: number } } }[] }>(await office.get(`/api/campaigns/${id}/results`));
    const county = r.units.find((u) => u.unitId === units[0])!;
    // invited: (2×100 + 1×0) ÷ 3 = 66.67; open: 60; pooled: (200 + 120) ÷ 5 = 64
    expect(county.satisfaction.invited).toBeCloseTo(66.6667, 3);
    expect(county.satisfaction.open).toBe(60);
    expect(county.satisfaction.combined).toBe(64);
    expect(county.counts.invited.unaware).toBe(1);

    const card = json<{ unit: { components: { code: string; points: number; note?: string }[] } }>(await office.get(`/api/runs/${run!.id}/units/${units[0]}`));
    const pub = card.unit.components.find((c) => c.code === 'public')!;
    expect(pub.points).toBeCloseTo(12.8, 6); // 64% × 20
    expect(pub.note).toContain('满意度 64.00%');
    // Comparing with the run before the close names the public evaluation as what moved the total.
    const cmp = json<{ changes: { unitId: number; components: { code: string; from: number; to: number; why: string[] }[] }[] }>(await office.get(`/api/runs/compare?from=${before}&to=${run!.id}`));
    const moved = cmp.changes.find((c) => c.unitId === units[0])!.components.find((c) => c.code === 'public')!;
    expect(moved).toMatchObject({ from: 0, why: [expect.stringContaining('满意度 64.00%')] });
    expect(moved.to).toBeCloseTo(12.8, 6);

    // The office reading in English gets the same figures with the server's texts in English.
    const en = { 'accept-language': 'en-US' };
    const results = json<{ units: { unitId: number; explanation: string[] }[] }>(await office.request('GET', `/api/campaigns/${id}/results`, undefined, en));
    expect(results.units.find((u) => u.unitId === units[0])!.explanation).toEqual([
      'invited: (2 × 100 + 0 × 60 + 1 × 0) ÷ (2 + 0 + 1) = 200 ÷ 3 = 66.67%',
      'open: (0 × 100 + 2 × 60 + 0 × 0) ÷ (0 + 2 + 0) = 120 ÷ 2 = 60%',
      'combined (both classes pooled): (2 × 100 + 2 × 60 + 1 × 0) ÷ (2 + 2 + 1) = 320 ÷ 5 = 64%',
    ]);
    const enCard = json<{ unit: { components: { code: string; note?: string }[] } }>(await office.request('GET', `/api/runs/${run!.id}/units/${units[0]}`, undefined, en));
    expect(enCard.unit.components.find((c) => c.code === 'public')!.note).toMatch(/: satisfaction 64\.00% × 20$/);
  });

  it('can be seen with and without exclusions, each exclusion with its reason in the audit log', async () => {
    await answered({ close: true });
    const open = await t.db.query<{ id: number }>(`select id from responses where campaign_id = $1 and respondent_class = 'open' order by id`, [id]);
    const noReason = await office.post(`/api/campaigns/${id}/exclusions`, { responseIds: [open[0]!.id], excluded: true, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const res = await office.post(`/api/campaigns/${id}/exclusions`, { responseIds: open.map((o) => o.id), excluded: true, reason: '同一设备短时间内连续提交', flag: 'device-burst' });
    expect(json(res)).toEqual({ changed: 2 });
    const applied = json<{ excluded: number; units: { unitId: number; satisfaction: { combined: number } }[] }>(await office.get(`/api/campaigns/${id}/results`));
    expect(applied.excluded).toBe(2);
    // The fraud review shows the same total, flagged or not.
    expect(json<{ excluded: number; responses: number }>(await office.get(`/api/campaigns/${id}/flags`)).excluded).toBe(2);
    expect(applied.units.find((u) => u.unitId === units[0])!.satisfaction.combined).toBeCloseTo(66.6667, 3);
    const ignored = json<{ units: { unitId: number; satisfaction: { combined: number } }[] }>(await office.get(`/api/campaigns/${id}/results?exclusions=ignore`));
    expect(ignored.units.find((u) => u.unitId === units[0])!.satisfaction.combined).toBe(64);
    const audit = await t.db.query<{ after: { reason: string; responseIds: number[] } }>(`select after from audit_log where action = 'response.exclude'`);
    expect(audit.at(-1)!.after).toMatchObject({ reason: '同一设备短时间内连续提交', responseIds: open.map((o) => o.id) });
    // Nothing is deleted: the responses are still there, and they cannot be changed.
    await expect(t.db.query('update responses set respondent_class = $2 where id = $1', [open[0]!.id, 'invited'])).rejects.toThrow(/immutable/);
    const restore = await office.post(`/api/campaigns/${id}/exclusions`, { responseIds: [open[0]!.id], excluded: false, reason: '核实为两位家庭成员' });
    expect(json(restore)).toEqual({ changed: 1 });
  });

  it('refuse submissions once closed, and let the citizen read the status with the ticket code', async () => {
    await answered({ close: true });
    const late = await citizen.post(`/api/p/${slug}/responses`, { verification: { mode: 'open', deviceId: `${slug}-device-000000009` }, submissionKey: key(), answers: [{ unitId: units[0], answer: 'satisfied' }] });
    expectRefused(late, 'CAMPAIGN_CLOSED');
    expect(errorOf(late).message).toContain('本次评估已结束');
    const [r] = await t.db.query<{ receipt: string }>(`select receipt from responses where campaign_id = $1 order by id limit 1`, [id]);
    const ticket = json<{ campaign: string; suggestions: unknown[] }>(await citizen.get(`/api/tickets/${r!.receipt.toLowerCase()}`));
    expect(ticket.campaign).toContain(slug);
    expect((await citizen.get('/api/tickets/ZZZZ-ZZZZ-ZZ')).statusCode).toBe(404);
  });
});

describe('time measured by the server', () => {
  let id: number;
  let slug: string;
  const served = (key: string) => withServed<{ submissionKey: string; served?: string }>(t.app, slug, { submissionKey: key }).then((b) => b.served!);
  const answers = (n: number) => units.slice(0, n).map((unitId) => ({ unitId, answer: 'satisfied' }));
  const send = (body: object) => t.app.inject({ method: 'POST', url: `/api/p/${slug}/responses`, payload: body, remoteAddress: '198.51.100.9' });
  const flagsOf = async (lang?: string) =>
    json<{ items: { kind: string; responseIds: number[]; evidence: string }[] }>(await office.request('GET', `/api/campaigns/${id}/flags`, undefined, lang ? { 'accept-language': lang } : {})).items;
  const idOf = async (receipt: string) => (await t.db.query<{ id: number }>('select id from responses where receipt = $1', [receipt]))[0]!.id;

  // A campaign of its own for each test.
  beforeEach(async () => {
    slug = `timing-${unique()}`;
    id = await newCampaign(slug, { modes: ['open'] });
  });

  it('hands out a token with the questionnaire and refuses answers without one, or with one not made for that page', async () => {
    const page = json<{ served: string | null; timeZone: string }>(await citizen.get(`/api/p/${slug}?key=timing-page-key-0001`));
    expect(page.served).toMatch(/^[0-9a-z]+\.[\w-]{43}$/);
    expect(page.timeZone).toBe('Asia/Shanghai');
    expect(json<{ served: string | null }>(await citizen.get(`/api/p/${slug}`)).served).toBeNull();

    const body = { verification: { mode: 'open', deviceId: 'timing-device-00000001' }, submissionKey: 'timing-page-key-0002', answers: answers(1) };
    const none = await send(body);
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).message).toContain('请刷新页面');
    // Another page's token, a made-up one, and one with its time moved back are all refused the same way.
    for (const forged of [page.served!, `${(Date.now() - 3_600_000).toString(36)}.${page.served!.split('.')[1]}`, 'kzzzzzzz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await send({ ...body, served: forged });
      expect(res.statusCode, forged).toBe(400);
      expect(errorOf(res).details?.[0]?.path).toBe('body.served');
    }
    expect((await send({ ...body, served: await served(body.submissionKey) })).statusCode).toBe(201);
  });

  it('flags a genuinely fast answer, whatever start time the page claims (1970 or 2999)', async () => {
    const receipts: string[] = [];
    for (const [i, startedAt] of ['1970-01-01T00:00:00Z', '2999-12-31T00:00:00Z'].entries()) {
      const key = `timing-fast-key-000${i}`;
      const res = await send({ verification: { mode: 'open', deviceId: `timing-fast-device-0${i}` }, submissionKey: key, served: await served(key), startedAt, answers: answers(3) });
      expect(res.statusCode, res.body).toBe(201);
      receipts.push(json<{ receipt: string }>(res).receipt);
    }
    // A citizen served the questionnaire ten minutes ago who claims to start in 2999 is not too fast.
    const { Privacy } = await import('../src/modules/privacy/privacy.js');
    const { issueServed } = await import('../src/modules/campaigns/served.js');
    const slowKey = 'timing-slow-key-0001';
    const slow = await send({
      verification: { mode: 'open', deviceId: 'timing-slow-device-01' },
      submissionKey: slowKey,
      served: await issueServed(new Privacy(t.db, t.config.privacyKey), id, slowKey, Date.now() - 600_000),
      startedAt: '2999-12-31T00:00:00Z',
      answers: answers(3),
    });
    expect(slow.statusCode, slow.body).toBe(201);

    const fast = (await flagsOf()).filter((f) => f.kind === 'too-fast');
    const flagged = fast.flatMap((f) => f.responseIds);
    for (const r of receipts) expect(flagged).toContain(await idOf(r));
    expect(flagged).not.toContain(await idOf(json<{ receipt: string }>(slow).receipt));
    const first = await idOf(receipts[0]!);
    expect(fast.find((f) => f.responseIds[0] === first)!.evidence).toMatch(/^问卷发放后 \d+\.\d 秒即提交，评价 3 个单位（少于 8 秒）$/);
    const english = (await flagsOf('en-US,en;q=0.9')).find((f) => f.kind === 'too-fast' && f.responseIds[0] === first)!;
    expect(english.evidence).toMatch(/^3 units answered \d+\.\d s after the questionnaire was served \(under 8 s\)$/);
  });

  it('flags one served page sending several answers', async () => {
    const key = 'timing-replayed-key-01';
    const token = await served(key);
    for (const d of [1, 2]) {
      const res = await send({ verification: { mode: 'open', deviceId: `timing-replay-device-0${d}` }, submissionKey: key, served: token, answers: answers(1) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const reused = (await flagsOf()).filter((f) => f.kind === 'reused-page');
    expect(reused).toHaveLength(1);
    expect(reused[0]!.responseIds).toHaveLength(2);
  });
});

describe('votes in the audit trail', () => {
  it('enter every response in the hash-chained log exactly once, in batches with a digest of their content', async () => {
    const campaign = await makeCampaign(t, { unitIds: units });
    for (const answer of ['satisfied', 'unaware']) await makeResponse(t, campaign.slug, [{ unitId: units[0]!, answer }]);
    const { digestBatch, recordReceivedResponses } = await import('../src/modules/campaigns/vote-ledger.js');
    await recordReceivedResponses(t.db);
    const entries = await t.db.query<{ after: { batch: number; count: number; sha256: string } }>(`select after from audit_log where action = 'responses.received' order by id`);
    const [all] = await t.db.query<{ n: number }>('select count(*)::int as n from responses');
    expect(all!.n).toBeGreaterThanOrEqual(2);
    const [ledger] = await t.db.query<{ n: number; distinct: number }>('select count(*)::int as n, count(distinct response_id)::int as distinct from response_ledger');
    expect(entries.reduce((n, e) => n + e.after.count, 0)).toBe(all!.n);
    expect(ledger).toEqual({ n: all!.n, distinct: all!.n });
    for (const e of entries) expect((await digestBatch(t.db, e.after.batch)).digest).toBe(e.after.sha256);
    expect(await recordReceivedResponses(t.db)).toBe(0);
  });
});
