import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ROLES, UNIT_KINDS } from '@kaoping/shared';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { XLSX_MIME } from '../src/lib/excel.js';
import { hashPassword } from '../src/lib/passwords.js';
import { DEMO_PASSWORD } from '../src/seed/seed-demo.js';
import { smallScheme } from './fixtures/small-scheme.js';
import { buildTestApp, login, type TestApp } from './helpers.js';

/**
 * "No request, however malformed, gets a 500": every route of the app is hit with random and broken
 * paths, query strings, bodies and headers, anonymously and as a signed-in administrator (whose
 * requests carry a valid CSRF token, so they reach the handlers), and every answer must be below 500
 * and, when it is an error, in the one error shape.
 *
 * The runs per route shrink as the API grows (about 9,000 in all, 100 to 250 a route) so that the file
 * stays near a minute on two cores; NO500_RUNS overrides them. fast-check prints the seed of a failure to replay it.
 */

const FUZZ_ADMIN = 'fuzz-admin';

interface Route {
  method: string;
  url: string;
}

type BodySpec =
  | { kind: 'none' }
  | { kind: 'text'; text: string; contentType: string | null }
  | { kind: 'binary'; bytes: Uint8Array; contentType: string | null }
  | { kind: 'xlsx'; header: Cell[]; rows: Cell[][]; contentType: string | null };

type Cell = string | number | boolean | Date | null | { formula: string; result?: number } | { text: string; hyperlink: string } | { richText: { text: string }[] } | { error: '#N/A' };

interface Shot {
  admin: boolean;
  path: string;
  query: string;
  body: BodySpec;
  headers: Record<string, string>;
}

