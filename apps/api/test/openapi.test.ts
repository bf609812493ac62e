import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REDOCLY = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
/** The warnings redocly.yaml explains, one by one: the ambiguous-looking inspection paths and the public reads without input. */
const JUSTIFIED_WARNINGS = [
  'no-ambiguous-paths #/paths/~1api~1inspections~1media~1{id}',
  ...['/api/deployment', '/api/health', '/api/health/live', '/api/health/ready', '/api/schemas/scheme.json', '/open311/discovery.json', '/open311/discovery.xml', '/open311/v2/services.json', '/open311/v2/services.xml'].map(
    (path) => `operation-4xx-response #/paths/${path.replaceAll('/', '~1')}/get/responses`,
  ),
].sort();

type Problem = { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] };
type Operation = { operationId?: string; security?: unknown[]; parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, unknown> }; responses: Record<string, { $ref?: string; content?: Record<string, unknown> }> };
type Doc = { openapi: string; servers?: unknown[]; info: { license?: { name: string } }; paths: Record<string, Record<string, Operation>> };

/** The OpenAPI document as an integrator gets it, checked by tools nobody here wrote. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    t = await buildTestApp({ demo: false });
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
    dir = mkdtempSync(join(tmpdir(), 'kaoping-openapi-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, res.body);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

  it('passes Redocly lint (recommended rules): no errors, warnings only under the rules redocly.yaml justifies', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json', '--max-problems=100000'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout }),
    );
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: Problem[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    const config = parse(readFileSync(join(ROOT, 'redocly.yaml'), 'utf8')) as { rules: Record<string, string> };
    const justified = Object.keys(config.rules).filter((r) => config.rules[r] === 'warn');
    const unexplained = report.problems.filter((p) => !justified.includes(p.ruleId)).map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    expect(unexplained).toEqual([]);
    // Listed, so that a new warning is a decision: each is one of the justified cases above.
    expect(report.problems.filter((p) => p.severity === 'warn').map((p) => `${p.ruleId} ${p.location[0]?.pointer}`).sort()).toEqual(JUSTIFIED_WARNINGS);
  });

  it('is valid for swagger-parser (schema and references)', async () => {
    await expect(SwaggerParser.validate(file)).resolves.toBeTruthy();
  });

  it('has servers, a licence, and an operationId on every operation, each its own', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.info.license?.name).toBe('MIT');
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/units/{id}']!.get!.operationId).toBe('getUnitsById');
  });

  it('says which operations are public and which need the session cookie (with the CSRF header on changes) or a token', () => {
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
    const signedIn = operations().filter(({ op }) => (op.security?.length ?? 0) > 0);
    expect(signedIn.length).toBeGreaterThan(100);
    for (const { method, op } of signedIn) {
      expect(op.security).toEqual([{ session: [] }, { bearer: [] }]);
      expect(op.responses['401']?.$ref).toBe('#/components/responses/Error401');
      const csrf = (op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'x-csrf-token');
      expect(csrf).toBe(method !== 'get');
    }
  });

  it('documents the success answer and each error status, errors in the shared error shape', async () => {
    for (const { op } of operations()) {
      const codes = Object.keys(op.responses);
      expect(codes.some((c) => /^2\d\d$/.test(c))).toBe(true);
    }
    const unit = doc.paths['/api/units/{id}']!.get!;
    expect(Object.keys(unit.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    const bundled = (await SwaggerParser.dereference(file)) as unknown as Doc;
    const notFound = bundled.paths['/api/units/{id}']!.get!.responses['404']!.content!['application/json'] as { schema: { required: string[]; properties: { error: { required: string[] } } } };
    expect(notFound.schema.required).toEqual(['error']);
    expect(notFound.schema.properties.error.required).toEqual(['code', 'message']);
    // A spreadsheet import: its body is the workbook; a wrong row is answered 422.
    const unitImport = doc.paths['/api/units/import']!.post!;
    expect(Object.keys(unitImport.requestBody!.content)).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(unitImport.responses['422']).toBeDefined();
    // Downloads name their content types.
    expect(Object.keys(doc.paths['/api/units/export.xlsx']!.get!.responses['200']!.content!)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(Object.keys(doc.paths['/api/runs/{id}/units/{unitId}/scorecard']!.get!.responses['200']!.content!)).toEqual([
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/pdf',
    ]);
    // A scheme comes as JSON, YAML or a workbook; YAML is text, the workbook bytes.
    const scheme = doc.paths['/api/schemes']!.post!.requestBody!.content as Record<string, { schema: { type: string; format?: string } }>;
    expect(scheme['application/yaml']!.schema).toEqual({ type: 'string' });
    expect(scheme['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']!.schema).toEqual({ type: 'string', format: 'binary' });
    // Creations answer 201, removals 204 without a body.
    expect(Object.keys(doc.paths['/api/units']!.post!.responses)).toContain('201');
    expect(doc.paths['/api/tokens/{id}']!.delete!.responses['204']!.content).toBeUndefined();
  });

  it('documents the ETag exchange of the kept answers: If-None-Match in, 304 out, and only there', () => {
    const kept = ['/api/runs/{id}', '/api/runs/{id}/units/{unitId}', '/api/campaigns/{id}/results', '/api/screen'];
    for (const path of kept) {
      const op = doc.paths[path]!.get!;
      expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['200', '304']));
      expect(op.responses['304']!.content, path).toBeUndefined();
      expect((op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'if-none-match'), path).toBe(true);
    }
    const others = operations().filter(({ path, op }) => !kept.includes(path) && op.responses['304']);
    expect(others.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('declares the schema of every JSON answer, of reads and writes alike', () => {
    const bare: string[] = [];
    for (const { path, method, op } of operations()) {
      for (const [status, res] of Object.entries(op.responses)) {
        if (!/^2/.test(status)) continue;
        if (status === '204') continue;
        // No content at all: the route declared neither a response schema nor what it produces.
        const schema = res.content ? (res.content['application/json'] as { schema?: Record<string, unknown> } | undefined)?.schema : {};
        if (schema && !Object.keys(schema).some((k) => k !== 'description')) bare.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(bare).toEqual([]);
  });
});
