import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeZone } from '../src/lib/time-zone.js';
import { makeCampaign, makeResponse, makeSuggestion, unique } from './factories.js';
import { buildTestApp, type Client, expectRefused, login, type TestApp, unitId } from './helpers.js';

let t: TestApp;
let office: Client;
let county: number;
let bureau: number;

const json = <T>(res: LightMyRequestResponse): T => res.json() as T;
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  office = await login(t.app, 'office');
  county = await unitId(t.db, '430421');
  bureau = await unitId(t.db, 'ZH11');
});
afterAll(async () => t.close());

/**
 * A campaign about 衡阳县 and 市统计局 with three citizens' answers and four suggestions, unsorted:
 * a clear request, praise, abuse, and the clear request again in other words.
 */
async function answeredCampaign(): Promise<{ campaignId: number; receipt: string; ids: Record<'clear' | 'praise' | 'abusive' | 'again', number> }> {
  const n = unique();
  const campaign = await makeCampaign(t, { unitIds: [county, bureau] });
  const text = { clear: `建议尽快修复城东路段路灯（${n}）`, praise: `统计局服务热情，点赞（${n}）`, abusive: `骂人的话骂人的话（${n}）`, again: `城东路段路灯不亮，请修复（${n}）` };
  const receipt = await makeResponse(t, campaign.slug, [
    { unitId: county, answer: 'dissatisfied', reason: '路灯坏了', suggestion: text.clear },
    { unitId: bureau, answer: 'satisfied', suggestion: text.praise },
  ]);
  await makeResponse(t, campaign.slug, [{ unitId: county, answer: 'basicallySatisfied', suggestion: text.again }]);
  await makeResponse(t, campaign.slug, [{ unitId: county, answer: 'dissatisfied', reason: '态度差', suggestion: text.abusive }]);
  const list = json<{ items: { id: number; body: string }[] }>(await office.get(`/api/suggestions?campaignId=${campaign.id}&category=unsorted&limit=500`)).items;
  const idOf = (body: string) => list.find((s) => s.body === body)!.id;
  return { campaignId: campaign.id, receipt, ids: { clear: idOf(text.clear), praise: idOf(text.praise), abusive: idOf(text.abusive), again: idOf(text.again) } };
}

/** The notice numbers the office has issued in a year. */
const noticesOf = async (year: string) => {
  const items = json<{ items: { noticeNo: string | null }[] }>(await office.get('/api/suggestions?limit=500')).items;
  return new Set(items.flatMap((s) => (s.noticeNo?.includes(`〔${year}〕`) ? [s.noticeNo] : [])));
};

