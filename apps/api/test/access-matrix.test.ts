import type { ApiTokenDto, GroupDto, Role, UnitDto, UserDto } from '@kaoping/shared';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME, writeSheet } from '../src/lib/excel.js';
import { DEMO_PASSWORD } from '../src/seed/seed-demo.js';
import { buildTestApp, login, unitId, withServed, type Client, type TestApp } from './helpers.js';
import { smallScheme } from './fixtures/small-scheme.js';

/**
 * The "Roles" acceptance criterion: every route of the app, called by every role, against a declared
 * allow/deny matrix. A route the app serves but the matrix does not list fails the suite, so a new
 * route cannot ship without someone deciding who may call it.
 */

/** Who calls: the seven signed-in roles, a unit head of another unit, and nobody. */
type Actor = Role | 'other' | 'anonymous';

/**
 * allow: the call succeeds (the request is valid, so not only "not 401/403" but 2xx).
 * deny: 403.
 * own: allowed on a resource of the caller's own unit, 403 on another unit's.
 */
type Outcome = 'allow' | 'deny' | 'own';

const A = 'allow' as const;
const D = 'deny' as const;
const O = 'own' as const;

/** The unit of the unit-role callers, and the unit of the head who stands for "another unit". */
const HOME_UNIT = '430421';
const OTHER_UNIT = 'ZH01';

/** What a request builder may use: ids made in setup, who is calling, and which unit's resource to address. */
interface Ctx {
  fx: Fixtures;
  actor: Actor;
  /** The caller's username (undefined for anonymous). */
  username: string | undefined;
  /** The unit whose resource the request addresses. */
  unitId: number;
}

