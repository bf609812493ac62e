import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { issueApiKey } from '../src/modules/open311/open311.service.js';
import { buildTestApp, login, withCliDatabase, type Client, type TestApp } from './helpers.js';

/**
 * Open311 GeoReport v2 checked against the spec's own examples (http://wiki.open311.org/GeoReport_v2
 * and Service_discovery): the requests below are the spec's, and each answer must carry the
 * elements of the spec's example answer, as well-formed UTF-8 XML (parsed here by an XML parser)
 * and as JSON with the same content.
 */

// ---- The spec's example answers (element names and nesting; the values are San Francisco's) ----

const SPEC_SERVICES_XML = `<?xml version="1.0" encoding="utf-8"?>
<services>
  <service>
    <service_code>001</service_code>
    <service_name>Cans left out 24x7</service_name>
    <description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords>lorem, ipsum, dolor</keywords>
    <group>sanitation</group>
  </service>
</services>`;

const SPEC_SERVICE_DEFINITION_XML = `<?xml version="1.0" encoding="utf-8"?>
<service_definition>
  <service_code>DMV66</service_code>
  <attributes>
    <attribute>
      <variable>true</variable>
      <code>WHISHETN</code>
      <datatype>singlevaluelist</datatype>
      <required>true</required>
      <datatype_description></datatype_description>
      <order>1</order>
      <description>What is the ticket/tag/DL number?</description>
      <values>
        <value><key>123</key><name>Ford</name></value>
      </values>
    </attribute>
  </attributes>
</service_definition>`;

// The spec's POST example, field for field (a jurisdiction, an api_key and personal fields the server may ignore).
const SPEC_POST_FIELDS = {
  api_key: 'xyz',
  jurisdiction_id: 'city.gov',
  service_code: '001',
  lat: '37.76524078',
  long: '-122.4212043',
  address_string: '1234 5th street',
  email: 'smit333@sfgov.edu',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: 'john',
  last_name: 'smith',
  phone: '111111111',
  description: 'A large sinkhole is destroying the street',
  media_url: 'http://sfgov.org/images/sinkhole.jpg',
};

const SPEC_POST_ANSWER_XML = `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>293944</service_request_id>
    <service_notice>The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code</service_notice>
    <account_id/>
  </request>
</service_requests>`;

const SPEC_TOKEN_ANSWER_XML = `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <token>12345</token>
  </request>
</service_requests>`;

const SPEC_REQUESTS_XML = `<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <status>closed</status>
    <status_notes>Duplicate request.</status_notes>
    <service_name>Sidewalk and Curb Issues</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
    <address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url>
  </request>
</service_requests>`;

const SPEC_ERRORS_XML = `<?xml version="1.0" encoding="utf-8"?>
<errors>
  <error>
    <code>403</code>
    <description>Invalid api_key received -- can't proceed with create_request.</description>
  </error>
</errors>`;

const SPEC_DISCOVERY_XML = `<?xml version="1.0" encoding="utf-8"?>
<discovery>
  <changeset>2011-04-05T17:48:34Z</changeset>
  <contact>Please email ( content.311@sfgov.org ) or call ( 415-701-2311 ) for assistance or to report bugs</contact>
  <key_service>To get an API_KEY please visit this website: http://apps.sfgov.org/Open311API/</key_service>
  <endpoints>
    <endpoint>
      <specification>http://wiki.open311.org/GeoReport_v2</specification>
      <url>http://open311.sfgov.org/dev/V2/</url>
      <changeset>2011-04-20T17:48:34Z</changeset>
      <type>test</type>
      <formats>
        <format>text/xml</format>
      </formats>
    </endpoint>
  </endpoints>
</discovery>`;

// ---- Reading XML as a client would ----

const LISTS = new Set(['service', 'request', 'attribute', 'value', 'endpoint', 'format', 'error']);
const parser = new XMLParser({ parseTagValue: false, trimValues: true, isArray: (name) => LISTS.has(name) });