describe('suggestions', () => {
  it('are sorted by the office, a duplicate naming its original', async () => {
    const { ids } = await answeredCampaign();
    expect(json(await office.post('/api/suggestions/sort', { ids: [ids.clear], category: 'clear' }))).toEqual({ changed: 1 });
    expect((await office.post('/api/suggestions/sort', { ids: [ids.praise], category: 'praise' })).statusCode).toBe(200);
    expect((await office.post('/api/suggestions/sort', { ids: [ids.abusive], category: 'abusive' })).statusCode).toBe(200);
    const noOriginal = await office.post('/api/suggestions/sort', { ids: [ids.again], category: 'duplicate' });
    expect(noOriginal.statusCode).toBe(400);
    expect(noOriginal.body).toContain('duplicateOf');
    expect((await office.post('/api/suggestions/sort', { ids: [ids.again], category: 'duplicate', duplicateOf: ids.clear })).statusCode).toBe(200);
  });

  it('go to their unit as a numbered 绩效改进通知书 with a deadline; only clear ones', async () => {
    const praise = await makeSuggestion(t, { unitId: bureau, answer: 'satisfied' }, { category: 'praise' });
    expectRefused(await office.post('/api/suggestions/forward', { ids: [praise.id], deadline: inDays(15) }), 'TRANSITION_NOT_ALLOWED');
    const clear = await makeSuggestion(t, { unitId: county }, { category: 'clear' });
    const year = new TimeZone('Asia/Shanghai').date().slice(0, 4);
    const issued = (await noticesOf(year)).size;
    const res = await office.post('/api/suggestions/forward', { ids: [clear.id], deadline: inDays(15) });
    expect(res.statusCode, res.body).toBe(200);
    const { notices } = json<{ notices: { noticeNo: string; unit: string }[] }>(res);
    expect(notices).toHaveLength(1);
    // Numbered on from the year's last notice: 1号 for the year's first.
    expect(notices[0]!.noticeNo).toBe(`衡绩改〔${year}〕${issued + 1}号`);
  });

  it('are seen by the unit only once forwarded, without who wrote them', async () => {
    // A unit no other test here sends suggestions to: 祁东县.
    const qidong = await unitId(t.db, '430426');
    const forwarded = await makeSuggestion(t, { unitId: qidong }, { category: 'clear', forward: { deadline: inDays(15) } });
    const sorted = await makeSuggestion(t, { unitId: qidong }, { category: 'clear' });
    const head = await login(t.app, '430426-head');
    const mine = json<{ items: { id: number; status: string; body: string }[] }>(await head.get('/api/suggestions'));
    expect(mine.items.map((s) => s.id)).toEqual([forwarded.id]);
    expect(JSON.stringify(mine)).not.toMatch(/receipt|response|device|ticket/i);
    expect((await head.get(`/api/suggestions/${sorted.id}`)).statusCode).toBe(403);
    const other = await login(t.app, 'ZH11-head');
    expect(json<{ items: unknown[] }>(await other.get('/api/suggestions')).items).toEqual([]);
    expect((await other.get(`/api/suggestions/${forwarded.id}`)).statusCode).toBe(403);
  });

  it('are answered by the unit head; the office returns a poor answer with a reason, then accepts', async () => {
    const s = await makeSuggestion(t, { unitId: county }, { category: 'clear', forward: { deadline: inDays(15) } });
    const { id, receipt } = s;
    const stranger = await login(t.app, 'ZH11-head');
    expect((await stranger.post(`/api/suggestions/${id}/reply`, { reply: '我们会处理的，谢谢' })).statusCode).toBe(403);
    const reporter = await login(t.app, '430421-reporter');
    expect((await reporter.post(`/api/suggestions/${id}/reply`, { reply: '我们会处理的，谢谢' })).statusCode).toBe(403);
    const head = await login(t.app, '430421-head');
    expect(json<{ status: string }>(await head.post(`/api/suggestions/${id}/reply`, { reply: '已转交相关部门处理。' })).status).toBe('replied');
    const noReason = await office.post(`/api/suggestions/${id}/review`, { decision: 'return' });
    expect(noReason.statusCode).toBe(400);
    const returned = json<{ status: string; reviewReason: string }>(await office.post(`/api/suggestions/${id}/review`, { decision: 'return', reason: '请说明修复时间和责任人' }));
    expect(returned).toMatchObject({ status: 'returned', reviewReason: '请说明修复时间和责任人' });
    // The citizen does not see an answer the office has not accepted.
    const before = json<{ suggestions: { body: string; reply: string | null }[] }>(await t.app.inject({ method: 'GET', url: `/api/tickets/${receipt}` }));
    expect(before.suggestions.find((x) => x.body === s.body)!.reply).toBeNull();
    await head.post(`/api/suggestions/${id}/reply`, { reply: '城东路段 23 盏路灯已于 12 月 20 日修复，责任人：城管局张科长。' });
    expect(json<{ status: string }>(await office.post(`/api/suggestions/${id}/review`, { decision: 'accept' })).status).toBe('accepted');
    const after = json<{ suggestions: { body: string; status: string; reply: string | null }[] }>(await t.app.inject({ method: 'GET', url: `/api/tickets/${receipt}` }));
    expect(after.suggestions.find((x) => x.body === s.body)).toMatchObject({ status: 'accepted', reply: '城东路段 23 盏路灯已于 12 月 20 日修复，责任人：城管局张科长。' });
    const audit = await t.db.query<{ action: string }>(`select action from audit_log where entity = 'suggestion' and entity_id = $1 order by id`, [String(id)]);
    expect(audit.map((a) => a.action)).toEqual(['suggestion.sort', 'suggestion.forward', 'suggestion.reply', 'suggestion.return', 'suggestion.reply', 'suggestion.accept']);
  });

  it('add up to the statistics Hengyang publishes', async () => {
    const { campaignId, ids } = await answeredCampaign();
    for (const [id, category] of [[ids.clear, 'clear'], [ids.praise, 'praise'], [ids.abusive, 'abusive']] as const) {
      expect((await office.post('/api/suggestions/sort', { ids: [id], category })).statusCode).toBe(200);
    }
    expect((await office.post('/api/suggestions/sort', { ids: [ids.again], category: 'duplicate', duplicateOf: ids.clear })).statusCode).toBe(200);
    const stats = json<{ participants: number; comments: number; praise: number; byCategory: Record<string, number> }>(await office.get(`/api/campaigns/${campaignId}/stats`));
    expect(stats).toMatchObject({ participants: 3, comments: 4, praise: 1, byCategory: { clear: 1, praise: 1, abusive: 1, duplicate: 1 } });
  });
});

