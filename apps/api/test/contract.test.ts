import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type Client, type TestApp } from './helpers.js';

type Schema = Record<string, unknown>;
type Operation = { parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: Record<string, unknown> };

/** A schema that says something: not the bare description a route without a declared response gets. */
const declares = (s: Schema | undefined) => s !== undefined && Object.keys(s).some((k) => k !== 'description');

/**
 * The contract: every GET route of the demo, requested as the performance office would, answers
 * what the OpenAPI document says it answers. Paths take their ids from the demo's own rows.
 */
describe('every GET route answers as its documented schema says', () => {
  let t: TestApp;
  let office: Client;
  let admin: Client;
  let doc: Doc;
  const one = async <T = number>(sql: string): Promise<T | undefined> => (await t.db.query<{ v: T }>(sql))[0]?.v;

  beforeAll(async () => {
    t = await buildTestApp({ assessment: true });
    office = await login(t.app, 'office');
    admin = await login(t.app, 'admin');
    doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
  }, 300_000);
  afterAll(async () => t?.close());

  /** The URL to request for a documented path, its ids and required query taken from the demo; undefined when the demo has none. */
  async function urlFor(path: string): Promise<string | undefined> {
    const run = await one('select max(id) as v from score_runs');
    const scheme = await one(`select scheme_id as v from score_runs where id = ${run}`);
    const firstRun = await one(`select min(id) as v from score_runs where scheme_id = ${scheme}`);
    const runUnit = await one(`select min(unit_id) as v from unit_scores where run_id = ${run}`);
    const group = await one<string>(`select min(group_code) as v from unit_scores where run_id = ${run}`);
    const value = await t.db.query<{ id: number; unit_id: number; period_id: number }>('select id, unit_id, period_id from data_values order by id limit 1');
    const lastYear = await t.db.query<{ scheme_id: number; code: string }>(
      `select i.scheme_id, i.code from indicators i where i.is_leaf and i.scheme_id = ${scheme} order by exists (select 1 from indicator_last_year l where l.indicator_id = i.id) desc, i.id limit 1`,
    );
    const project = await t.db.query<{ unit_id: number }>('select unit_id from projects order by id limit 1');
    const ids: Record<string, string | number | undefined> = {
      '/api/units/{id}': await one('select min(id) as v from units'),
      '/api/users/{id}': await one('select min(id) as v from users'),
      '/api/values/{id}': value[0]?.id,
      '/api/evidence/{id}': await one('select min(id) as v from evidence_files where removed_at is null'),
      '/api/campaigns/{id}': await one('select min(id) as v from campaigns'),
      '/api/suggestions/{id}': await one('select min(id) as v from suggestions'),
      '/api/tasks/{id}': await one('select min(id) as v from tasks'),
      '/api/problems/{id}': await one('select min(id) as v from problems'),
      '/api/inspections/{id}': await one('select min(id) as v from inspections'),
      '/api/inspections/media/{id}': await one('select min(id) as v from inspection_media'),
      '/api/projects/{id}': await one('select min(id) as v from projects'),
      '/open311/v2/requests/{id}': await one('select min(id) as v from suggestions'),
      '/open311/v2/services/{service_code}': ((await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' })).json() as { service_code: string }[])[0]?.service_code,
      '/api/bulletins/{id}': await one("select min(id) as v from bulletins where status = 'issued'"),
      '/api/meetings/{id}': await one('select min(id) as v from meetings'),
      '/api/screen/photos/{mediaId}': await one("select min(id) as v from inspection_media where kind = 'photo'"),
    };
    const special: Record<string, string | undefined> = {
      '/api/suggestions/{id}/notice': await one<number>('select min(id) as v from suggestions where notice_no is not null').then((id) => (id ? `/api/suggestions/${id}/notice?format=docx` : undefined)),
      '/api/tasks/{id}/evidence/{evidenceId}': await t.db.query<{ task_id: number; id: number }>('select task_id, id from task_evidence order by id limit 1').then(([e]) => e && `/api/tasks/${e.task_id}/evidence/${e.id}`),
      '/api/problems/{id}/evidence/{evidenceId}': await t.db.query<{ problem_id: number; id: number }>('select problem_id, id from problem_evidence order by id limit 1').then(([e]) => e && `/api/problems/${e.problem_id}/evidence/${e.id}`),
      '/api/p/{slug}': await one<string>("select slug as v from campaigns order by (status = 'open') desc, id limit 1").then((s) => s && `/api/p/${s}`),
      '/api/tickets/{ticket}': await one<string>('select min(ticket) as v from suggestions').then((s) => s && `/api/tickets/${s}`),
      '/api/schemes/{id}/indicators/{code}/last-year': lastYear[0] && `/api/schemes/${lastYear[0].scheme_id}/indicators/${encodeURIComponent(lastYear[0].code)}/last-year`,
      '/api/schemes/{id}/indicators/{code}/last-year.xlsx': lastYear[0] && `/api/schemes/${lastYear[0].scheme_id}/indicators/${encodeURIComponent(lastYear[0].code)}/last-year.xlsx`,
      '/api/runs/{id}/units/{unitId}': `/api/runs/${run}/units/${runUnit}`,
      '/api/runs/{id}/units/{unitId}/scorecard': `/api/runs/${run}/units/${runUnit}/scorecard?format=docx`,
      '/api/runs/{id}/groups/{group}/scorecards': group && `/api/runs/${run}/groups/${encodeURIComponent(group)}/scorecards?format=docx`,
      '/api/data': value[0] && `/api/data?unitId=${value[0].unit_id}&periodId=${value[0].period_id}`,
      '/api/data/due': value[0] && `/api/data/due?unitId=${value[0].unit_id}`,
      '/api/data/status': value[0] && `/api/data/status?periodId=${value[0].period_id}`,
      '/api/data/template.xlsx': value[0] && `/api/data/template.xlsx?unitId=${value[0].unit_id}&periodId=${value[0].period_id}`,
      '/api/runs/compare': `/api/runs/compare?from=${firstRun}&to=${run}`,
      '/api/projects/rates': '/api/projects/rates?asOf=2021-12',
      '/api/projects/unit-rate': project[0] && `/api/projects/unit-rate?unitId=${project[0].unit_id}&rate=startRate&asOf=2021-12`,
      // An invitation's token is stored only as its hash: the demo cannot name one.
      '/api/p/{slug}/invitations/{token}': undefined,
    };
    if (path in special) return special[path];
    if (path.startsWith('/api/schemes/{id}')) return path.replace('{id}', String(scheme));
    if (path.startsWith('/api/runs/{id}')) return path.replace('{id}', String(run));
    const base = Object.keys(ids).find((p) => path === p || path.startsWith(`${p}/`) || path === `${p}.json` || path === `${p}.xml`);
    if (base) {
      const id = ids[base];
      return id === undefined || id === null ? undefined : path.replace(/\{[^}]+\}/, String(id));
    }
    return path.includes('{') ? undefined : path;
  }

  it('validates each real answer against the documented schema, and lists the routes still without one', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const problems: string[] = [];
    const withoutSchema: string[] = [];
    const unreachable: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op) continue;
      const url = await urlFor(path);
      if (!url) {
        unreachable.push(path);
        continue;
      }
      // /metrics answers only the addresses METRICS_ALLOW names, which the injected requests' is.
      // What only the administrator may read (tokens, the audit chain, webhooks, the SMS outbox) is read as the administrator.
      let res = await office.get(url);
      if (res.statusCode === 403) res = await admin.get(url);
      const [status, documented] = Object.entries(op.responses).find(([s]) => /^2/.test(s))!;
      if (String(res.statusCode) !== status) {
        problems.push(`${path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      const types = Object.keys(documented.content ?? {});
      const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
      if (type !== 'application/json' || !types.includes(type)) {
        // A download (a workbook, a document, a stored file, YAML text): of a type the document names.
        if (!types.includes(type)) problems.push(`${path}: sent ${type}, documented ${types.join(', ')}`);
        checked++;
        continue;
      }
      const schema = documented.content!['application/json']!.schema;
      if (!declares(schema)) {
        withoutSchema.push(path);
        continue;
      }
      // A schema may refer to the document's named parts (#/components/schemas/…): they go along.
      const validate = ajv.compile({ ...schema!, components: doc.components });
      if (!validate(res.json())) problems.push(`${path}: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600)}`);
      checked++;
    }
    console.log(`contract: ${checked} GET routes checked; without a response schema (${withoutSchema.length}): ${withoutSchema.join(' ')}; not reachable from the demo: ${unreachable.join(' ')}`);
    expect(problems).toEqual([]);
    // What the demo does not hold: files (evidence, inspection photos), meetings, Open311 tokens, and
    // invitation tokens and tickets, which are kept only as hashes. Listed, so a new gap is a decision.
    expect(unreachable.sort()).toEqual(
      [
        '/api/evidence/{id}',
        '/api/inspections/media/{id}',
        '/api/inspections/media/{id}/thumbnail',
        '/api/meetings/{id}',
        '/api/meetings/{id}/minutes',
        '/api/p/{slug}/invitations/{token}',
        '/api/screen/photos/{mediaId}',
        '/api/tasks/{id}/evidence/{evidenceId}',
        '/api/tickets/{ticket}',
        '/open311/v2/tokens/{token}.json',
        '/open311/v2/tokens/{token}.xml',
      ].sort(),
    );
    expect(checked).toBeGreaterThan(30);
    // Every JSON answer is documented: a new route without a response schema fails here.
    expect(withoutSchema).toEqual([]);
  }, 300_000);
});