type Xml = Record<string, unknown>;

/** Parses an answer as XML after checking it is well-formed and declared UTF-8. */
function xml(res: LightMyRequestResponse): Xml {
  expect(res.headers['content-type']).toMatch(/^text\/xml; charset=utf-8$/i);
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const valid = XMLValidator.validate(res.body);
  expect(valid, JSON.stringify(valid)).toBe(true);
  return parser.parse(res.body) as Xml;
}

const specXml = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text) as Xml;
};

/** The element names of the first item of a list, in document order. */
const fieldsOf = (doc: Xml, root: string, item: string) => Object.keys(((doc[root] as Xml)[item] as Xml[])[0]!);

const asJson = <T>(res: LightMyRequestResponse): T => {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json<T>();
};

let t: TestApp;
let office: Client;
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });

beforeAll(async () => {
  t = await buildTestApp({ env: { PUBLIC_URL: 'https://kaoping.example.gov.cn' } });
  office = await login(t.app, 'office');
});
afterAll(async () => t?.close());

describe('GET service list (services.xml / services.json)', () => {
  it('answers every active unit with the fields of the spec’s example, in XML and the same in JSON', async () => {
    const doc = xml(await get('/open311/v2/services.xml'));
    const services = (doc.services as Xml).service as Xml[];
    expect(services).toHaveLength(97);
    expect(new Set(fieldsOf(doc, 'services', 'service'))).toEqual(new Set(fieldsOf(specXml(SPEC_SERVICES_XML), 'services', 'service')));
    expect(services.find((s) => s.service_code === 'ZH11')).toMatchObject({ service_name: '市统计局', metadata: 'false', type: 'realtime' });
    const json = asJson<Record<string, unknown>[]>(await get('/open311/v2/services.json'));
    expect(json.map((s) => s.service_code)).toEqual(services.map((s) => s.service_code));
    expect(json[0]!.metadata).toBe(false);
  });
});

describe('GET service definition (services/{service_code}.xml)', () => {
  it('names the service and the attributes it asks for (none: its metadata is false)', async () => {
    const spec = specXml(SPEC_SERVICE_DEFINITION_XML).service_definition as Xml;
    const doc = xml(await get('/open311/v2/services/430421.xml'));
    const def = doc.service_definition as Xml;
    expect(Object.keys(def)).toEqual(Object.keys(spec));
    expect(def).toEqual({ service_code: '430421', attributes: '' });
    expect(asJson(await get('/open311/v2/services/430421.json'))).toEqual({ service_code: '430421', attributes: [] });
  });

  it('answers an unknown service 404 in the errors shape', async () => {
    const res = await get('/open311/v2/services/NOPE.xml');
    expect(res.statusCode).toBe(404);
    expect(((xml(res).errors as Xml).error as Xml[])[0]).toMatchObject({ code: '404', description: expect.stringContaining('NOPE') });
  });
});

/** The spec's example request, filed form-encoded about 衡阳县; the answer's document. */
async function fileExample(): Promise<Xml> {
  const res = await post('/open311/v2/requests.xml', { ...SPEC_POST_FIELDS, service_code: '430421', description: '县城南门口红绿灯时长太短 <A & B>' });
  expect(res.statusCode, res.body).toBe(201);
  return xml(res);
}
const requestOf = (doc: Xml) => ((doc.service_requests as Xml).request as Xml[])[0]!;