interface Req {
  method: InjectOptions['method'];
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Entry {
  /** Needs no sign-in: anonymous callers are allowed too (otherwise they get 401). */
  public?: true;
  /**
   * Which session sends the request: the actor's shared one (default), a fresh one of the same
   * user (for calls that end the session), or one of a twin account with the same role and unit
   * (for calls that change the account itself).
   */
  session?: 'fresh' | 'twin';
  roles: Record<Role, Outcome>;
  /** A unit head of another unit; declared for unit-scoped routes (those with an `own` cell). */
  other?: 'allow' | 'deny';
  build(c: Ctx): Req | Promise<Req>;
}

interface Fixtures {
  homeUnitId: number;
  otherUnitId: number;
  /** A reporter account in each of the two units, read by the scoped user routes. */
  targetUser: Map<number, number>;
  patchUserId: number;
  patchUnitId: number;
  patchGroupId: number;
  municipalGroupId: number;
  municipalGroupName: string;
  tokenId: Map<Actor, number>;
  /** A draft scheme to read and replace; per actor, a draft to publish and a published scheme to version. */
  schemeDraftId: number;
  /** A published scheme over both units' groups, with data in several states for the reporting routes. */
  rpt: {
    schemeId: number;
    e2: number;
    period: Record<string, number>;
    lockedValue: Map<number, number>;
    draftValue: Map<number, number>;
    evidence: Map<number, number>;
    correction: Map<Actor, number>;
    runId: number;
    /** The 加分 item B and the year period (open), for 本期无事项. */
    b: number;
    year: number;
    /** An approved value of an open period for each office actor to return. */
    approvedValue: Map<Actor, number>;
  };
  publishId: Map<Actor, number>;
  /** Public evaluation: an open campaign (every verification mode) and a closed one with a response. */
  cmp: { openId: number; openSlug: string; closedId: number; closedResponseId: number; ticket: string };
  versionId: Map<Actor, number>;
}

const everyone = (o: Outcome = A): Record<Role, Outcome> => ({
  admin: o,
  office: o,
  supervisor: o,
  leader: o,
  head: o,
  reporter: o,
  datasource: o,
});
const adminOnly: Record<Role, Outcome> = { ...everyone(D), admin: A };
const officeKeeps: Record<Role, Outcome> = { ...everyone(D), admin: A, office: A };
const screenReaders: Record<Role, Outcome> = { ...everyone(D), admin: A, office: A, supervisor: A, leader: A };
const cityWide: Record<Role, Outcome> = { ...everyone(A), head: D, reporter: D, datasource: D };
const meetingKeepers: Record<Role, Outcome> = { ...everyone(D), admin: A, office: A, supervisor: A };

let phoneSeq = 0;
let deviceSeq = 0;

function campaignBody(slug: string) {
  const now = Date.now();
  return { slug, name: `评估 ${slug}`, year: 2021, startsAt: new Date(now - 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), modes: ['invitation', 'sms', 'open'] };
}

async function draftCampaign(slug: string): Promise<number> {
  return (await created<{ id: number }>(await clients.get('admin')!.post('/api/campaigns', campaignBody(slug)))).id;
}

async function openCampaign(slug: string): Promise<number> {
  const id = await draftCampaign(slug);
  succeeded(await clients.get('admin')!.post(`/api/campaigns/${id}/open`));
  return id;
}

/** A valid open-mode response from a device not seen before, answering one unit (the campaign's first by default). */
async function openResponse(slug: string, unit?: number) {
  const campaign = (await t.app.inject({ method: 'GET', url: `/api/p/${slug}` })).json() as { groups: { units: { id: number }[] }[] };
  const seq = String(++deviceSeq).padStart(4, '0');
  return withServed(t.app, slug, {
    verification: { mode: 'open', deviceId: `matrix-device-${seq}-0000` },
    submissionKey: `matrix-submission-${seq}`,
    answers: [{ unitId: unit ?? campaign.groups[0]!.units[0]!.id, answer: 'satisfied', suggestion: '建议增加公交班次' }],
  });
}

/** A task in progress led by a unit (made directly: the flow has its own tests). */
async function taskIn(unit: number): Promise<number> {
  const [row] = await t.db.query<{ id: number }>(
    `insert into tasks (title, source, lead_unit_id, responsible_leader, start_date, deadline, status) values ('矩阵测试事项', 'meeting', $1, '王主任', '2021-03-01', '2099-06-30', 'in_progress') returning id`,
    [unit],
  );
  return row!.id;
}

/** A meeting with the unit presenting and one comment on it (made directly: the meeting routes have their own tests). */
async function meetingWithComment(unit: number): Promise<{ meetingId: number; presenterId: number; commentId: number }> {
  const [m] = await t.db.query<{ id: number }>(
    `insert into meetings (kind, title, held_on, material_as_of) values ('development', '矩阵测试点评会', '2099-01-10', '2099-01-10') returning id`,
  );
  const [p] = await t.db.query<{ id: number }>('insert into meeting_presenters (meeting_id, unit_id, position, minutes) values ($1, $2, 1, 8) returning id', [m!.id, unit]);
  const [c] = await t.db.query<{ id: number }>(
    `insert into meeting_comments (meeting_id, presenter_id, kind, speaker, body) values ($1, $2, 'commitment', '王县长', '矩阵测试：按期完成整改。') returning id`,
    [m!.id, p!.id],
  );
  return { meetingId: m!.id, presenterId: p!.id, commentId: c!.id };
}

/** A meeting the unit presented at, its minutes issued and delivered to the unit (made directly). */
async function issuedMeetingIn(unit: number): Promise<number> {
  const { meetingId } = await meetingWithComment(unit);
  await t.db.query(`update meetings set minutes_no = '衡点评纪〔2099〕' || id || '号', minutes_issued_at = now(), status = 'held' where id = $1`, [meetingId]);
  await t.db.query('insert into meeting_receipts (meeting_id, unit_id, delivered_at) values ($1, $2, now())', [meetingId, unit]);
  return meetingId;
}

/** A problem of a unit on the ledger, with one requirement and one evidence file (made directly: the flow has its own tests). */
async function problemIn(unit: number, status: 'rectifying' | 'submitted' = 'rectifying'): Promise<{ id: number; requirementId: number; evidenceId: number }> {
  const [p] = await t.db.query<{ id: number }>(
    `insert into problems (title, source, unit_id, responsible_leader, start_date, deadline, status) values ('矩阵测试问题', 'audit', $1, '王主任', '2021-03-01', '2099-06-30', $2) returning id`,
    [unit, status],
  );
  const [q] = await t.db.query<{ id: number }>(`insert into problem_requirements (problem_id, position, text, done) values ($1, 1, '整改到位', $2) returning id`, [p!.id, status === 'submitted']);
  await t.db.query(`insert into stored_files (sha256, mime, size, content) values (encode(sha256($1::bytea), 'hex'), 'image/png', length($1::bytea), $1::bytea) on conflict do nothing`, [PNG]);
  const [e] = await t.db.query<{ id: number }>(
    `insert into problem_evidence (problem_id, requirement_id, filename, mime, size, sha256) values ($1, $2, 'matrix.png', 'image/png', length($3::bytea), encode(sha256($3::bytea), 'hex')) returning id`,
    [p!.id, q!.id, PNG],
  );
  return { id: p!.id, requirementId: q!.id, evidenceId: e!.id };
}

/** An undercover inspection with one finding and its photo; the finding is a problem of `unit` when one is given. */
async function inspectionIn(unit: number | null): Promise<{ id: number; findingId: number; mediaId: number }> {
  const [i] = await t.db.query<{ id: number }>(`insert into inspections (inspected_on, place, inspector) values ('2021-03-05', '矩阵暗访地点', '矩阵督查员') returning id`);
  const [f] = await t.db.query<{ id: number }>(`insert into inspection_findings (inspection_id, title, latitude, longitude) values ($1, '矩阵暗访发现', 26.9, 112.6) returning id`, [i!.id]);
  if (unit !== null) {
    await t.db.query(
      `insert into problems (title, source, finding_id, unit_id, responsible_leader, start_date, deadline) values ('矩阵暗访问题', 'inspection', $1, $2, '王主任', '2021-03-05', '2099-06-30')`,
      [f!.id, unit],
    );
  }
  await t.db.query(`insert into stored_files (sha256, mime, size, content) values (encode(sha256($1::bytea), 'hex'), 'image/png', length($1::bytea), $1::bytea) on conflict do nothing`, [PNG]);
  const [m] = await t.db.query<{ id: number }>(
    `insert into inspection_media (finding_id, kind, filename, mime, size, sha256, thumbnail_sha256) values ($1, 'image', 'matrix.png', 'image/png', length($2::bytea), encode(sha256($2::bytea), 'hex'), encode(sha256($2::bytea), 'hex')) returning id`,
    [f!.id, PNG],
  );
  return { id: i!.id, findingId: f!.id, mediaId: m!.id };
}

/** An unread inbox message of a user (made directly: reminders have their own tests). */
async function inboxItemFor(username: string): Promise<number> {
  const [row] = await t.db.query<{ id: number }>(
    `insert into inbox_items (user_id, kind, title, body) select id, 'overdue', '【到期催办】矩阵测试事项', '请办理' from users where username = $1 returning id`,
    [username],
  );
  return row!.id;
}

/** A fresh suggestion to a unit, brought to a state of its handling (set directly: the routes that do so are tested elsewhere). */
/** The token of an Open311 request (made once, straight in the database: filing one is rate-limited per network). */
let matrixToken: Promise<string> | undefined;
function open311Token(): Promise<string> {
  matrixToken ??= (async () => {
    const [unit] = await t.db.query<{ id: number }>('select id from units where code = $1', [HOME_UNIT]);
    await t.db.query(`insert into suggestions (source, unit_id, body, ticket, address) values ('open311', $1, '矩阵测试', 'MTRX-TOKN-01', '矩阵测试路')`, [unit!.id]);
    return 'MTRX-TOKN-01';
  })();
  return matrixToken;
}

async function suggestionIn(unit: number, state: 'new' | 'sorted' | 'forwarded' | 'replied'): Promise<number> {
  const res = await t.app.inject({ method: 'POST', url: '/api/p/matrix-open/responses', payload: await openResponse('matrix-open', unit) });
  const { receipt } = await created<{ receipt: string }>(res);
  const [s] = await t.db.query<{ id: number }>('select s.id from suggestions s join responses r on r.id = s.response_id where r.receipt = $1', [receipt]);
  if (state !== 'new') {
    await t.db.query(
      `update suggestions set category = 'clear', status = $2, notice_no = case when $2 = 'sorted' then null else '衡绩改〔2099〕1号' end,
         deadline = case when $2 = 'sorted' then null else date '2099-12-31' end, reply = case when $2 = 'replied' then '已处理' end where id = $1`,
      [s!.id, state],
    );
  }
  return s!.id;
}

/** A one-row workbook with the given headers, as the import routes take. */
async function workbook(values: Record<string, string>): Promise<Buffer> {
  const columns = Object.keys(values).map((header) => ({ key: header, header, value: (r: Record<string, string>) => r[header] ?? null }));
  return writeSheet('导入', columns, [values]);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const xlsx = (method: 'POST', url: string, body: Buffer): Req => ({ method, url, body, headers: { 'content-type': XLSX_MIME } });

/** A fresh 2021 major project of a unit (made directly: the register's routes have their own tests). */
async function projectIn(unit: number): Promise<number> {
  const [row] = await t.db.query<{ id: number }>(
    `insert into projects (code, name, category, year, unit_id, responsible_leader, planned_start, annual_plan, total_investment, funds_allocated)
     values ('MXP-' || nextval('projects_id_seq'), '矩阵测试项目', 'key', 2021, $1, '王主任', '2021-03-01', 1000, 5000, 800) returning id`,
    [unit],
  );
  return row!.id;
}

/** A bulletin in the given state addressed to a unit, made directly (the bulletins' flow has its own tests). */
let matrixSeries: number | null = null;
async function bulletinIn(status: 'draft' | 'approved' | 'issued', unit: number): Promise<number> {
  if (matrixSeries === null) {
    const [s] = await t.db.query<{ id: number }>(
      `insert into bulletin_series (code, name, kind, number_prefix, issuer, office_role, recipients, sections, signer_id)
       values ('matrix', '矩阵通报', 'special', '矩阵通', '矩阵办公室', 'office', '{}', '{overview,tasks,requirements}', (select id from users where username = 'office')) returning id`,
    );
    matrixSeries = s!.id;
  }
  const snapshot = {
    asOf: '2021-11-20', from: '2021-11-11', builtAt: '2021-11-21T00:00:00.000Z', run: null, rankings: [], progress: [],
    tasks: { totals: { green: 1, blue: 0, yellow: 0, red: 0, overdue: 0 }, units: [{ unitId: unit, name: '单位', green: 1, blue: 0, yellow: 0, red: 0, overdue: 0 }], overdue: [] },
    ledger: { opened: 0, closed: 0, open: 0, overdue: 0, units: [] }, inspections: [], projects: { schedule: null, units: [] }, participation: [], mentions: [unit],
  };
  const issued = status === 'issued';
  const [b] = await t.db.query<{ id: number }>(
    `insert into bulletins (series_id, year, seq, doc_number, title, as_of, status, sections, overview, requirements, snapshot, built_at, recipients, signer_id, issued_at, issue_date)
     values ($1, 2021, $2, $3, '矩阵通报', '2021-11-20', $4, '[{"key":"overview","enabled":true},{"key":"tasks","enabled":true}]', '一、总体情况\n矩阵。', '', $5, now(), $6,
             (select id from users where username = 'office'), $7, $8) returning id`,
    [matrixSeries, issued ? Math.floor(Math.random() * 1e9) : null, issued ? '矩阵通〔2021〕1号' : null, status, JSON.stringify(snapshot), [unit], issued ? new Date() : null, issued ? '2021-11-22' : null],
  );
  if (issued) await t.db.query('insert into bulletin_receipts (bulletin_id, unit_id, delivered_at) values ($1, $2, now())', [b!.id, unit]);
  return b!.id;
}

/** The declared matrix: one entry per route, in the order of the modules. */
const MATRIX: Record<string, Entry> = {
  'GET /api/health': { public: true, roles: everyone(), build: () => ({ method: 'GET', url: '/api/health' }) },
  'GET /api/health/live': { public: true, roles: everyone(), build: () => ({ method: 'GET', url: '/api/health/live' }) },
  'GET /api/health/ready': { public: true, roles: everyone(), build: () => ({ method: 'GET', url: '/api/health/ready' }) },
  // Open to every caller from an address of METRICS_ALLOW (these requests come from loopback); refused by address, not role, elsewhere.
  'GET /metrics': { public: true, roles: everyone(), build: () => ({ method: 'GET', url: '/metrics' }) },
  'GET /api/deployment': { public: true, roles: everyone(), build: () => ({ method: 'GET', url: '/api/deployment' }) },

  // ---- auth: everyone signed in manages their own session and password ----
  'POST /api/auth/login': {
    public: true,
    roles: everyone(),
    build: (c) => ({ method: 'POST', url: '/api/auth/login', body: { username: c.username ?? 'leader', password: DEMO_PASSWORD } }),
  },
  'GET /api/auth/me': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/auth/me' }) },
  'POST /api/auth/logout': { session: 'fresh', roles: everyone(), build: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'POST /api/auth/password': {
    session: 'twin',
    roles: everyone(),
    build: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: DEMO_PASSWORD, newPassword: 'matrix-new-password-1' } }),
  },

