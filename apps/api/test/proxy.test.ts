import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, unitId, withServed, type TestApp } from './helpers.js';

/**
 * Whose address is the client's (TRUST_PROXY). Off, X-Forwarded-For is a header anyone can write,
 * and the socket's address counts; on, it is believed only when the socket is a listed proxy. Every
 * limit and record keyed on the address follows: sign-in throttling, SMS codes, the audit trail and
 * the fraud review of open answering.
 */

const PROXY = '10.0.0.1';
const ATTACKER = '198.51.100.7';
const forged = (i: number) => `203.0.${i}.${i + 1}`;

let direct: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  const env = { LOGIN_RATE_PER_IP: '5' };
  direct = await buildTestApp({ env });
  proxied = await buildTestApp({ env: { ...env, TRUST_PROXY: PROXY } });
});
afterAll(async () => Promise.all([direct.close(), proxied.close()]));

const post = (t: TestApp, url: string, payload: object, from: string, xff?: string): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: from, headers: xff ? { 'x-forwarded-for': xff } : {} });

async function statusesOf(n: number, send: (i: number) => Promise<LightMyRequestResponse>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send(i)).statusCode);
  return out;
}

describe('sign-in throttling', () => {
  const wrong = (t: TestApp, from: string, xff?: string) => (i: number) => post(t, '/api/auth/login', { username: `nobody-${i}`, password: 'wrong-password-x' }, from, xff?.replace('#', String(i)));

  it('ignores a forged X-Forwarded-For when no proxy is trusted: a rotating header still meets the per-address limit', async () => {
    const codes = await statusesOf(8, (i) => wrong(direct, ATTACKER, forged(i))(i));
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
  });

  it('believes X-Forwarded-For only from the trusted proxy', async () => {
    // Eight clients behind the proxy: each its own address, none throttled.
    expect(new Set(await statusesOf(8, (i) => wrong(proxied, PROXY, forged(i))(i)))).toEqual(new Set([401]));
    // The same rotating header sent straight to the server by someone else counts as that someone.
    const codes = await statusesOf(8, (i) => wrong(proxied, '198.51.100.8', forged(i))(i));
    expect(codes.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('the audit trail', () => {
  const failedFrom = async (t: TestApp, from: string, xff: string, username: string) => {
    expect((await post(t, '/api/auth/login', { username, password: 'wrong-password-x' }, from, xff)).statusCode).toBe(401);
    const [row] = await t.db.query<{ ip: string }>(`select ip from audit_log where action = 'auth.failure' and after->>'username' = $1`, [username]);
    return row?.ip;
  };

  it('records the socket address, not a forged header, when no proxy is trusted', async () => {
    expect(await failedFrom(direct, '198.51.100.20', '1.2.3.4', 'audit-direct')).toBe('198.51.100.20');
  });

  it('records the client behind a trusted proxy, and ignores the header from anyone else', async () => {
    expect(await failedFrom(proxied, PROXY, '1.2.3.4', 'audit-proxied')).toBe('1.2.3.4');
    expect(await failedFrom(proxied, '198.51.100.9', '1.2.3.4', 'audit-bypass')).toBe('198.51.100.9');
  });
});

describe("citizens' page", () => {
  const DAY = 86_400_000;
  const slugs = new Map<TestApp, string>();
  let units: number[];

  async function campaign(t: TestApp, slug: string): Promise<number> {
    const office = await login(t.app, 'office');
    units = [await unitId(t.db, '430421')];
    const res = await office.post('/api/campaigns', {
      slug,
      name: `代理测试 ${slug}`,
      year: 2021,
      startsAt: new Date(Date.now() - DAY).toISOString(),
      endsAt: new Date(Date.now() + DAY).toISOString(),
      modes: ['sms', 'open'],
      unitIds: units,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    expect((await office.post(`/api/campaigns/${id}/open`)).statusCode).toBe(200);
    slugs.set(t, slug);
    return id;
  }

  let directCampaign: number;
  let proxiedCampaign: number;
  beforeAll(async () => {
    directCampaign = await campaign(direct, 'proxy-direct');
    proxiedCampaign = await campaign(proxied, 'proxy-proxied');
  });

  const smsCode = (t: TestApp, from: string) => (i: number) => post(t, `/api/p/${slugs.get(t)}/sms-codes`, { phone: `139${String(i).padStart(8, '0')}` }, from, forged(i));

  it('holds one machine to 20 SMS codes an hour whatever X-Forwarded-For it sends', async () => {
    const codes = await statusesOf(25, smsCode(direct, ATTACKER));
    expect(codes.filter((c) => c === 200)).toHaveLength(20);
    expect(codes.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });

  it('counts SMS codes per client network behind a trusted proxy', async () => {
    expect(new Set(await statusesOf(25, smsCode(proxied, PROXY)))).toEqual(new Set([200]));
  });

  // Each answer is sent as the citizens' page sends it: with the token the server gave when it served the page.
  const answer = (t: TestApp, from: string) => async (i: number) => {
    const body = { verification: { mode: 'open', deviceId: `proxy-device-${String(i).padStart(8, '0')}` }, submissionKey: `proxy-key-${from}-${String(i).padStart(6, '0')}`, answers: [{ unitId: units[0], answer: 'satisfied' }] };
    return post(t, `/api/p/${slugs.get(t)}/responses`, await withServed(t.app, slugs.get(t)!, body), from, forged(i));
  };

  it('flags 35 open answers from one machine as a burst from one network, forged header or not', async () => {
    expect(new Set(await statusesOf(35, answer(direct, ATTACKER)))).toEqual(new Set([201]));
    const prefixes = await direct.db.query<{ ip_prefix: string }>('select distinct ip_prefix from responses where campaign_id = $1', [directCampaign]);
    expect(prefixes).toEqual([{ ip_prefix: '198.51.100.0/24' }]);
    const office = await login(direct.app, 'office');
    const flags = (await office.get(`/api/campaigns/${directCampaign}/flags`)).json() as { items: { kind: string; key: string; responseIds: number[] }[] };
    expect(flags.items.find((f) => f.kind === 'address-burst')).toMatchObject({ key: '198.51.100.0/24', responseIds: expect.any(Array) });
    expect(flags.items.find((f) => f.kind === 'address-burst')!.responseIds).toHaveLength(35);
  });

  it('keeps each client’s own network behind a trusted proxy, so nobody can pin a burst on a network by naming it', async () => {
    expect(new Set(await statusesOf(35, answer(proxied, PROXY)))).toEqual(new Set([201]));
    const [row] = await proxied.db.query<{ n: number }>('select count(distinct ip_prefix)::int as n from responses where campaign_id = $1', [proxiedCampaign]);
    expect(row!.n).toBe(35);
    // Straight to the server, a header naming someone else's network is not believed.
    const bypass = await answer(proxied, '198.51.100.77')(99);
    expect(bypass.statusCode).toBe(201);
    const [last] = await proxied.db.query<{ ip_prefix: string }>('select ip_prefix from responses where campaign_id = $1 order by id desc limit 1', [proxiedCampaign]);
    expect(last!.ip_prefix).toBe('198.51.100.0/24');
  });
});