describe('POST service request (requests.xml)', () => {
  it('takes the spec’s example request, form-encoded, and answers 201 with the id, a token and a notice', async () => {
    const doc = await fileExample();
    const specFields = fieldsOf(specXml(SPEC_POST_ANSWER_XML), 'service_requests', 'request');
    const fields = fieldsOf(doc, 'service_requests', 'request');
    expect(fields).toEqual(expect.arrayContaining(specFields));
    expect(fields).toContain('token');
    const created = requestOf(doc);
    expect(created.service_request_id).toMatch(/^\d+$/);
    expect(created.account_id).toBe('');
    expect(created.service_notice).toContain(String(created.token));
    // The personal fields the spec lets clients send are not kept.
    const stored = JSON.stringify(await t.db.query('select * from suggestions where id = $1', [Number(created.service_request_id)]));
    expect(stored).not.toContain('smit333');
    expect(stored).not.toContain('111111111');
  });

  it('answers JSON the same way from requests.json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { service_code: '430421', address_string: '蒸湘区解放路 1 号' } });
    expect(res.statusCode, res.body).toBe(201);
    const [one] = asJson<{ service_request_id: string; token: string; service_notice: string; account_id: null }[]>(res);
    expect(one).toEqual({ service_request_id: expect.stringMatching(/^\d+$/), token: expect.any(String), service_notice: expect.any(String), account_id: null });
  });

  it('needs no description (the spec makes it optional) but a location: lat and long, address_string or address_id', async () => {
    expect((await post('/open311/v2/requests.xml', { service_code: '430421', lat: '26.9', long: '112.6' })).statusCode).toBe(201);
    expect((await post('/open311/v2/requests.xml', { service_code: '430421', address_id: '545483' })).statusCode).toBe(201);
    const unlocated: Record<string, string>[] = [{ service_code: '430421', description: '没有位置的请求' }, { service_code: '430421', lat: '26.9' }, { service_code: '430421', address_string: '  ' }];
    for (const fields of unlocated) {
      const res = await post('/open311/v2/requests.xml', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      const [error] = (xml(res).errors as Xml).error as Xml[];
      expect(error).toMatchObject({ code: '400', description: expect.stringMatching(/lat|location/) });
    }
  });

  it('follows the request by GET requests/{id} and by its token, in both formats', async () => {
    const created = requestOf(await fileExample());
    const id = String(created.service_request_id);
    const doc = xml(await get(`/open311/v2/requests/${id}.xml`));
    const specFields = fieldsOf(specXml(SPEC_REQUESTS_XML), 'service_requests', 'request');
    expect(fieldsOf(doc, 'service_requests', 'request')).toEqual(specFields);
    const one = ((doc.service_requests as Xml).request as Xml[])[0]!;
    // Not yet sorted by the office: its text and place are not public yet.
    expect(one).toMatchObject({ service_request_id: id, status: 'open', service_code: '430421', description: '', lat: '' });
    expect(one.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const token = xml(await get(`/open311/v2/tokens/${String(created.token)}.xml`));
    expect(fieldsOf(token, 'service_requests', 'request')).toEqual(fieldsOf(specXml(SPEC_TOKEN_ANSWER_XML), 'service_requests', 'request'));
    expect(((token.service_requests as Xml).request as Xml[])[0]).toEqual({ service_request_id: id, token: created.token });
    expect(asJson(await get(`/open311/v2/tokens/${String(created.token)}.json`))).toEqual([{ service_request_id: id, token: created.token }]);
    expect((await get('/open311/v2/tokens/NO-SUCH-TOKEN.json')).statusCode).toBe(404);

    // Once sorted, the text is public, escaped so the document stays well-formed.
    expect((await office.post('/api/suggestions/sort', { ids: [Number(id)], category: 'clear' })).statusCode).toBe(200);
    const sorted = ((xml(await get(`/open311/v2/requests/${id}.xml`)).service_requests as Xml).request as Xml[])[0]!;
    expect(sorted).toMatchObject({ description: '县城南门口红绿灯时长太短 <A & B>', lat: '37.76524078', long: '-122.4212043', address: '1234 5th street' });
    const [asJsonOne] = asJson<Record<string, unknown>[]>(await get(`/open311/v2/requests/${id}.json`));
    expect(asJsonOne).toMatchObject({ description: '县城南门口红绿灯时长太短 <A & B>', lat: 37.76524078, long: -122.4212043 });
  });
});

describe('GET service requests (requests.xml?start_date&end_date&status)', () => {
  it('filters as the spec’s example query does, each request with the spec’s fields', async () => {
    for (let i = 0; i < 4; i++) await fileExample();
    const start = new Date(Date.now() - 86_400_000).toISOString();
    const end = new Date(Date.now() + 86_400_000).toISOString();
    const doc = xml(await get(`/open311/v2/requests.xml?start_date=${start}&end_date=${end}&status=open`));
    const requests = (doc.service_requests as Xml).request as Xml[];
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.every((r) => r.status === 'open')).toBe(true);
    expect(fieldsOf(doc, 'service_requests', 'request')).toEqual(fieldsOf(specXml(SPEC_REQUESTS_XML), 'service_requests', 'request'));
    const json = asJson<{ service_request_id: string }[]>(await get(`/open311/v2/requests.json?start_date=${start}&end_date=${end}&status=open`));
    expect(json.map((r) => r.service_request_id)).toEqual(requests.map((r) => r.service_request_id));
    const closed = xml(await get(`/open311/v2/requests.xml?start_date=${start}&end_date=${end}&status=closed`));
    expect((closed.service_requests as Xml).request ?? []).toEqual([]);
  });
});