  // ---- units and groups: everyone reads the city's map; admin and the performance office keep it ----
  'GET /api/units': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/units' }) },
  'GET /api/units/export.xlsx': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/units/export.xlsx' }) },
  'GET /api/units/:id': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/units/${c.unitId}` }) },
  'POST /api/units': {
    roles: officeKeeps,
    build: (c) => ({
      method: 'POST',
      url: '/api/units',
      body: { code: `MU-${c.actor}`, name: `矩阵单位 ${c.actor}`, kind: 'municipal', groupId: c.fx.municipalGroupId },
    }),
  },
  'POST /api/units/import': {
    roles: officeKeeps,
    build: async (c) =>
      xlsx(
        'POST',
        '/api/units/import',
        await workbook({ 单位代码: `MI-${c.actor}`, 单位名称: `矩阵导入单位 ${c.actor}`, 类型: '市直单位', 考核组别: c.fx.municipalGroupName }),
      ),
  },
  'PATCH /api/units/:id': {
    roles: officeKeeps,
    build: (c) => ({ method: 'PATCH', url: `/api/units/${c.fx.patchUnitId}`, body: { shortName: `改${c.actor}` } }),
  },
  'GET /api/groups': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/groups' }) },
  'POST /api/groups': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: '/api/groups', body: { code: `MG-${c.actor}`, name: `矩阵组别 ${c.actor}`, kind: 'park' } }),
  },
  'PATCH /api/groups/:id': {
    roles: officeKeeps,
    build: (c) => ({ method: 'PATCH', url: `/api/groups/${c.fx.patchGroupId}`, body: { nameEn: `renamed by ${c.actor}` } }),
  },

  // ---- users: admin manages accounts; the performance office reads them; a unit head reads their own unit's ----
  'GET /api/users': {
    roles: { ...officeKeeps, supervisor: A, leader: A, head: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/users?unitId=${c.unitId}` }),
  },
  'GET /api/users/export.xlsx': {
    // A head may call it; the file then holds their own unit's accounts only.
    roles: { ...officeKeeps, supervisor: A, leader: A, head: A },
    build: () => ({ method: 'GET', url: '/api/users/export.xlsx' }),
  },
  'GET /api/users/:id': {
    roles: { ...officeKeeps, supervisor: A, leader: A, head: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/users/${c.fx.targetUser.get(c.unitId)}` }),
  },
  'POST /api/users': {
    roles: adminOnly,
    build: (c) => ({
      method: 'POST',
      url: '/api/users',
      body: { username: `mu-${c.actor}`, displayName: `矩阵用户 ${c.actor}`, role: 'reporter', unitId: c.fx.homeUnitId, password: DEMO_PASSWORD },
    }),
  },
  'POST /api/users/import': {
    roles: adminOnly,
    build: async (c) =>
      xlsx(
        'POST',
        '/api/users/import',
        await workbook({ 用户名: `mi-${c.actor}`, 姓名: `矩阵导入 ${c.actor}`, 角色: 'reporter', 单位代码: HOME_UNIT, 初始密码: DEMO_PASSWORD }),
      ),
  },
  'PATCH /api/users/:id': {
    roles: adminOnly,
    build: (c) => ({ method: 'PATCH', url: `/api/users/${c.fx.patchUserId}`, body: { displayName: `改名 ${c.actor}` } }),
  },

  // ---- API tokens: only admin issues, lists and revokes them ----
  'GET /api/tokens': { roles: adminOnly, build: () => ({ method: 'GET', url: '/api/tokens' }) },
  'POST /api/tokens': {
    roles: adminOnly,
    build: (c) => ({ method: 'POST', url: '/api/tokens', body: { name: `matrix ${c.actor}`, role: 'leader' } }),
  },
  'DELETE /api/tokens/:id': {
    roles: adminOnly,
    build: (c) => ({ method: 'DELETE', url: `/api/tokens/${c.fx.tokenId.get(c.actor)}` }),
  },

  // ---- audit: the city-wide roles read the whole log, a unit head their own unit's; only admin verifies the chain ----
  'GET /api/audit': {
    roles: { ...everyone(A), head: O, reporter: D, datasource: D },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/audit?unitId=${c.unitId}` }),
  },
  'GET /api/audit/verify': { roles: adminOnly, build: () => ({ method: 'GET', url: '/api/audit/verify' }) },

  // ---- schemes: everyone reads the scheme that assesses them; the performance office writes and publishes ----
  'GET /api/schemas/scheme.json': { public: true, roles: everyone(), build: () => ({ method: 'GET', url: '/api/schemas/scheme.json' }) },
  'GET /api/schemes': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/schemes' }) },
  'GET /api/schemes/:id': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.schemeDraftId}` }) },
  'GET /api/schemes/:id/export': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.schemeDraftId}/export?format=json` }) },
  'POST /api/schemes/validate': { roles: officeKeeps, build: () => ({ method: 'POST', url: '/api/schemes/validate', body: smallScheme() }) },
  'POST /api/schemes': { roles: officeKeeps, build: (c) => ({ method: 'POST', url: '/api/schemes', body: smallScheme({ code: `MS-${c.actor}` }) }) },
  'PUT /api/schemes/:id': {
    roles: officeKeeps,
    build: (c) => ({ method: 'PUT', url: `/api/schemes/${c.fx.schemeDraftId}`, body: smallScheme({ code: 'MATRIX-DRAFT', name: `改名 ${c.actor}` }) }),
  },
  'POST /api/schemes/:id/publish': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/schemes/${c.fx.publishId.get(c.actor)}/publish` }),
  },
  'GET /api/schemes/:id/periods': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.rpt.schemeId}/periods` }) },
  'PATCH /api/periods/:id': {
    roles: officeKeeps,
    build: (c) => ({ method: 'PATCH', url: `/api/periods/${c.fx.rpt.period['2021-10']}`, body: { status: 'open' } }),
  },

  // ---- reporting: a unit's reporter and head enter and submit its data; the office reviews and decides corrections ----
  'GET /api/data': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/data?unitId=${c.unitId}&periodId=${c.fx.rpt.period['2021-03']}` }),
  },
  'GET /api/data/template.xlsx': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/data/template.xlsx?unitId=${c.unitId}&periodId=${c.fx.rpt.period['2021-03']}` }),
  },
  'GET /api/data/due': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/data/due?unitId=${c.unitId}` }),
  },
  'PUT /api/data': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: (c) => ({
      method: 'PUT',
      url: '/api/data',
      body: { unitId: c.unitId, periodId: c.fx.rpt.period['2021-03'], values: [{ indicatorId: c.fx.rpt.e2, value: c.actor.length }] },
    }),
  },
  'POST /api/data/import': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: async (c) =>
      xlsx('POST', `/api/data/import?unitId=${c.unitId}&periodId=${c.fx.rpt.period['2021-07']}`, await workbook({ 指标代码: 'E2', 填报值: String(c.actor.length + 0.5) })),
  },
  'POST /api/data/submit': {
    roles: { ...everyone(D), head: O },
    other: D,
    build: (c) => ({ method: 'POST', url: '/api/data/submit', body: { unitId: c.unitId, periodId: c.fx.rpt.period['2021-04'] } }),
  },
  'POST /api/data/no-events': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: (c) => ({ method: 'POST', url: '/api/data/no-events', body: { unitId: c.unitId, periodId: c.fx.rpt.year, indicatorIds: [c.fx.rpt.b] } }),
  },
  'POST /api/values/:id/return': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/values/${c.fx.rpt.approvedValue.get(c.actor) ?? c.fx.rpt.approvedValue.get('admin')}/return`, body: { reason: `矩阵 ${c.actor}` } }),
  },
  // Last year's values: city-wide roles read them, the office (or the indicator's data-source unit, none here) enters them.
  'GET /api/schemes/:id/indicators/:code/last-year': {
    roles: cityWide,
    build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.rpt.schemeId}/indicators/E1/last-year` }),
  },
  'GET /api/schemes/:id/indicators/:code/last-year.xlsx': {
    roles: cityWide,
    build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.rpt.schemeId}/indicators/E1/last-year.xlsx` }),
  },
  'PUT /api/schemes/:id/indicators/:code/last-year': {
    roles: officeKeeps,
    build: (c) => ({ method: 'PUT', url: `/api/schemes/${c.fx.rpt.schemeId}/indicators/E1/last-year`, body: { values: [{ unitId: c.fx.homeUnitId, value: c.actor.length }] } }),
  },
  'POST /api/schemes/:id/indicators/:code/last-year/import': {
    roles: officeKeeps,
    build: async (c) => xlsx('POST', `/api/schemes/${c.fx.rpt.schemeId}/indicators/E1/last-year/import`, await workbook({ 单位代码: HOME_UNIT, 上年值: String(c.actor.length + 0.5) })),
  },
  'POST /api/data/review': {
    roles: officeKeeps,
    build: (c) => ({
      method: 'POST',
      url: '/api/data/review',
      body: { unitId: c.fx.homeUnitId, periodId: c.fx.rpt.period[c.actor === 'office' ? '2021-06' : '2021-05'], decision: 'approve' },
    }),
  },
  'GET /api/data/review-queue': {
    // A data source gets the unit-periods of the indicators it supplies (none here, so an empty list).
    roles: { ...officeKeeps, datasource: A },
    build: (c) => ({ method: 'GET', url: `/api/data/review-queue?schemeId=${c.fx.rpt.schemeId}` }),
  },
  'POST /api/data/review/bulk': {
    // A data source may use it; an item of indicators it does not supply is reported in the answer, not refused as a whole.
    roles: { ...officeKeeps, datasource: A },
    build: (c) => ({ method: 'POST', url: '/api/data/review/bulk', body: { items: [{ unitId: c.fx.homeUnitId, periodId: c.fx.rpt.period['2021-08'] }] } }),
  },
  'GET /api/data/status': {
    roles: officeKeeps,
    build: (c) => ({ method: 'GET', url: `/api/data/status?periodId=${c.fx.rpt.period['2021-03']}&behind=1` }),
  },
  'GET /api/corrections': {
    roles: officeKeeps,
    build: (c) => ({ method: 'GET', url: `/api/corrections?status=pending&schemeId=${c.fx.rpt.schemeId}` }),
  },
  'POST /api/values/:id/corrections': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: (c) => ({ method: 'POST', url: `/api/values/${c.fx.rpt.lockedValue.get(c.unitId)}/corrections`, body: { value: 9, reason: `矩阵 ${c.actor}` } }),
  },
  'POST /api/corrections/:id/decide': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/corrections/${c.fx.rpt.correction.get(c.actor) ?? c.fx.rpt.correction.get('admin')}/decide`, body: { decision: 'approve' } }),
  },
  'GET /api/values/:id/evidence': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/values/${c.fx.rpt.draftValue.get(c.unitId)}/evidence` }),
  },
  'POST /api/values/:id/evidence': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: (c) => ({ method: 'POST', url: `/api/values/${c.fx.rpt.draftValue.get(c.unitId)}/evidence`, body: PNG, headers: { 'content-type': 'image/png', 'x-filename': 'photo.png' } }),
  },
  'GET /api/evidence/:id': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/evidence/${c.fx.rpt.evidence.get(c.unitId)}` }),
  },
  // ---- scores: the office runs scoring; everyone sees results, a unit only its own ----
  'POST /api/schemes/:id/runs': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/schemes/${c.fx.rpt.schemeId}/runs`, body: { asOf: '2021-12-31' } }),
  },
  'GET /api/schemes/:id/runs': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.rpt.schemeId}/runs` }) },
  'GET /api/schemes/:id/trend': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/schemes/${c.fx.rpt.schemeId}/trend?unitId=${c.unitId}` }),
  },
  'GET /api/runs/compare': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/runs/compare?from=${c.fx.rpt.runId}&to=${c.fx.rpt.runId}` }) },
  'GET /api/runs/:id': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/runs/${c.fx.rpt.runId}` }) },
  'GET /api/runs/:id/export.xlsx': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/runs/${c.fx.rpt.runId}/export.xlsx` }) },
  'GET /api/runs/:id/progress': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/runs/${c.fx.rpt.runId}/progress` }) },
  'GET /api/runs/:id/progress.xlsx': { roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/runs/${c.fx.rpt.runId}/progress.xlsx` }) },
  'GET /api/runs/:id/units/:unitId': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/runs/${c.fx.rpt.runId}/units/${c.unitId}` }),
  },
  // Documents are asked for as .docx here: the PDF is the same document through LibreOffice (document-routes.test.ts).
  'GET /api/runs/:id/units/:unitId/scorecard': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/runs/${c.fx.rpt.runId}/units/${c.unitId}/scorecard?format=docx` }),
  },
  'GET /api/runs/:id/groups/:group/scorecards': {
    roles: cityWide,
    build: async (c) => {
      const [g] = await t.db.query<{ group_code: string }>('select group_code from unit_scores where run_id = $1 order by group_code limit 1', [c.fx.rpt.runId]);
      return { method: 'GET', url: `/api/runs/${c.fx.rpt.runId}/groups/${g!.group_code}/scorecards?format=docx` };
    },
  },
  // ---- public evaluation: the office runs campaigns; city-wide roles follow them; citizens need no account ----
  'GET /api/campaigns': { roles: cityWide, build: () => ({ method: 'GET', url: '/api/campaigns' }) },
  'POST /api/campaigns': { roles: officeKeeps, build: (c) => ({ method: 'POST', url: '/api/campaigns', body: campaignBody(`matrix-new-${c.actor}`) }) },
  'GET /api/campaigns/:id': { roles: cityWide, build: (c) => ({ method: 'GET', url: `/api/campaigns/${c.fx.cmp.openId}` }) },
  'PATCH /api/campaigns/:id': { roles: officeKeeps, build: (c) => ({ method: 'PATCH', url: `/api/campaigns/${c.fx.cmp.openId}`, body: { name: `改名 ${c.actor}` } }) },
  'POST /api/campaigns/:id/open': {
    roles: officeKeeps,
    build: async (c) => ({ method: 'POST', url: `/api/campaigns/${await draftCampaign(`matrix-open-${c.actor}`)}/open` }),
  },
  'POST /api/campaigns/:id/close': {
    roles: officeKeeps,
    build: async (c) => ({ method: 'POST', url: `/api/campaigns/${await openCampaign(`matrix-close-${c.actor}`)}/close` }),
  },
  'PUT /api/campaigns/:id/cards/:unitId': {
    roles: officeKeeps,
    build: (c) => ({ method: 'PUT', url: `/api/campaigns/${c.fx.cmp.openId}/cards/${c.fx.homeUnitId}`, body: { duties: '职责', highlights: '亮点' } }),
  },
  'POST /api/campaigns/:id/invitations': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/campaigns/${c.fx.cmp.openId}/invitations`, body: { count: 2, batch: `matrix ${c.actor}` } }),
  },
  'GET /api/campaigns/:id/participation': { roles: cityWide, build: (c) => ({ method: 'GET', url: `/api/campaigns/${c.fx.cmp.openId}/participation` }) },
  'GET /api/campaigns/:id/results': { roles: cityWide, build: (c) => ({ method: 'GET', url: `/api/campaigns/${c.fx.cmp.closedId}/results` }) },
  'POST /api/campaigns/:id/exclusions': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/campaigns/${c.fx.cmp.closedId}/exclusions`, body: { responseIds: [c.fx.cmp.closedResponseId], excluded: true, reason: '矩阵测试' } }),
  },
  'GET /api/sms-outbox': { roles: adminOnly, build: () => ({ method: 'GET', url: '/api/sms-outbox' }) },
  'GET /api/p/:slug': { public: true, roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/p/${c.fx.cmp.openSlug}` }) },
  'GET /api/p/:slug/invitations/:token': { public: true, roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/p/${c.fx.cmp.openSlug}/invitations/not-a-real-token` }) },
  'POST /api/p/:slug/sms-codes': {
    public: true,
    roles: everyone(),
    build: (c) => ({ method: 'POST', url: `/api/p/${c.fx.cmp.openSlug}/sms-codes`, body: { phone: `139${String(++phoneSeq).padStart(8, '0')}` } }),
  },
  'POST /api/p/:slug/responses': {
    public: true,
    roles: everyone(),
    build: async (c) => ({ method: 'POST', url: `/api/p/${c.fx.cmp.openSlug}/responses`, body: await openResponse(c.fx.cmp.openSlug) }),
  },
  'GET /api/campaigns/:id/flags': { roles: officeKeeps, build: (c) => ({ method: 'GET', url: `/api/campaigns/${c.fx.cmp.closedId}/flags` }) },
  'POST /api/campaigns/:id/flags/scan': { roles: officeKeeps, build: (c) => ({ method: 'POST', url: `/api/campaigns/${c.fx.cmp.closedId}/flags/scan` }) },
  'GET /api/campaigns/:id/stats': { roles: cityWide, build: (c) => ({ method: 'GET', url: `/api/campaigns/${c.fx.cmp.closedId}/stats` }) },

  // ---- suggestions: the office sorts, forwards and reviews; a unit sees what was forwarded to it and its head answers ----
  'GET /api/suggestions': { roles: { ...everyone(A), datasource: D }, build: () => ({ method: 'GET', url: '/api/suggestions' }) },
  'GET /api/suggestions/:id': {
    roles: { ...cityWide, head: O, reporter: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/suggestions/${await suggestionIn(c.unitId, 'forwarded')}` }),
  },
  'GET /api/suggestions/:id/notice': {
    roles: { ...cityWide, head: O, reporter: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/suggestions/${await suggestionIn(c.unitId, 'forwarded')}/notice?format=docx` }),
  },
  'POST /api/suggestions/sort': {
    roles: officeKeeps,
    build: async (c) => ({ method: 'POST', url: '/api/suggestions/sort', body: { ids: [await suggestionIn(c.unitId, 'new')], category: 'clear' } }),
  },
  'POST /api/suggestions/forward': {
    roles: officeKeeps,
    build: async (c) => ({ method: 'POST', url: '/api/suggestions/forward', body: { ids: [await suggestionIn(c.unitId, 'sorted')], deadline: '2099-12-31' } }),
  },
  'POST /api/suggestions/:id/reply': {
    roles: { ...everyone(D), head: O },
    other: D,
    build: async (c) => ({ method: 'POST', url: `/api/suggestions/${await suggestionIn(c.unitId, 'forwarded')}/reply`, body: { reply: '已安排专人处理，月底前完成。' } }),
  },
  'POST /api/suggestions/:id/review': {
    roles: officeKeeps,
    build: async (c) => ({ method: 'POST', url: `/api/suggestions/${await suggestionIn(c.unitId, 'replied')}/review`, body: { decision: 'accept' } }),
  },

  // ---- supervision: the supervision office assigns and closes out; a unit works on what it leads or helps with ----
  'GET /api/tasks': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/tasks' }) },
  'POST /api/tasks': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: (c) => ({
      method: 'POST',
      url: '/api/tasks',
      body: { title: '矩阵测试事项', source: 'meeting', leadUnitId: c.fx.homeUnitId, responsibleLeader: '王主任', startDate: '2021-03-01', deadline: '2021-06-30' },
    }),
  },
  'GET /api/tasks/:id': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/tasks/${await taskIn(c.unitId)}` }),
  },
  'POST /api/tasks/:id/actions': {
    // A progress report: the lead unit's people only (other steps are covered by the flow's own table).
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: async (c) => ({ method: 'POST', url: `/api/tasks/${await taskIn(c.unitId)}/actions`, body: { action: 'report', progress: 50, note: '进展' } }),
  },
  'GET /api/tasks/export.xlsx': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/tasks/export.xlsx' }) },
  'POST /api/tasks/:id/evidence': {
    // Evidence for a progress report: the units working on the task only.
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: async (c) => ({ method: 'POST', url: `/api/tasks/${await taskIn(c.unitId)}/evidence`, body: PNG, headers: { 'content-type': 'image/png' } }),
  },
  'GET /api/tasks/:id/evidence/:evidenceId': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => {
      const id = await taskIn(c.unitId);
      await t.db.query(`insert into stored_files (sha256, mime, size, content) values (encode(sha256($1::bytea), 'hex'), 'image/png', length($1::bytea), $1::bytea) on conflict do nothing`, [PNG]);
      const [e] = await t.db.query<{ id: number }>(
        `insert into task_evidence (task_id, filename, mime, size, sha256) values ($1, 'matrix.png', 'image/png', length($2::bytea), encode(sha256($2::bytea), 'hex')) returning id`,
        [id, PNG],
      );
      return { method: 'GET', url: `/api/tasks/${id}/evidence/${e!.id}` };
    },
  },
  'GET /api/supervision/settings': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/supervision/settings' }) },
  // The overview: every role reads it; a unit's people get their own unit's row only (checked in supervision-overview.test.ts).
  'GET /api/supervision/overview': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/supervision/overview' }) },
  'GET /api/workbench': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/workbench' }) },
  'GET /api/supervision/overview/export.xlsx': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/supervision/overview/export.xlsx' }) },
  'PUT /api/supervision/settings': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: () => ({ method: 'PUT', url: '/api/supervision/settings', body: { leaderReview: true, signFor: true, blueDays: 3, lagTolerance: 0, graceDays: 3 } }),
  },

  // ---- reminders: everyone reads their own inbox and keeps their own contacts; the supervision office sets the rules; the administrator keeps the calendar and webhooks ----
  // ---- bulletins: the series' office drafts, edits and issues; its signer approves; a unit reads what was sent to it and signs for its own unit ----
  'GET /api/bulletin-series': { roles: cityWide, build: () => ({ method: 'GET', url: '/api/bulletin-series' }) },
  'PATCH /api/bulletin-series/:id': {
    roles: officeKeeps,
    build: async () => {
      await bulletinIn('draft', fx.homeUnitId);
      return { method: 'PATCH', url: `/api/bulletin-series/${matrixSeries}`, body: { addresseeText: '各县市区人民政府' } };
    },
  },
  'GET /api/bulletins': { roles: { ...everyone(A), datasource: D }, build: () => ({ method: 'GET', url: '/api/bulletins' }) },
  'GET /api/bulletins/pending': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/bulletins/pending' }) },
  'POST /api/bulletins': {
    roles: officeKeeps,
    build: async () => {
      await bulletinIn('draft', fx.homeUnitId);
      return { method: 'POST', url: '/api/bulletins', body: { seriesId: matrixSeries, asOf: '2021-11-20' } };
    },
  },
  'GET /api/bulletins/:id': {
    roles: { ...cityWide, head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'GET', url: `/api/bulletins/${await bulletinIn('issued', c.unitId)}` }),
  },
  'PATCH /api/bulletins/:id': {
    roles: officeKeeps,
    build: async (c) => ({ method: 'PATCH', url: `/api/bulletins/${await bulletinIn('draft', c.unitId)}`, body: { overview: '一、总体情况\n改写。' } }),
  },
  'POST /api/bulletins/:id/build': { roles: officeKeeps, build: async (c) => ({ method: 'POST', url: `/api/bulletins/${await bulletinIn('draft', c.unitId)}/build` }) },
  // Only the series' designated signer (here the office account) approves; an administrator is not the signer.
  'POST /api/bulletins/:id/approve': {
    roles: { ...everyone(D), office: A },
    build: async (c) => ({ method: 'POST', url: `/api/bulletins/${await bulletinIn('draft', c.unitId)}/approve` }),
  },
  'POST /api/bulletins/:id/issue': { roles: officeKeeps, build: async (c) => ({ method: 'POST', url: `/api/bulletins/${await bulletinIn('approved', c.unitId)}/issue` }) },
  'POST /api/bulletins/:id/sign': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'POST', url: `/api/bulletins/${await bulletinIn('issued', c.unitId)}/sign` }),
  },
  'POST /api/bulletins/:id/remind': { roles: officeKeeps, build: async (c) => ({ method: 'POST', url: `/api/bulletins/${await bulletinIn('issued', c.unitId)}/remind`, body: {} }) },
  'GET /api/bulletins/:id/document': {
    roles: { ...cityWide, head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'GET', url: `/api/bulletins/${await bulletinIn('issued', c.unitId)}/document` }),
  },
  'GET /api/bulletins/:id/annex': {
    roles: { ...cityWide, head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'GET', url: `/api/bulletins/${await bulletinIn('issued', c.unitId)}/annex` }),
  },

  'GET /api/inbox': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/inbox' }) },
  'POST /api/inbox/:id/read': {
    roles: everyone(),
    build: async (c) => ({ method: 'POST', url: `/api/inbox/${await inboxItemFor(c.username ?? 'admin')}/read` }),
  },
  'POST /api/inbox/read-all': { roles: everyone(), build: () => ({ method: 'POST', url: '/api/inbox/read-all' }) },
  'GET /api/reminders/contacts': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/reminders/contacts' }) },
  'PUT /api/reminders/contacts': {
    roles: everyone(),
    build: (c) => ({ method: 'PUT', url: '/api/reminders/contacts', body: { email: `${c.actor}@matrix.example.gov.cn`, phone: '13800000000' } }),
  },
  'PUT /api/reminders/contacts/:userId': {
    roles: adminOnly,
    build: (c) => ({ method: 'PUT', url: `/api/reminders/contacts/${c.fx.patchUserId}`, body: { email: 'patched@matrix.example.gov.cn', phone: null } }),
  },
  'GET /api/reminders/settings': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/reminders/settings' }) },
  'PUT /api/reminders/settings': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: () => ({
      method: 'PUT',
      url: '/api/reminders/settings',
      body: { leadDays: 3, repeatDays: 2, escalateHeadAfter: 2, escalateOfficeAfter: 5, sendHour: 9, channels: { email: true, sms: false, webhook: true } },
    }),
  },
  'GET /api/reminders': { roles: cityWide, build: () => ({ method: 'GET', url: '/api/reminders' }) },
  'GET /api/calendar': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/calendar?year=2021' }) },
  'PUT /api/calendar/days/:date': {
    roles: adminOnly,
    build: () => ({ method: 'PUT', url: '/api/calendar/days/2030-02-04', body: { kind: 'holiday', name: '矩阵测试' } }),
  },
  'DELETE /api/calendar/days/:date': {
    roles: adminOnly,
    build: async (c) => {
      const day = `2031-01-${String(ROLE_ACTORS.indexOf(c.actor as Role) + 10).padStart(2, '0')}`;
      await t.db.query(`insert into work_calendar (day, kind, name) values ($1, 'holiday', '矩阵测试') on conflict (day) do nothing`, [day]);
      return { method: 'DELETE', url: `/api/calendar/days/${day}` };
    },
  },
  'GET /api/webhooks': { roles: adminOnly, build: () => ({ method: 'GET', url: '/api/webhooks' }) },
  'POST /api/webhooks': {
    roles: adminOnly,
    build: (c) => ({ method: 'POST', url: '/api/webhooks', body: { name: `矩阵 ${c.actor}`, url: 'http://203.0.113.10/matrix' } }),
  },
  'DELETE /api/webhooks/:id': {
    roles: adminOnly,
    build: async () => {
      const [w] = await t.db.query<{ id: number }>(`insert into webhooks (name, url, secret, kinds) values ('矩阵删除', 'http://127.0.0.1:9/x', 'whsec_matrix', '{overdue}') returning id`);
      return { method: 'DELETE', url: `/api/webhooks/${w!.id}` };
    },
  },

  // ---- problem ledger (挂账销号): the supervision office puts on the ledger and closes out; a unit rectifies its own ----
  'GET /api/problems': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/problems' }) },
  'GET /api/problems/export.xlsx': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/problems/export.xlsx' }) },
  'POST /api/problems': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: (c) => ({
      method: 'POST',
      url: '/api/problems',
      body: { title: '矩阵测试问题', source: 'audit', unitId: c.fx.homeUnitId, responsibleLeader: '王主任', deadline: '2099-06-30', requirements: ['整改到位'] },
    }),
  },
  'GET /api/problems/:id': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/problems/${(await problemIn(c.unitId)).id}` }),
  },
  'POST /api/problems/:id/requirements/:requirementId/report': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: async (c) => {
      const p = await problemIn(c.unitId);
      return { method: 'POST', url: `/api/problems/${p.id}/requirements/${p.requirementId}/report`, body: { done: true, report: '已整改' } };
    },
  },
  'POST /api/problems/:id/requirements/:requirementId/evidence': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: D,
    build: async (c) => {
      const p = await problemIn(c.unitId);
      return { method: 'POST', url: `/api/problems/${p.id}/requirements/${p.requirementId}/evidence`, body: PNG, headers: { 'content-type': 'image/png' } };
    },
  },
  'GET /api/problems/:id/evidence/:evidenceId': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => {
      const p = await problemIn(c.unitId);
      return { method: 'GET', url: `/api/problems/${p.id}/evidence/${p.evidenceId}` };
    },
  },
  'POST /api/problems/:id/actions': {
    // Closing out (销号): the supervision office only (the other steps are covered by the flow's own tests).
    roles: { ...everyone(D), admin: A, supervisor: A },
    other: D,
    build: async (c) => ({ method: 'POST', url: `/api/problems/${(await problemIn(c.unitId, 'submitted')).id}/actions`, body: { action: 'close', note: '整改到位' } }),
  },

  // ---- undercover inspections (暗访): the supervision office records them; city-wide roles read; a unit sees the photos of its own problems ----
  'GET /api/inspections': { roles: cityWide, build: () => ({ method: 'GET', url: '/api/inspections' }) },
  'POST /api/inspections': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: () => ({ method: 'POST', url: '/api/inspections', body: { inspectedOn: '2021-03-05', place: '矩阵暗访地点', inspector: '矩阵督查员' } }),
  },
  'PATCH /api/inspections/:id': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: async () => ({ method: 'PATCH', url: `/api/inspections/${(await inspectionIn(null)).id}`, body: { streamUrl: 'https://cam.example.gov.cn/live/site.m3u8' } }),
  },
  'GET /api/inspections/map': { roles: cityWide, build: () => ({ method: 'GET', url: '/api/inspections/map' }) },
  'GET /api/inspections/:id': { roles: cityWide, build: async () => ({ method: 'GET', url: `/api/inspections/${(await inspectionIn(null)).id}` }) },
  'POST /api/inspections/:id/findings': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: async () => ({ method: 'POST', url: `/api/inspections/${(await inspectionIn(null)).id}/findings`, body: { title: '矩阵暗访发现', latitude: 26.9, longitude: 112.6 } }),
  },
  'POST /api/inspections/findings/:id/media': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: async () => ({ method: 'POST', url: `/api/inspections/findings/${(await inspectionIn(null)).findingId}/media`, body: PNG, headers: { 'content-type': 'image/png' } }),
  },
  'POST /api/inspections/findings/:id/problem': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: async (c) => ({
      method: 'POST',
      url: `/api/inspections/findings/${(await inspectionIn(null)).findingId}/problem`,
      body: { unitId: c.fx.homeUnitId, responsibleLeader: '王主任', deadline: '2099-06-30', requirements: ['整改到位'] },
    }),
  },
  'GET /api/inspections/media/:id': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/inspections/media/${(await inspectionIn(c.unitId)).mediaId}` }),
  },
  'GET /api/inspections/media/:id/thumbnail': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/inspections/media/${(await inspectionIn(c.unitId)).mediaId}/thumbnail` }),
  },

  // ---- the leaders' big screen: leaders and the two offices read it; the performance office makes its display links ----
  'GET /api/screen': { roles: screenReaders, build: () => ({ method: 'GET', url: '/api/screen' }) },
  'GET /api/screen/events': { roles: screenReaders, build: () => ({ method: 'GET', url: '/api/screen/events' }) },
  'GET /api/screen/photos/:mediaId': {
    roles: screenReaders,
    build: async () => ({ method: 'GET', url: `/api/screen/photos/${(await inspectionIn(null)).mediaId}` }),
  },
  'GET /api/screen/kiosks': { roles: officeKeeps, build: () => ({ method: 'GET', url: '/api/screen/kiosks' }) },
  'POST /api/screen/kiosks': { roles: officeKeeps, build: (c) => ({ method: 'POST', url: '/api/screen/kiosks', body: { name: `矩阵大屏 ${c.actor}` } }) },
  'POST /api/screen/kiosks/:id/revoke': {
    roles: officeKeeps,
    build: async (c) => {
      const [k] = await t.db.query<{ id: number }>(
        `insert into screen_kiosks (name, token_hash, prefix, created_by) select $1, md5($1), 'kps_matrix', id from users where username = 'admin' returning id`,
        [`矩阵吊销 ${c.actor} ${Math.random()}`],
      );
      return { method: 'POST', url: `/api/screen/kiosks/${k!.id}/revoke` };
    },
  },

  // ---- major projects: the offices keep the register; a unit reads and reports its own projects; the supervision office makes tasks of them ----
  'GET /api/projects': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/projects?unitId=${c.unitId}` }),
  },
  'POST /api/projects': {
    roles: { ...everyone(D), admin: A, office: A, supervisor: A },
    build: (c) => ({
      method: 'POST',
      url: '/api/projects',
      body: { code: `MP-${c.actor}`, name: `矩阵项目 ${c.actor}`, category: 'key', year: 2021, unitId: c.fx.homeUnitId, responsibleLeader: '王主任', plannedStart: '2021-03-01', annualPlan: 1000, totalInvestment: 5000, fundsAllocated: 800 },
    }),
  },
  'GET /api/projects/export.xlsx': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/projects/export.xlsx?unitId=${c.unitId}` }),
  },
  'GET /api/projects/template.xlsx': { roles: { ...everyone(D), admin: A, office: A, supervisor: A }, build: () => ({ method: 'GET', url: '/api/projects/template.xlsx' }) },
  'POST /api/projects/import': {
    roles: { ...everyone(D), admin: A, office: A, supervisor: A },
    build: async (c) =>
      xlsx(
        'POST',
        '/api/projects/import',
        await workbook({
          项目代码: `MPI-${c.actor}`,
          项目名称: `矩阵导入项目 ${c.actor}`,
          项目类别: '专项债',
          年度: '2021',
          责任单位代码: HOME_UNIT,
          责任领导: '王主任',
          计划开工日期: '2021-04-01',
          '年度计划投资（万元）': '1200',
          '总投资（万元）': '6000',
          '下达资金（万元）': '900',
        }),
      ),
  },
  'GET /api/projects/rates': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/projects/rates?asOf=2021-08&unitId=${c.unitId}` }),
  },
  'GET /api/projects/unit-rate': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: (c) => ({ method: 'GET', url: `/api/projects/unit-rate?unitId=${c.unitId}&rate=investmentCompletionRate&asOf=2021-08` }),
  },
  'GET /api/projects/settings': { roles: everyone(), build: () => ({ method: 'GET', url: '/api/projects/settings' }) },
  'PUT /api/projects/settings': {
    roles: { ...everyone(D), admin: A, office: A, supervisor: A },
    build: () => ({ method: 'PUT', url: '/api/projects/settings', body: { paymentBasis: 'completedInvestment', progressBasis: 'month' } }),
  },
  'GET /api/projects/:id': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/projects/${await projectIn(c.unitId)}` }),
  },
  'PATCH /api/projects/:id': {
    roles: { ...everyone(D), admin: A, office: A, supervisor: A },
    build: async (c) => ({ method: 'PATCH', url: `/api/projects/${await projectIn(c.unitId)}`, body: { responsibleLeader: `李${c.actor}` } }),
  },
  'GET /api/projects/:id/reports': {
    roles: { ...everyone(A), head: O, reporter: O, datasource: O },
    other: D,
    build: async (c) => ({ method: 'GET', url: `/api/projects/${await projectIn(c.unitId)}/reports` }),
  },
  'PUT /api/projects/:id/reports/:month': {
    roles: { ...everyone(D), admin: A, office: A, supervisor: A, head: O, reporter: O },
    other: D,
    build: async (c) => ({
      method: 'PUT',
      url: `/api/projects/${await projectIn(c.unitId)}/reports/2021-08`,
      body: { completedInvestment: 600, fundsInPlace: 500, fundsPaid: 400, started: true, startedOn: '2021-03-10' },
    }),
  },
  'POST /api/projects/:id/task': {
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: async (c) => ({ method: 'POST', url: `/api/projects/${await projectIn(c.unitId)}/task`, body: { deadline: '2099-06-30' } }),
  },

  // ---- review meetings: the two offices prepare them and record comments; every city-wide role reads them ----
  // A presenting unit's people read the meetings whose minutes went to their unit, and sign for them.
  'GET /api/meetings': { roles: { ...everyone(A), datasource: D }, build: () => ({ method: 'GET', url: '/api/meetings' }) },
  'GET /api/meetings/leaders': { roles: meetingKeepers, build: () => ({ method: 'GET', url: '/api/meetings/leaders' }) },
  'POST /api/meetings': {
    roles: meetingKeepers,
    build: (c) => ({
      method: 'POST',
      url: '/api/meetings',
      body: { kind: 'development', title: `矩阵点评会 ${c.actor}`, heldOn: '2099-01-10', presenters: [{ unitId: c.fx.homeUnitId, minutes: 8 }] },
    }),
  },
  'GET /api/meetings/:id': {
    roles: { ...cityWide, head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'GET', url: `/api/meetings/${await issuedMeetingIn(c.unitId)}` }),
  },
  'POST /api/meetings/:id/minutes/sign': {
    roles: { ...everyone(D), head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'POST', url: `/api/meetings/${await issuedMeetingIn(c.unitId)}/minutes/sign` }),
  },
  'POST /api/meetings/:id/minutes/remind': {
    roles: meetingKeepers,
    build: async (c) => ({ method: 'POST', url: `/api/meetings/${await issuedMeetingIn(c.unitId)}/minutes/remind`, body: {} }),
  },
  'PUT /api/meetings/:id': {
    roles: meetingKeepers,
    build: async (c) => ({
      method: 'PUT',
      url: `/api/meetings/${(await meetingWithComment(c.unitId)).meetingId}`,
      body: { kind: 'topic', title: `矩阵改名 ${c.actor}`, heldOn: '2099-01-11', presenters: [{ unitId: c.unitId, minutes: 10 }] },
    }),
  },
  'POST /api/meetings/:id/prepare': {
    roles: meetingKeepers,
    build: async (c) => ({ method: 'POST', url: `/api/meetings/${(await meetingWithComment(c.unitId)).meetingId}/prepare` }),
  },
  'PUT /api/meetings/:id/presenters/:presenterId/points': {
    roles: meetingKeepers,
    build: async (c) => {
      const m = await meetingWithComment(c.unitId);
      return { method: 'PUT', url: `/api/meetings/${m.meetingId}/presenters/${m.presenterId}/points`, body: { mainPoints: '矩阵测试汇报要点' } };
    },
  },
  'POST /api/meetings/:id/comments': {
    roles: meetingKeepers,
    build: async (c) => {
      const m = await meetingWithComment(c.unitId);
      return { method: 'POST', url: `/api/meetings/${m.meetingId}/comments`, body: { presenterId: m.presenterId, kind: 'commitment', speaker: '李县长', body: '矩阵测试承诺' } };
    },
  },
  'DELETE /api/meetings/:id/comments/:commentId': {
    roles: meetingKeepers,
    build: async (c) => {
      const m = await meetingWithComment(c.unitId);
      return { method: 'DELETE', url: `/api/meetings/${m.meetingId}/comments/${m.commentId}` };
    },
  },
  'POST /api/meetings/:id/comments/:commentId/task': {
    roles: meetingKeepers,
    build: async (c) => {
      const m = await meetingWithComment(c.unitId);
      return { method: 'POST', url: `/api/meetings/${m.meetingId}/comments/${m.commentId}/task`, body: {} };
    },
  },
  'POST /api/meetings/:id/minutes': {
    roles: meetingKeepers,
    build: async (c) => ({ method: 'POST', url: `/api/meetings/${(await meetingWithComment(c.unitId)).meetingId}/minutes` }),
  },
  'GET /api/meetings/:id/minutes': {
    roles: { ...cityWide, head: O, reporter: O },
    other: 'deny',
    build: async (c) => ({ method: 'GET', url: `/api/meetings/${await issuedMeetingIn(c.unitId)}/minutes?format=docx` }),
  },
  'POST /api/tasks/from-origin': {
    // From a citizen's suggestion: the supervision office (the performance office makes tasks of its meetings and rankings only).
    roles: { ...everyone(D), admin: A, supervisor: A },
    build: async (c) => ({ method: 'POST', url: '/api/tasks/from-origin', body: { origin: { kind: 'suggestion', id: await suggestionIn(c.unitId, 'sorted') }, responsibleLeader: '王主任' } }),
  },

  // ---- Open311 GeoReport v2: public, for civic clients ----
  ...Object.fromEntries(
    (['json', 'xml'] as const).flatMap((f) => [
      [`GET /open311/discovery.${f}`, { public: true, roles: everyone(), build: () => ({ method: 'GET', url: `/open311/discovery.${f}` }) }],
      [`GET /open311/v2/services.${f}`, { public: true, roles: everyone(), build: () => ({ method: 'GET', url: `/open311/v2/services.${f}` }) }],
      [`GET /open311/v2/services/:service_code.${f}`, { public: true, roles: everyone(), build: () => ({ method: 'GET', url: `/open311/v2/services/${HOME_UNIT}.${f}` }) }],
      [
        `POST /open311/v2/requests.${f}`,
        {
          public: true,
          roles: everyone(),
          build: () => ({ method: 'POST', url: `/open311/v2/requests.${f}`, body: { service_code: HOME_UNIT, description: '矩阵测试：路面坑洼需要修补', address_string: '矩阵测试路 1 号' } }),
        },
      ],
      [`GET /open311/v2/requests.${f}`, { public: true, roles: everyone(), build: () => ({ method: 'GET', url: `/open311/v2/requests.${f}` }) }],
      [
        `GET /open311/v2/requests/:id.${f}`,
        { public: true, roles: everyone(), build: async (c: Ctx) => ({ method: 'GET', url: `/open311/v2/requests/${await suggestionIn(c.unitId, 'new')}.${f}` }) },
      ],
      [`GET /open311/v2/tokens/:token.${f}`, { public: true, roles: everyone(), build: async () => ({ method: 'GET', url: `/open311/v2/tokens/${await open311Token()}.${f}` }) }],
    ]),
  ),
  'GET /api/tickets/:ticket': { public: true, roles: everyone(), build: (c) => ({ method: 'GET', url: `/api/tickets/${c.fx.cmp.ticket}` }) },

  'POST /api/schemes/:id/versions': {
    roles: officeKeeps,
    build: (c) => ({ method: 'POST', url: `/api/schemes/${c.fx.versionId.get(c.actor)}/versions` }),
  },
};

/** The main account of each actor (the datasource account is made in setup: the demo has none). */
const USERNAME: Record<Exclude<Actor, 'anonymous'>, string> = {
  admin: 'admin',
  office: 'office',
  supervisor: 'supervisor',
  leader: 'leader',
  head: `${HOME_UNIT}-head`,
  reporter: `${HOME_UNIT}-reporter`,
  datasource: 'matrix-datasource',
  other: `${OTHER_UNIT}-head`,
};

const LABEL: Record<Actor, string> = {
  admin: 'admin',
  office: 'office',
  supervisor: 'supervisor',
  leader: 'leader',
  head: 'head',
  reporter: 'reporter',
  datasource: 'datasource',
  other: 'head of another unit',
  anonymous: 'anonymous',
};

const ROLE_ACTORS: Role[] = ['admin', 'office', 'supervisor', 'leader', 'head', 'reporter', 'datasource'];

interface Case {
  key: string;
  actor: Actor;
  who: string;
  expect: Outcome | 'unauthenticated';
}

function casesFor(key: string): Case[] {
  const e = MATRIX[key]!;
  const cases: Case[] = ROLE_ACTORS.map((actor) => ({ key, actor, who: LABEL[actor], expect: e.roles[actor] }));
  if (e.other) cases.push({ key, actor: 'other', who: LABEL.other, expect: e.other });
  cases.push({ key, actor: 'anonymous', who: LABEL.anonymous, expect: e.public ? 'allow' : 'unauthenticated' });
  return cases;
}

let t: TestApp;
let fx: Fixtures;
const clients = new Map<Actor, Client>();
/** Which unit a unit-role actor belongs to (city-wide actors address the home unit). */
const unitOf = new Map<Actor, number>();

const created = async <T>(res: LightMyRequestResponse): Promise<T> => {
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
};

const succeeded = (res: LightMyRequestResponse): void => {
  if (res.statusCode !== 200) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
};

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await login(t.app, 'admin');
  clients.set('admin', admin);
  const homeUnitId = await unitId(t.db, HOME_UNIT);
  const otherUnitId = await unitId(t.db, OTHER_UNIT);
  const newUser = async (username: string, role: Role, unit: number | null) =>
    (
      await created<UserDto>(
        await admin.post('/api/users', { username, displayName: username, role, unitId: unit, password: DEMO_PASSWORD }),
      )
    ).id;

  await newUser(USERNAME.datasource, 'datasource', homeUnitId);
  for (const actor of ['head', 'reporter', 'datasource'] as const) unitOf.set(actor, homeUnitId);
  unitOf.set('other', otherUnitId);
  // A twin per actor, same role and unit, for the call that changes the caller's own password.
  for (const actor of [...ROLE_ACTORS, 'other'] as const) {
    await newUser(`twin-${actor}`, actor === 'other' ? 'head' : actor, unitOf.get(actor) ?? null);
  }

  const groups = ((await admin.get('/api/groups')).json() as { items: GroupDto[] }).items;
  const municipal = groups.find((g) => g.kind === 'municipal')!;
  const patchGroup = await created<GroupDto>(await admin.post('/api/groups', { code: 'MATRIX-PG', name: '矩阵改名组别', kind: 'park' }));
  const patchUnit = await created<UnitDto>(
    await admin.post('/api/units', { code: 'MATRIX-PU', name: '矩阵改名单位', kind: 'municipal', groupId: municipal.id }),
  );
  const tokenId = new Map<Actor, number>();
  for (const actor of [...ROLE_ACTORS, 'other', 'anonymous'] as const) {
    const res = await created<{ item: ApiTokenDto }>(await admin.post('/api/tokens', { name: `revoke ${actor}`, role: 'leader' }));
    tokenId.set(actor, res.item.id);
  }
  const importScheme = async (code: string) => (await created<{ id: number }>(await admin.post('/api/schemes', smallScheme({ code })))).id;
  const publishId = new Map<Actor, number>();
  const versionId = new Map<Actor, number>();
  for (const actor of [...ROLE_ACTORS, 'other', 'anonymous'] as const) {
    publishId.set(actor, await importScheme(`PUB-${actor}`));
    const v = await importScheme(`VER-${actor}`);
    await admin.post(`/api/schemes/${v}/publish`);
    versionId.set(actor, v);
  }
  const rpt = await reportingFixtures(admin, homeUnitId, otherUnitId);
  fx = {
    rpt,
    cmp: await campaignFixtures(),
    schemeDraftId: await importScheme('MATRIX-DRAFT'),
    publishId,
    versionId,
    homeUnitId,
    otherUnitId,
    targetUser: new Map([
      [homeUnitId, await newUser('matrix-target-home', 'reporter', homeUnitId)],
      [otherUnitId, await newUser('matrix-target-other', 'reporter', otherUnitId)],
    ]),
    patchUserId: await newUser('matrix-patch-user', 'reporter', homeUnitId),
    patchUnitId: patchUnit.id,
    patchGroupId: patchGroup.id,
    municipalGroupId: municipal.id,
    municipalGroupName: municipal.name,
    tokenId,
  };
  for (const [actor, username] of Object.entries(USERNAME) as [Exclude<Actor, 'anonymous'>, string][]) {
    clients.set(actor, await login(t.app, username));
  }
});
afterAll(async () => t?.close());

/** Data in every state the reporting routes act on, in the home unit and in the other unit. */
async function reportingFixtures(admin: Client, homeUnitId: number, otherUnitId: number): Promise<Fixtures['rpt']> {
  const scheme = await created<{ id: number }>(await admin.post('/api/schemes', smallScheme({ code: 'MATRIX-RPT', groups: ['XS', 'CQ', 'ZH'] })));
  await admin.post(`/api/schemes/${scheme.id}/publish`);
  const periods = ((await admin.get(`/api/schemes/${scheme.id}/periods?frequency=month`)).json() as { items: { id: number; key: string }[] }).items;
  const period = Object.fromEntries(periods.map((p) => [p.key, p.id]));
  for (const key of ['2021-03', '2021-04', '2021-05', '2021-06', '2021-07', '2021-08', '2021-09']) await admin.patch(`/api/periods/${period[key]}`, { status: 'open' });
  const [e2] = await t.db.query<{ id: number }>(`select id from indicators where scheme_id = $1 and code = 'E2'`, [scheme.id]);
  const units = [
    { id: homeUnitId, reporter: await login(t.app, `${HOME_UNIT}-reporter`), head: await login(t.app, `${HOME_UNIT}-head`) },
    { id: otherUnitId, reporter: await login(t.app, `${OTHER_UNIT}-reporter`), head: await login(t.app, `${OTHER_UNIT}-head`) },
  ];
  const ok = async (res: LightMyRequestResponse) => {
    if (res.statusCode >= 300) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
    return res.json() as { rows: { valueId: number }[] };
  };
  const save = async (c: Client, unit: number, key: string) =>
    (await ok(await c.request('PUT', '/api/data', { unitId: unit, periodId: period[key], values: [{ indicatorId: e2!.id, value: 5 }] }))).rows[0]!.valueId;
  const lockedValue = new Map<number, number>();
  const draftValue = new Map<number, number>();
  const evidence = new Map<number, number>();
  for (const u of units) {
    await save(u.reporter, u.id, '2021-04');
    for (const key of ['2021-05', '2021-06', '2021-08']) {
      const valueId = await save(u.reporter, u.id, key);
      await ok(await u.head.post('/api/data/submit', { unitId: u.id, periodId: period[key] }));
      if (key === '2021-08') lockedValue.set(u.id, valueId);
    }
    await ok(await admin.post('/api/data/review', { unitId: u.id, periodId: period['2021-08'], decision: 'approve' }));
    const draft = await save(u.reporter, u.id, '2021-09');
    draftValue.set(u.id, draft);
    const up = await u.reporter.request('POST', `/api/values/${draft}/evidence`, PNG, { 'content-type': 'image/png' });
    evidence.set(u.id, (await created<{ id: number }>(up)).id);
  }
  await admin.patch(`/api/periods/${period['2021-08']}`, { status: 'closed' });
  const correction = new Map<Actor, number>();
  for (const actor of ['admin', 'office'] as const) {
    const res = await units[0]!.reporter.post(`/api/values/${lockedValue.get(homeUnitId)}/corrections`, { value: 6, reason: `fixture ${actor}` });
    correction.set(actor, (await created<{ id: number }>(res)).id);
  }
  const runId = (await created<{ id: number }>(await admin.post(`/api/schemes/${scheme.id}/runs`, { asOf: '2021-12-31' }))).id;
  // Approved values of open periods, one per office actor to return.
  const approvedValue = new Map<Actor, number>();
  for (const [actor, key] of [['admin', '2021-11'], ['office', '2021-12']] as const) {
    await admin.patch(`/api/periods/${period[key]}`, { status: 'open' });
    approvedValue.set(actor, await save(units[0]!.reporter, homeUnitId, key));
    await ok(await units[0]!.head.post('/api/data/submit', { unitId: homeUnitId, periodId: period[key] }));
    await ok(await admin.post('/api/data/review', { unitId: homeUnitId, periodId: period[key], decision: 'approve' }));
  }
  const [year] = ((await admin.get(`/api/schemes/${scheme.id}/periods?frequency=year`)).json() as { items: { id: number }[] }).items;
  await admin.patch(`/api/periods/${year!.id}`, { status: 'open' });
  const [b] = await t.db.query<{ id: number }>(`select id from indicators where scheme_id = $1 and code = 'B'`, [scheme.id]);
  return { schemeId: scheme.id, e2: e2!.id, period, lockedValue, draftValue, evidence, correction, runId, b: b!.id, year: year!.id, approvedValue };
}

async function campaignFixtures(): Promise<Fixtures['cmp']> {
  const openId = await openCampaign('matrix-open');
  const closedId = await openCampaign('matrix-closed');
  const submitted = await t.app.inject({ method: 'POST', url: '/api/p/matrix-closed/responses', payload: await openResponse('matrix-closed') });
  const ticket = (await created<{ receipt: string }>(submitted)).receipt;
  succeeded(await clients.get('admin')!.post(`/api/campaigns/${closedId}/close`));
  const [response] = await t.db.query<{ id: number }>('select id from responses where receipt = $1', [ticket]);
  return { openId, openSlug: 'matrix-open', closedId, closedResponseId: response!.id, ticket };
}

/** The app's own routes: what the matrix must cover. */
function appRoutes(): string[] {
  return t.app.routeList
    .filter((r) => r.method !== 'HEAD')
    .filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/open311/') || r.url === '/metrics') // everything else is the UIs' static files
    .filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
    .map((r) => `${r.method} ${r.url}`);
}

async function send(c: Case, unit: number): Promise<LightMyRequestResponse> {
  const entry = MATRIX[c.key]!;
  const username = c.actor === 'anonymous' ? undefined : USERNAME[c.actor];
  const req = await entry.build({ fx, actor: c.actor, username, unitId: unit });
  if (c.actor === 'anonymous') {
    return t.app.inject({
      method: req.method,
      url: req.url,
      headers: req.headers ?? {},
      ...(req.body === undefined ? {} : { payload: req.body as Buffer }),
    });
  }
  const client =
    entry.session === 'fresh' ? await login(t.app, username!) : entry.session === 'twin' ? await login(t.app, `twin-${c.actor}`) : clients.get(c.actor)!;
  return client.request(req.method, req.url, req.body, req.headers);
}

const show = (res: LightMyRequestResponse) => `${res.statusCode} ${res.body.slice(0, 300)}`;

function expectAllowed(res: LightMyRequestResponse): void {
  expect(res.statusCode, show(res)).not.toBe(401);
  expect(res.statusCode, show(res)).not.toBe(403);
  // Every request in the matrix is valid, so an allowed caller gets through to a success.
  expect(res.statusCode, show(res)).toBeGreaterThanOrEqual(200);
  expect(res.statusCode, show(res)).toBeLessThan(300);
}

function expectDenied(res: LightMyRequestResponse): void {
  expect(res.statusCode, show(res)).toBe(403);
  // FORBIDDEN, not CSRF_FAILED: the refusal comes from the policy, not from a missing header.
  expect((res.json() as { error: { code: string } }).error.code).toBe('FORBIDDEN');
}

describe('the access matrix', () => {
  it('lists every route of the app, and nothing that is not one', () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => !(r in MATRIX));
    expect(missing, `routes missing from the access matrix: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !routes.includes(k));
    expect(stale, `matrix entries for routes the app does not serve: ${stale.join(', ')}`).toEqual([]);
  });

  it('declares a head of another unit for every unit-scoped route', () => {
    for (const [key, e] of Object.entries(MATRIX)) {
      if (Object.values(e.roles).includes('own')) expect(e.other, key).toBeDefined();
    }
  });
});

describe.each(Object.keys(MATRIX))('%s', (key) => {
  const named = casesFor(key).map((c) => [`${key} as ${c.who} → ${c.expect === 'unauthenticated' ? '401' : c.expect}`, c] as const);
  it.each(named)('%s', async (_name, c) => {
    const home = fx.homeUnitId;
    switch (c.expect) {
      case 'allow':
        expectAllowed(await send(c, home));
        break;
      case 'deny':
        // A unit caller is denied on the home unit's resource; for "another unit" that is not their own.
        expectDenied(await send(c, home));
        break;
      case 'own': {
        const own = unitOf.get(c.actor)!;
        const foreign = own === fx.homeUnitId ? fx.otherUnitId : fx.homeUnitId;
        expectAllowed(await send(c, own));
        expectDenied(await send(c, foreign));
        break;
      }
      case 'unauthenticated': {
        const res = await send(c, home);
        expect(res.statusCode, show(res)).toBe(401);
        expect((res.json() as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
        break;
      }
    }
  });
});