describe('Open311 GeoReport v2', () => {
  const form = (fields: Record<string, string>) => ({
    method: 'POST' as const,
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

  it('lists every unit as a service', async () => {
    const services = json<{ service_code: string; service_name: string; group: string }[]>(await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' }));
    expect(services).toHaveLength(97);
    expect(services.find((s) => s.service_code === 'ZH11')).toMatchObject({ service_name: '市统计局' });
  });

  it('files a request from a form-encoded post and follows it by id and by ticket', async () => {
    const res = await t.app.inject(form({ service_code: '430421', description: '县城南门口红绿灯时长太短，行人来不及过马路', lat: '26.9', long: '112.6', api_key: 'ignored', email: 'x@example.com' }));
    expect(res.statusCode, res.body).toBe(201);
    const [created] = json<{ service_request_id: string; token: string }[]>(res);
    const one = json<{ status: string; description: string | null; service_code: string }[]>(await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${created!.service_request_id}.json` }));
    // Not yet sorted by the office: its text is not public yet.
    expect(one[0]).toMatchObject({ status: 'open', description: null, service_code: '430421' });
    await office.post('/api/suggestions/sort', { ids: [Number(created!.service_request_id)], category: 'clear' });
    const sorted = json<{ description: string; lat: number }[]>(await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?service_request_id=${created!.service_request_id}` }));
    expect(sorted[0]).toMatchObject({ description: '县城南门口红绿灯时长太短，行人来不及过马路', lat: 26.9 });
    const ticket = json<{ suggestions: { unit: string; status: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/tickets/${created!.token}` }));
    expect(ticket.suggestions).toEqual([expect.objectContaining({ unit: '衡阳县', status: 'sorted' })]);
    // Personal fields a client sends are not kept.
    const stored = JSON.stringify(await t.db.query('select * from suggestions where id = $1', [Number(created!.service_request_id)]));
    expect(stored).not.toContain('x@example.com');
  });

  it('enters each request in the audit trail with the writer’s network only and a digest of the text', async () => {
    const res = await t.app.inject({ ...form({ service_code: '430405', description: '公园厕所长期无人打扫，气味很大', address_string: '蒸湘区公园' }), remoteAddress: '198.51.100.23' });
    expect(res.statusCode, res.body).toBe(201);
    const id = json<{ service_request_id: string }[]>(res)[0]!.service_request_id;
    const entries = await t.db.query<{ actor_name: string; ip: string; after: { sha256: string }; entity_id: string }>(`select actor_name, ip, after, entity_id from audit_log where action = 'open311.request' and entity_id = $1`, [id]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_name: 'anonymous', ip: '198.51.100.0/24', after: { sha256: createHash('sha256').update('公园厕所长期无人打扫，气味很大').digest('hex') } });
    expect(JSON.stringify(entries)).not.toContain('公园厕所');
  });

  it('lists public requests, never the abusive ones, and filters by status', async () => {
    const abusive = await makeSuggestion(t, { suggestion: `骂人的话骂人的话（${unique()}）` }, { category: 'abusive' });
    const answered = await makeSuggestion(t, {}, { category: 'clear', forward: { deadline: inDays(15) } });
    const head = await login(t.app, '430421-head');
    expect((await head.post(`/api/suggestions/${answered.id}/reply`, { reply: '路灯已修复。' })).statusCode).toBe(200);
    expect((await office.post(`/api/suggestions/${answered.id}/review`, { decision: 'accept' })).statusCode).toBe(200);
    const all = json<{ service_request_id: string; status: string }[]>(await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' }));
    expect(all.map((r) => r.service_request_id)).not.toContain(String(abusive.id));
    expect(all.find((r) => r.service_request_id === String(answered.id))!.status).toBe('closed');
    const open = json<{ status: string }[]>(await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open' }));
    expect(open.every((r) => r.status === 'open')).toBe(true);
  });

  it('answers errors in the GeoReport shape', async () => {
    const bad = await t.app.inject(form({ service_code: 'NOPE', description: '一个足够长的描述', lat: '26.9', long: '112.6' }));
    expect(bad.statusCode).toBe(400);
    expect(json<{ code: number; description: string }[]>(bad)[0]).toMatchObject({ code: 400, description: expect.stringContaining('service_code') });
    const missing = await t.app.inject({ method: 'GET', url: '/open311/v2/requests/999999.json' });
    expect(missing.statusCode).toBe(404);
    expect(json<{ code: number }[]>(missing)[0]!.code).toBe(404);
  });
});