describe('service discovery (discovery.xml / discovery.json)', () => {
  it('has the spec’s elements and points at this endpoint in both formats', async () => {
    const doc = xml(await get('/open311/discovery.xml'));
    const spec = specXml(SPEC_DISCOVERY_XML).discovery as Xml;
    const discovery = doc.discovery as Xml;
    expect(Object.keys(discovery)).toEqual(Object.keys(spec));
    const endpoint = ((discovery.endpoints as Xml).endpoint as Xml[])[0]!;
    expect(Object.keys(endpoint)).toEqual(Object.keys(((spec.endpoints as Xml).endpoint as Xml[])[0]!));
    expect(endpoint).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'https://kaoping.example.gov.cn/open311/v2', type: 'production' });
    expect((endpoint.formats as Xml).format).toEqual(['text/xml', 'application/json']);
    const json = asJson<{ endpoints: { url: string; formats: string[] }[] }>(await get('/open311/discovery.json'));
    expect(json.endpoints[0]).toMatchObject({ url: 'https://kaoping.example.gov.cn/open311/v2', formats: ['text/xml', 'application/json'] });
  });
});

describe('errors: GeoReport’s shape for every answer under /open311', () => {
  const specError = () => ((specXml(SPEC_ERRORS_XML).errors as Xml).error as Xml[])[0]!;

  it('404 for an unknown path and an unknown request, in the format the URL names', async () => {
    for (const url of ['/open311/v2/nothing.xml', '/open311/v2/requests/999999.xml', '/open311/v3/services.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      const [error] = (xml(res).errors as Xml).error as Xml[];
      expect(Object.keys(error!)).toEqual(Object.keys(specError()));
      expect(error!.code).toBe('404');
    }
    const missing = await get('/open311/v2/requests/999999.json');
    expect(missing.statusCode).toBe(404);
    // One readable sentence in each language, not the thing's name spliced into itself.
    expect(asJson(missing)).toEqual([{ code: 404, description: '服务请求 999999 不存在 / service request 999999 not found' }]);
    expect(asJson<unknown[]>(await get('/open311/nowhere'))[0]).toMatchObject({ code: 404 });
  });

  it('405 with Allow for a method a resource does not take', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/open311/v2/services.xml' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(((xml(res).errors as Xml).error as Xml[])[0]).toMatchObject({ code: '405' });
    const put = await t.app.inject({ method: 'PUT', url: '/open311/v2/requests.json', payload: {} });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toContain('POST');
    expect(asJson<{ code: number }[]>(put)[0]!.code).toBe(405);
  });

  it('415 saying that form encoding is accepted', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--' });
    expect(res.statusCode).toBe(415);
    const [error] = (xml(res).errors as Xml).error as Xml[];
    expect(error!.code).toBe('415');
    expect(error!.description).toContain('application/x-www-form-urlencoded');
    expect(error!.description).toContain('form-encoded');
  });

  it('400 for bad query values', async () => {
    const res = await get('/open311/v2/requests.json?status=pending');
    expect(res.statusCode).toBe(400);
    expect(asJson<{ code: number; description: string }[]>(res)[0]).toMatchObject({ code: 400, description: expect.stringContaining('status') });
  });
});

