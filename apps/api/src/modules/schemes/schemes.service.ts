import { generatePeriods, type Frequency } from '@kaoping/scoring';
import { projectRateOf, type SchemeDocument, type SchemeDto } from '@kaoping/shared';
import YAML from 'yaml';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import * as repo from './schemes.repository.js';
import { schemeFromWorkbook } from './scheme-excel.js';
import { flattenIndicators, toMethodConfig, validateScheme, type SchemeContext, type SchemeIssue } from './scheme-validate.js';

function toDto(r: repo.SchemeRow, withDocument = false): SchemeDto {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    name: r.name,
    year: r.year,
    status: r.status,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
    leafCount: flattenIndicators(r.document).filter((f) => f.isLeaf).length,
    ...(withDocument ? { document: r.document } : {}),
  };
}

/** The city's groups and units as the validator needs them. */
export async function loadSchemeContext(db: Queryable): Promise<SchemeContext> {
  const rows = await repo.findGroupsWithActiveUnits(db);
  const groups: SchemeContext['groups'] = new Map();
  const unitCodes = new Set<string>();
  for (const r of rows) {
    const g = groups.get(r.group_code) ?? { name: r.group_name, units: [] };
    groups.set(r.group_code, g);
    if (r.code && r.name) {
      g.units.push({ code: r.code, name: r.name });
      unitCodes.add(r.code);
    }
  }
  for (const u of await repo.findAllUnitCodes(db)) unitCodes.add(u.code);
  return { groups, unitCodes };
}