// ---------- values ----------

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud800b'];
const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\\', '\\\\', '%', '%%', '_', "'", '"', "' or 1=1 --", '<script>alert(1)</script>', '\u202e', '😀', '衡阳县',
  'null', 'undefined', 'NaN', '__proto__', 'constructor', 'a'.repeat(61), 'a'.repeat(5000), '\r\n', '\t', ...LONE_SURROGATES,
];
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  // control characters and lone surrogates, which pass validation but not every database
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\ufffe', '\uffff', ...LONE_SURROGATES), fc.string({ maxLength: 10 })).map((p) => p.join('')),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const NUMBERS = [0, -0, -1, 1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 31), 1e308, Number.MIN_VALUE, 10000, 10001, 3650, 3651, 100000, 100001];
const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -5, max: 400 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Dates and date-times, mostly well-formed, some out of range: months 13, day 32, offsets of ±30 hours. */
const dateish: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 10000 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.option(
      fc.tuple(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.stringMatching(/^\d{1,9}$/)),
        fc.oneof(fc.constantFrom('Z', 'z', ''), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`)),
      ),
    ),
  )
  .map(([y, mo, d, time]) => {
    const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
    if (!time) return date;
    const [h, mi, s, frac, off] = time;
    return `${date}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac ? `.${frac}` : ''}${off}`;
  });
const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyString, nastyNumber, fc.constantFrom(null, true, false, [], {}));

/** Text that passes a "1 to 60 characters" rule yet is hard on what comes after: control characters, lone surrogates, quotes, LIKE wildcards. */
const trickyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\u0001', '\u007f', '\ufffe', ...LONE_SURROGATES), fc.string({ maxLength: 8 })).map((p) => `x${p.join('')}`),
  fc.constantFrom('衡阳县', "O'Brien", '%_\\', '\\', 'a'.repeat(60), '中'.repeat(60), '😀'.repeat(15), 'x\u0000', 'Robert"); drop table users;--'),
);
const strictUsername = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{2,20}$/), fc.constantFrom('admin', 'Admin', FUZZ_ADMIN, '430421-head', 'office'));
const code = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{1,19}$/), fc.constantFrom('430421', 'ZH01', 'XS', 'xs', 'YQ01'));
const password = fc.oneof(fc.constantFrom(DEMO_PASSWORD, 'x'.repeat(200)), fc.string({ minLength: 10, maxLength: 40 }), trickyText.map((x) => x.padEnd(10, '.')));
/** Ids that pass "positive integer": existing rows, missing rows, and ones past what an int4 column holds. */
const id = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1) },
);

/**
 * Values by field name that mostly pass validation, so that requests reach the services and the
 * database with awkward content; `valueFor` mixes in wrong types and shapes as well.
 */
const VALIDISH: Record<string, fc.Arbitrary<unknown>> = {
  username: fc.oneof(strictUsername, trickyText),
  password,
  currentPassword: password,
  newPassword: password,
  displayName: trickyText,
  name: trickyText,
  nameEn: fc.oneof(trickyText, fc.constant(null)),
  shortName: fc.oneof(trickyText.map((x) => x.slice(0, 20)), fc.constant(null)),
  q: trickyText,
  entity: trickyText,
  action: trickyText,
  code,
  adcode: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.constantFrom('430421', null)),
  kind: fc.constantFrom(...UNIT_KINDS),
  role: fc.constantFrom(...ROLES),
  unitId: id,
  groupId: id,
  userId: id,
  sortOrder: fc.integer({ min: 0, max: 10000 }),
  expiresInDays: fc.oneof(fc.integer({ min: 1, max: 3650 }), fc.constant(null)),
  page: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constant(100000)),
  pageSize: fc.integer({ min: 1, max: 200 }),
  active: fc.boolean(),
  unlock: fc.constant(true),
  from: dateish,
  to: dateish,
};
const valueFor = (key: string): fc.Arbitrary<unknown> => {
  const known = Object.hasOwn(VALIDISH, key) ? VALIDISH[key] : undefined;
  return known
    ? fc.oneof({ weight: 8, arbitrary: known }, { weight: 1, arbitrary: fc.oneof(nastyString, nastyNumber) }, { weight: 1, arbitrary: anyJson })
    : anyJson;
};
const strangeKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a[b]', 'a[]', '', ' ', 'x'), fc.string({ maxLength: 12 }));

/** An object of the route's own fields: its required ones and some optional ones, or any few (now and then with a stranger). */
function objectOf(keys: string[], required: string[]): fc.Arbitrary<Record<string, unknown>> {
  const optional = keys.filter((k) => !required.includes(k));
  const chosen = fc.oneof(
    { weight: 3, arbitrary: fc.subarray(optional).map((ks) => [...required, ...ks]) },
    { weight: 1, arbitrary: fc.subarray(keys) },
  );
  return fc
    .tuple(
      chosen.chain((ks) => fc.tuple(...ks.map((k) => valueFor(k).map((v) => [k, v] as const)))),
      fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(strangeKey, anyJson) }),
    )
    .map(([pairs, extra]) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of pairs) o[k] = v;
      if (extra) Object.defineProperty(o, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
      return o;
    });
}

// ---------- bodies ----------

const ODD_CONTENT_TYPES = [
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/xml', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'application/JSON', 'Application/Json', 'application/json;', 'application/json ; foo=bar', 'application/jsonx',
  'application/', '/', ';', ' ', 'x'.repeat(2000), 'application/octet-stream', XLSX_MIME, 'application/vnd.api+json', 'text/json', '*/*',
  'application/json, text/plain',
];
/** Printable ASCII and Latin-1: what an HTTP header value can carry at all. */
const headerText = (maxLength = 120) =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength });
const oddContentType = fc.oneof(fc.constantFrom(...ODD_CONTENT_TYPES), headerText(60));
const jsonText = (text: string): BodySpec => ({ kind: 'text', text, contentType: 'application/json' });

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom('430421', 'ZH01', '县市', '市直单位', '综合经济部门', 'reporter', '单位填报员', '启用', '停用', DEMO_PASSWORD, FUZZ_ADMIN),
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
  fc.constant(null),
  fc.record({ formula: fc.constantFrom('A1+1', '1/0', 'SUM(A:A)'), result: fc.option(nastyNumber, { nil: undefined }) }, { requiredKeys: ['formula'] }),
  fc.record({ text: nastyString, hyperlink: fc.constantFrom('http://example.com', 'javascript:alert(1)', '') }),
  fc.record({ richText: fc.array(fc.record({ text: nastyString }), { maxLength: 3 }) }),
  fc.constant({ error: '#N/A' as const }),
);
/** The columns of the unit and the account sheets, each with cells that mostly make sense for it. */
const SHEET_COLUMNS: Record<string, fc.Arbitrary<Cell>> = {
  单位代码: fc.oneof(code, fc.constant(null)),
  单位名称: trickyText,
  简称: fc.oneof(trickyText, fc.constant(null)),
  类型: fc.constantFrom('县市', '城区', '园区', '市直单位', 'county', 'park', '乡镇'),
  考核组别: fc.constantFrom('县市', '综合经济部门', '园区', 'XS', 'ZH', '不存在'),
  行政区划代码: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.constant(null)),
  状态: fc.constantFrom('启用', '停用', '', '未知'),
  用户名: fc.oneof(strictUsername, trickyText),
  姓名: trickyText,
  角色: fc.constantFrom(...ROLES, '单位填报员', '系统管理员', '市民'),
  初始密码: fc.oneof(password, fc.constant(null)),
};
const SHEET_HEADERS = Object.keys(SHEET_COLUMNS);
/** A workbook shaped like an export: known columns in any order, rows of fitting (or now and then odd) cells. */
const plausibleSheet: fc.Arbitrary<BodySpec> = fc
  .tuple(fc.shuffledSubarray(SHEET_HEADERS, { minLength: 1 }), fc.integer({ min: 0, max: 5 }))
  .chain(([header, n]) =>
    fc.record({
      header: fc.constant<Cell[]>(header),
      rows: fc.array(fc.tuple(...header.map((h) => fc.oneof({ weight: 6, arbitrary: SHEET_COLUMNS[h]! }, { weight: 1, arbitrary: cell }))), { minLength: n, maxLength: n }),
      contentType: fc.constantFrom(XLSX_MIME, 'application/octet-stream'),
    }),
  )
  .map((r): BodySpec => ({ kind: 'xlsx', ...r }));

/** A route's JSON body fields, from its OpenAPI schema, or a valid example for a body the schema does not describe. */
interface Fields {
  keys: string[];
  required: string[];
  example?: unknown;
}

type JsonPath = (string | number)[];
type Mutation = { op: 'set'; value: unknown } | { op: 'delete' } | { op: 'add'; key: string; value: unknown } | { op: 'dup' };

function pathsOf(v: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

/** Applies changes at paths of a copy of a document: replace a value, drop it, add a key, repeat an array item. */
function applyMutations(doc: unknown, muts: [JsonPath, Mutation][]): unknown {
  let root = structuredClone(doc);
  for (const [path, m] of muts) {
    if (path.length === 0) {
      if (m.op === 'set') root = m.value;
      continue;
    }
    let parent: unknown = root;
    for (const k of path.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : undefined;
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1]!;
    const p = parent as Record<string | number, unknown>;
    if (m.op === 'set') p[last] = m.value;
    if (m.op === 'delete') {
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else delete p[last];
    }
    if (m.op === 'add' && p[last] !== null && typeof p[last] === 'object' && !Array.isArray(p[last])) (p[last] as Record<string, unknown>)[m.key] = m.value;
    if (m.op === 'dup' && Array.isArray(parent) && typeof last === 'number') parent.splice(last, 0, structuredClone(parent[last]));
  }
  return root;
}

const mutantValue: fc.Arbitrary<unknown> = fc.oneof(
  trickyText,
  nastyString,
  nastyNumber,
  anyJson,
  fc.constantFrom(null, 0, -1, 0.1, 1e308, 2 ** 53, 'XS', 'CQ', 'ZH', '430421', 'ZH11', 'key', 'E1', 'quarter', 'month', 'ten-day', 'rank', 'ratio'),
);
/** A valid example with up to three things changed: most stay well-formed enough to reach the service. */
function mutatedExample(example: unknown): fc.Arbitrary<unknown> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: mutantValue.map((value): Mutation => ({ op: 'set', value })) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'delete' }) },
    { weight: 1, arbitrary: fc.tuple(strangeKey, mutantValue).map(([key, value]): Mutation => ({ op: 'add', key, value })) },
    { weight: 1, arbitrary: fc.constant<Mutation>({ op: 'dup' }) },
  );
  return fc.array(fc.tuple(fc.constantFrom(...pathsOf(example)), mutation), { maxLength: 3 }).map((muts) => applyMutations(example, muts));
}

function bodyArb({ keys: own, required, example }: Fields): fc.Arbitrary<BodySpec> {
  const keys = own.length ? own : example !== null && typeof example === 'object' ? Object.keys(example) : ['x'];
  const depth = fc.integer({ min: 1, max: 20000 });
  const objectFor = (ks: string[]) => objectOf(ks, required);
  const documents =
    example === undefined
      ? []
      : [
          { weight: 12, arbitrary: mutatedExample(example).map((d) => jsonText(JSON.stringify(d) ?? 'null')) },
          {
            weight: 4,
            arbitrary: fc
              .tuple(mutatedExample(example), fc.constantFrom('application/yaml', 'text/yaml', 'text/plain'))
              .map(([d, contentType]): BodySpec => ({ kind: 'text', text: YAML.stringify(d) ?? '', contentType })),
          },
        ];
  return fc.oneof(
    ...documents,
    { weight: 12, arbitrary: objectFor(keys).map((o) => jsonText(JSON.stringify(o))) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => jsonText(JSON.stringify(v) ?? 'null')) },
    // deeply nested objects and arrays, bare or under one of the route's fields
    {
      weight: 1,
      arbitrary: fc.tuple(depth, fc.boolean(), fc.constantFrom(...keys, 'x')).map(([d, arr, key]) =>
        jsonText(`{"${key}":${arr ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d)}}`),
      ),
    },
    // huge strings (some beyond the 1 MiB body limit) and very wide objects
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1000, max: 1_200_000 }), fc.constantFrom('a', '中', '\\u0000', '\\ud800'), fc.constantFrom(...keys, 'x'))
        .map(([n, c, key]) => jsonText(`{"${key}":"${c.repeat(n)}"}`)),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 60000 }).map((n) => jsonText(`{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`)) },
    // not JSON at all, or cut short, under a JSON content type
    { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), objectFor(keys).chain((o) => { const s = JSON.stringify(o); return fc.nat(s.length).map((n) => s.slice(0, n)); })).map(jsonText) },
    // a JSON-ish or random text under an odd content type
    { weight: 2, arbitrary: fc.tuple(fc.oneof(fc.string({ maxLength: 200 }), objectFor(keys).map((o) => JSON.stringify(o))), oddContentType).map(([text, contentType]): BodySpec => ({ kind: 'text', text, contentType })) },
    { weight: 1, arbitrary: fc.constantFrom<BodySpec>(jsonText(''), { kind: 'text', text: '', contentType: null }, { kind: 'none' }) },
    // binary, sometimes looking like a zip (an .xlsx is one)
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.boolean(), fc.uint8Array({ maxLength: 4096 }), fc.constantFrom('application/octet-stream', XLSX_MIME, 'application/json', null))
        .map(([zip, bytes, contentType]): BodySpec => ({ kind: 'binary', bytes: zip ? Buffer.concat([Buffer.from('PK\u0003\u0004'), bytes]) : bytes, contentType })),
    },
    // real workbooks: shaped like an export, or with odd headers and cells
    { weight: 3, arbitrary: plausibleSheet },
    {
      weight: 1,
      arbitrary: fc
        .record({
          header: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Cell>(...SHEET_HEADERS) }, { weight: 1, arbitrary: cell }), { maxLength: 11 }),
          rows: fc.array(fc.array(cell, { maxLength: 11 }), { maxLength: 6 }),
          contentType: fc.constantFrom(XLSX_MIME, 'application/octet-stream', null),
        })
        .map((r): BodySpec => ({ kind: 'xlsx', ...r })),
    },
  );
}

async function workbook(header: Cell[], rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------- paths, queries, headers ----------

const PERCENT_JUNK = ['%', '%2', '%zz', '%00', '%2F', '%2e%2e', '%C0%AF', '%E0%A4%A', '%FF', '%F0%9F%98', '..', '.', '%20'];
const percentBytes = fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => Array.from(b, (x) => `%${x.toString(16).padStart(2, '0')}`).join(''));
/** encodeURIComponent, which throws on a lone surrogate: that one is sent as the UTF-8 bytes it would have. */
const encode = (s: string) =>
  Array.from(s, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
/** Text made safe to put in a URL as is, or percent-encoded, or percent-encoding gone wrong. */
const urlPiece = (raw: fc.Arbitrary<string>) =>
  fc.oneof(
    raw.map(encode),
    raw.map((s) => s.replace(/[\s#]/g, '+').replace(/[^\x21-\x7e]/g, (c) => encode(c))),
    fc.constantFrom(...PERCENT_JUNK),
    percentBytes,
  );
const paramValue = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 300 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('0', '-1', '1.5', '1e3', 'NaN', 'Infinity', '2147483647', '2147483648', '9007199254740993', '9'.repeat(40), '0x10', '+1', '１２', ' 1') },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.bigInt()).map(String) },
  { weight: 3, arbitrary: urlPiece(fc.oneof(nastyString, fc.string({ unit: 'grapheme', maxLength: 10 }))) },
);

function pathArb(url: string): fc.Arbitrary<string> {
  const names = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  if (names.length === 0) return fc.constant(url);
  return fc.tuple(...names.map(() => paramValue)).map((vals) => {
    let i = 0;
    return url.replace(/:([A-Za-z0-9_]+)/g, () => vals[i++]!);
  });
}

function queryArb(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys, 'q', 'unitId') }, { weight: 1, arbitrary: urlPiece(strangeKey) });
  const value = (k: string) => urlPiece(valueFor(k).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')));
  const pair = key.chain((k) => fc.oneof(value(k).map((v) => `${k}=${v}`), fc.constant(k), fc.constant(`${k}=`)));
  // Mostly well-formed: some of the route's own parameters, each once, properly encoded, so they reach the database.
  const wellFormed = fc
    .subarray(keys, { minLength: 1 })
    .chain((ks) => fc.tuple(...ks.map((k) => valueFor(k).map((v) => `${k}=${encode(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`))));
  return fc.oneof(
    { weight: 4, arbitrary: wellFormed.map((pairs) => `?${pairs.join('&')}`) },
    { weight: 3, arbitrary: fc.tuple(fc.array(pair, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([pairs, twice]) => `?${(twice ? [...pairs, ...pairs] : pairs).join('&')}`) },
    { weight: 1, arbitrary: fc.constantFrom('', '?', '?&', '?=&=', '?&&&', '??') },
  );
}

const headersArb = fc.record(
  {
    cookie: fc.oneof(
      headerText(),
      headerText().map((s) => `kp_session=${s}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/).map((s) => `kp_session=${s}`),
      fc.constantFrom('kp_session=a; kp_session=b', 'kp_session=%E0%A4%A', '=; ;=;', 'kp_session', `kp_session=${'a'.repeat(5000)}`),
    ),
    authorization: fc.oneof(
      headerText(),
      headerText().map((s) => `Bearer ${s}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/).map((s) => `Bearer kp_${s}`),
      fc.constantFrom('Basic YWRtaW46a2FvcGluZy1kZW1v', 'Bearer', 'Bearer ', 'bearer kp_aaaaaaaaaaaaaaaaaaaaaaaa', ''),
    ),
    'x-csrf-token': fc.oneof(headerText(), fc.constant('x'.repeat(10000))),
    'x-request-id': fc.oneof(headerText(), fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), fc.constant('r'.repeat(65))),
    'x-forwarded-for': fc.oneof(headerText(), fc.constantFrom('1.2.3.4', '::1', '1.2.3.4, 5.6.7.8', 'unknown', ',,,', '999.999.999.999', '[::1]:80')),
    'user-agent': headerText(1000),
    accept: fc.oneof(headerText(), fc.constantFrom('application/xml', '*/*', 'text/html')),
  },
  { requiredKeys: [] },
);

function shotArb(route: Route, body: Fields, queryKeys: string[]): fc.Arbitrary<Shot> {
  return fc.record({
    admin: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    path: pathArb(route.url),
    query: queryArb(queryKeys.length ? queryKeys : ['q']),
    body: bodyArb(body),
    headers: headersArb,
  });
}

// ---------- the app ----------

interface OpenApiOp {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }> };
}

// Built while the file loads, so that each of the app's routes becomes a test case of its own.
const t: TestApp = await buildTestApp();
afterAll(async () => t.close());
const routes: Route[] = t.app.routeList
  .filter((r) => r.method !== 'HEAD' && (r.url.startsWith('/api/') || r.url.startsWith('/open311/') || r.url === '/metrics')) // everything else is the admin UI's static files
  .filter((r) => !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json');
const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOp | undefined>> };
const RUNS = Number(process.env.NO500_RUNS ?? Math.min(250, Math.max(100, Math.round(9000 / routes.length))));
let adminHash: string;
let admin: { cookie: string; csrf: string } | null = null;

beforeAll(async () => {
  const demoAdmin = await login(t.app, 'admin');
  const made = await demoAdmin.post('/api/users', { username: FUZZ_ADMIN, displayName: 'fuzz', role: 'admin', password: DEMO_PASSWORD });
  if (made.statusCode !== 201) throw new Error(made.body);
  // Something for the token routes to find.
  await demoAdmin.post('/api/tokens', { name: 'fuzz target', role: 'leader' });
  adminHash = await hashPassword(DEMO_PASSWORD);
});

/** The fuzzing administrator's session; signs in again when a request ended it, and repairs the account if one changed it. */
async function adminSession(): Promise<{ cookie: string; csrf: string }> {
  if (admin) return admin;
  try {
    const c = await login(t.app, FUZZ_ADMIN);
    admin = { cookie: c.cookie, csrf: c.csrf };
  } catch {
    // A fuzzed request reset its password, locked it or changed its role: put it back.
    await t.db.query(`update users set password_hash = $1, active = true, role = 'admin', unit_id = null where username = $2`, [adminHash, FUZZ_ADMIN]);
    await t.db.query('delete from login_throttle where username = lower($1)', [FUZZ_ADMIN]);
    const c = await login(t.app, FUZZ_ADMIN);
    admin = { cookie: c.cookie, csrf: c.csrf };
  }
  return admin;
}

/** Valid bodies of the routes that read a whole document (JSON, YAML or Excel) the OpenAPI schema does not spell out. */
const EXAMPLES: Record<string, () => unknown> = {
  'POST /api/schemes': () => smallScheme(),
  'POST /api/schemes/validate': () => smallScheme(),
  'PUT /api/schemes/:id': () => smallScheme(),
};

/** The body fields and query parameters a route declares in the OpenAPI document. */
function fieldsOf(route: Route): { body: Fields; query: string[] } {
  const op = doc.paths[route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
  const schema = op?.requestBody?.content?.['application/json']?.schema;
  return {
    body: { keys: Object.keys(schema?.properties ?? {}), required: schema?.required ?? [], example: EXAMPLES[`${route.method} ${route.url}`]?.() },
    query: (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  };
}

async function fire(method: string, shot: Shot): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...shot.headers };
  let payload: string | Buffer | undefined;
  const b = shot.body;
  if (b.kind === 'text') payload = b.text;
  if (b.kind === 'binary') payload = Buffer.from(b.bytes);
  if (b.kind === 'xlsx') payload = await workbook(b.header, b.rows).catch(() => Buffer.from('not a workbook'));
  if (b.kind !== 'none' && b.contentType !== null) headers['content-type'] = b.contentType;
  if (shot.admin) {
    const s = await adminSession();
    delete headers.authorization;
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  return t.app.inject({ method: method as 'GET', url: shot.path + shot.query, headers, ...(payload === undefined ? {} : { payload }) });
}

function describeShot(method: string, shot: Shot, res: LightMyRequestResponse): string {
  const b = shot.body;
  const body =
    b.kind === 'text' ? `${b.contentType} ${JSON.stringify(b.text.slice(0, 300))}${b.text.length > 300 ? ` …(${b.text.length} chars)` : ''}` : b.kind === 'none' ? 'no body' : `${b.kind} ${b.contentType}`;
  return `${method} ${shot.path}${shot.query} as ${shot.admin ? 'admin' : 'anonymous'}\n  headers ${JSON.stringify(shot.headers).slice(0, 400)}\n  body ${body}\n  → ${res.statusCode} ${res.body.slice(0, 400)}`;
}

/** Open311 answers errors in GeoReport v2's own shape, `[{code, description}]`, as its clients expect. */
const isGeoReportError = (shot: Shot, parsed: unknown): boolean =>
  shot.path.startsWith('/open311/') && Array.isArray(parsed) && typeof parsed[0]?.code === 'number' && typeof parsed[0]?.description === 'string';

/** …and in XML, `<errors><error><code/><description/></error></errors>`, where the URL asks for XML. */
function isGeoReportXmlError(shot: Shot, res: LightMyRequestResponse): boolean {
  if (!shot.path.startsWith('/open311/') || !/\.xml$/.test(shot.path) || XMLValidator.validate(res.body) !== true) return false;
  const doc = new XMLParser({ isArray: (name) => name === 'error' }).parse(res.body) as { errors?: { error?: { code?: unknown; description?: unknown }[] } };
  const first = doc.errors?.error?.[0];
  return first?.code === res.statusCode && typeof first.description === 'string';
}

/** The property: below 500, and an error is `{error:{code,message}}` (GeoReport's shape on Open311). */
function check(method: string, shot: Shot, res: LightMyRequestResponse): void {
  const why = () => describeShot(method, shot, res);
  if (res.statusCode >= 500) throw new Error(`server error\n${why()}`);
  if (res.statusCode >= 400 && method !== 'HEAD') {
    if (isGeoReportXmlError(shot, res)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      throw new Error(`error body is not JSON\n${why()}`);
    }
    if (isGeoReportError(shot, parsed)) return;
    const e = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof e?.code !== 'string' || typeof e.message !== 'string') throw new Error(`error body is not {error:{code,message}}\n${why()}`);
  }
}

describe('no request gets a 500', () => {
  it('covers the API', () => {
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['POST /api/auth/login', 'PATCH /api/users/:id', 'POST /api/units/import']));
  });

  it.each(routes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', async (_name, { method, url }) => {
    const fields = fieldsOf({ method, url });
    await fc.assert(
      fc.asyncProperty(shotArb({ method, url }, fields.body, fields.query), async (shot) => {
        const res = await fire(method, shot);
        check(method, shot, res);
        // A write may have ended the administrator's session (logout, password reset, deactivation).
        if (shot.admin && method !== 'GET') {
          const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin?.cookie ?? '' } });
          if (me.statusCode !== 200) admin = null;
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('answers any path under /api/ with any method below 500, errors in the error shape', async () => {
    const segment = fc.oneof(fc.constantFrom('units', 'users', 'groups', 'tokens', 'audit', 'auth', 'docs', '1', '..', ''), urlPiece(nastyString));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
          segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
          shot: shotArb({ method: 'GET', url: '/api' }, { keys: ['x'], required: [] }, ['q']),
        }),
        async ({ method, segments, shot }) => {
          const s: Shot = { ...shot, path: `/api/${segments.join('/')}` };
          const res = await fire(method, s);
          check(method, s, res);
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