describe('the OpenAPI document', () => {
  it('documents form encoding for POST requests and XML answers', async () => {
    const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> }>> }>();
    const postXml = doc.paths['/open311/v2/requests.xml']!.post!;
    expect(Object.keys(postXml.requestBody!.content)).toEqual(expect.arrayContaining(['application/x-www-form-urlencoded', 'application/json']));
    expect(Object.keys(postXml.responses['201']!.content!)).toEqual(['text/xml']);
    expect(Object.keys(doc.paths['/open311/v2/services.json']!.get!.responses['200']!.content!)).toEqual(['application/json']);
    expect(doc.paths['/open311/discovery.xml']).toBeDefined();
  });
});

describe('OPEN311_API_KEYS=required', () => {
  let keyed: TestApp;
  beforeAll(async () => {
    keyed = await buildTestApp({ env: { OPEN311_API_KEYS: 'required' } });
  });
  afterAll(async () => keyed?.close());

  const file = (fields: Record<string, string>) =>
    keyed.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ service_code: '430421', address_string: '衡阳县西渡镇', ...fields }).toString(),
    });

  it('refuses a request without a key or with a wrong one, 403 as in the spec’s error example; takes an issued key', async () => {
    const keyless: Record<string, string>[] = [{}, { api_key: 'xyz' }];
    for (const fields of keyless) {
      const res = await file(fields);
      expect(res.statusCode).toBe(403);
      const [error] = (xml(res).errors as Xml).error as Xml[];
      expect(error).toMatchObject({ code: '403', description: expect.stringContaining('api_key') });
    }
    const { key } = await issueApiKey(keyed.db, '衡阳城管通 App', { actorId: null, actorName: 'test' });
    expect((await file({ api_key: key })).statusCode).toBe(201);
    const [row] = await keyed.db.query<{ last_used_at: Date | null }>('select last_used_at from open311_api_keys');
    expect(row!.last_used_at).not.toBeNull();
    const discovery = (await keyed.app.inject({ method: 'GET', url: '/open311/discovery.json' })).json<{ key_service: string }>();
    expect(discovery.key_service).toContain('api_key');
    // Reading stays open to everyone.
    expect((await keyed.app.inject({ method: 'GET', url: '/open311/v2/services.xml' })).statusCode).toBe(200);
  });
});

describe('kaoping open311-key', () => {
  it('issues a key (shown once), lists keys without them, and revokes one', async () => {
    await withCliDatabase(async ({ out }) => {
      expect(await runCli(['open311-key', 'issue'])).toBe(2);
      expect(await runCli(['open311-key', 'issue', '--name', 'City app'])).toBe(0);
      const key = out.join('\n').split('\n').at(-1)!;
      expect(key).toMatch(/^[\w-]{32}$/);
      out.length = 0;
      expect(await runCli(['open311-key', 'list'])).toBe(0);
      expect(out.join('\n')).toMatch(/#1\tCity app\tissued .*last used never/);
      expect(out.join('\n')).not.toContain(key);
      expect(await runCli(['open311-key', 'revoke', '1'])).toBe(0);
      expect(await runCli(['open311-key', 'revoke', '1'])).toBe(1);
      out.length = 0;
      expect(await runCli(['open311-key', 'list'])).toBe(0);
      expect(out.join('\n')).toMatch(/#1\tCity app\tissued .*revoked /);
    });
    // Migrating a fresh embedded database takes tens of seconds on a busy machine.
  }, 180_000);
});