/** Reads a scheme sent as JSON, YAML text or an Excel workbook. */
export async function parseSchemeInput(body: unknown): Promise<unknown> {
  if (Buffer.isBuffer(body)) return schemeFromWorkbook(body);
  if (typeof body === 'string') {
    try {
      return YAML.parse(body) as unknown;
    } catch (err) {
      const e = err as { message?: string; linePos?: { line: number; col: number }[] };
      const at = e.linePos?.[0] ? `第 ${e.linePos[0].line} 行第 ${e.linePos[0].col} 列 / line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : '';
      throw new AppError('BAD_REQUEST', `YAML 格式错误：${at}${e.message ?? ''}`);
    }
  }
  if (body === undefined || body === null) throw new AppError('BAD_REQUEST', '请提供方案文档（JSON、YAML 或 Excel）/ send a scheme document');
  return body;
}

function invalid(issues: SchemeIssue[]): AppError {
  const first = issues[0]!;
  return new AppError('VALIDATION_FAILED', `${first.path}: ${first.message}${issues.length > 1 ? `（另有 ${issues.length - 1} 处问题 / and ${issues.length - 1} more）` : ''}`, issues);
}

export async function checkScheme(db: Database, input: unknown): Promise<{ ok: boolean; issues: SchemeIssue[] }> {
  const { issues } = validateScheme(input, await loadSchemeContext(db));
  return { ok: issues.length === 0, issues };
}

export async function listSchemes(db: Database): Promise<SchemeDto[]> {
  return (await repo.findSchemes(db)).map((r) => toDto(r));
}

export async function getScheme(db: Database, id: number): Promise<SchemeDto> {
  const row = await repo.findSchemeById(db, id);
  if (!row) throw notFound('考核方案 / Scheme');
  return toDto(row, true);
}

/** Saves a valid document as the draft of its code: replaces the open draft, or starts the next version. */
export async function importScheme(db: Database, input: unknown, userId: number | null, ctx: AuditContext): Promise<SchemeDto> {
  const id = await db.transaction(async (tx) => {
    const { doc, issues } = validateScheme(input, await loadSchemeContext(tx));
    if (!doc || issues.length) throw invalid(issues);
    const draft = await repo.findDraft(tx, doc.code);
    if (draft) {
      await repo.replaceDraftDocument(tx, draft.id, doc);
      await recordAudit(tx, ctx, { action: 'scheme.update', entity: 'scheme', entityId: draft.id, before: { name: draft.name, version: draft.version }, after: { name: doc.name, version: draft.version } });
      return draft.id;
    }
    const version = await repo.nextVersion(tx, doc.code);
    const newId = await repo.insertScheme(tx, doc, version, userId);
    await recordAudit(tx, ctx, { action: 'scheme.import', entity: 'scheme', entityId: newId, after: { code: doc.code, version, name: doc.name } });
    return newId;
  });
  return getScheme(db, id);
}

/** Replaces a draft's document; a published scheme is immutable. */
export async function updateDraft(db: Database, id: number, input: unknown, ctx: AuditContext): Promise<SchemeDto> {
  await db.transaction(async (tx) => {
    const row = await repo.findSchemeById(tx, id);
    if (!row) throw notFound('考核方案 / Scheme');
    if (row.status !== 'draft') throw refused('FROZEN', '已发布的方案不可修改，请创建新版本 / a published scheme is frozen: create a new version');
    const { doc, issues } = validateScheme(input, await loadSchemeContext(tx));
    if (!doc || issues.length) throw invalid(issues);
    if (doc.code !== row.code) throw new AppError('VALIDATION_FAILED', `code: 不能修改方案代码（${row.code}）/ the code cannot change`, [{ path: 'code', message: 'cannot change' }]);
    await repo.replaceDraftDocument(tx, id, doc);
    await recordAudit(tx, ctx, { action: 'scheme.update', entity: 'scheme', entityId: id, before: { name: row.name }, after: { name: doc.name } });
  });
  return getScheme(db, id);
}

/** Starts the next version as a draft copy of a published one. */
export async function createNextVersion(db: Database, id: number, userId: number | null, ctx: AuditContext): Promise<SchemeDto> {
  const newId = await db.transaction(async (tx) => {
    const row = await repo.findSchemeById(tx, id);
    if (!row) throw notFound('考核方案 / Scheme');
    if (await repo.findDraft(tx, row.code)) throw refused('DUPLICATE', `方案 ${row.code} 已有未发布的草稿版本 / a draft version already exists`);
    const version = await repo.nextVersion(tx, row.code);
    const created = await repo.insertScheme(tx, row.document, version, userId);
    await recordAudit(tx, ctx, { action: 'scheme.version', entity: 'scheme', entityId: created, after: { code: row.code, version, from: row.version } });
    return created;
  });
  return getScheme(db, newId);
}

/**
 * Freezes a draft: its indicators, per-unit targets and reporting periods are written out and
 * the previous published version is archived. Scores always name the version they used.
 */
export async function publishScheme(db: Database, id: number, userId: number | null, ctx: AuditContext): Promise<SchemeDto> {
  await db.transaction(async (tx) => {
    const row = await repo.findSchemeById(tx, id);
    if (!row) throw notFound('考核方案 / Scheme');
    if (row.status !== 'draft') throw refused('TRANSITION_NOT_ALLOWED', '只有草稿可以发布 / only a draft can be published');
    const schemeCtx = await loadSchemeContext(tx);
    const { doc, issues } = validateScheme(row.document, schemeCtx);
    if (!doc || issues.length) throw invalid(issues);
    const unitIds = new Map((await repo.findAllUnitCodes(tx)).map((u) => [u.code, u.id]));
    const targets: unknown[][] = [];
    const lastYear: unknown[][] = [];
    const frequencies = new Set<Frequency>();
    for (const f of flattenIndicators(doc)) {
      const n = f.node;
      const indicatorId = await repo.insertIndicator(tx, id, {
        code: n.code,
        parentCode: f.parentCode,
        level: f.level,
        order: f.order,
        name: n.name,
        points: n.points,
        component: f.component,
        groups: f.groups,
        isLeaf: f.isLeaf,
        unitLabel: n.unit ?? null,
        direction: f.isLeaf ? (n.direction ?? 'higher') : null,
        frequency: f.isLeaf ? (n.frequency ?? null) : null,
        aggregate: f.isLeaf ? (n.aggregate ?? 'last') : null,
        dataSourceUnitId: n.dataSource ? (unitIds.get(n.dataSource) ?? null) : null,
        fedByProject: projectRateOf(n.dataSource) !== null,
        method: f.isLeaf ? toMethodConfig(n, { vetoCap: doc.grading?.vetoCap }) : null,
        valueMin: f.isLeaf ? (n.min ?? null) : null,
        valueMax: f.isLeaf ? (n.max ?? null) : null,
        valueDecimals: f.isLeaf ? (n.decimals ?? null) : null,
      });
      if (!f.isLeaf) continue;
      if (n.frequency) frequencies.add(n.frequency);
      for (const g of f.groups) {
        for (const u of schemeCtx.groups.get(g)?.units ?? []) {
          const t = n.targets?.byUnit?.[u.code] ?? n.targets?.default;
          if (t !== undefined && t !== null) targets.push([indicatorId, unitIds.get(u.code), t]);
          const last = n.lastYear?.byUnit?.[u.code] ?? n.lastYear?.default;
          if (last !== undefined && last !== null) lastYear.push([indicatorId, unitIds.get(u.code), last, 'scheme']);
        }
      }
    }
    await repo.insertMany(tx, 'indicator_targets', ['indicator_id', 'unit_id', 'target'], targets);
    await repo.insertMany(tx, 'indicator_last_year', ['indicator_id', 'unit_id', 'value', 'source'], lastYear);
    const periods = [...frequencies].flatMap((fq) => generatePeriods(doc.year, fq).map((p) => [id, fq, p.key, p.label, p.start, p.end]));
    await repo.insertMany(tx, 'periods', ['scheme_id', 'frequency', 'key', 'label', 'start_date', 'end_date'], periods);
    await repo.markPublished(tx, id, userId);
    await recordAudit(tx, ctx, { action: 'scheme.publish', entity: 'scheme', entityId: id, after: { code: row.code, version: row.version, indicators: flattenIndicators(doc).length, periods: periods.length } });
  });
  return getScheme(db, id);
}

export type ExportFormat = 'yaml' | 'json' | 'xlsx';

/** The scheme document as text (YAML with a header comment, or JSON). */
export function documentText(doc: SchemeDocument, format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(doc, null, 2);
  return `# ${doc.name}\n# ${doc.format} — 校验规则 / JSON Schema: /api/schemas/scheme.json\n${YAML.stringify(doc, { lineWidth: 0 })}`;
}
