import {
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  unitCreateSchema,
  type GroupDto,
  type ImportRowError,
  type UnitCreate,
  type UnitDto,
  type UnitKind,
  type UnitUpdate,
} from '@kaoping/shared';
import type { z } from 'zod';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { failIfRowErrors, readSheet, writeSheet, type SheetColumn } from '../../lib/excel.js';
import type { groupCreateSchema, groupUpdateSchema } from '@kaoping/shared';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import * as repo from './units.repository.js';

async function checkUnit(db: Queryable, v: repo.UnitValues, selfId?: number): Promise<string | null> {
  const group = await repo.findGroupById(db, v.groupId);
  if (!group) return `groupId: 组别 ${v.groupId} 不存在 / group does not exist`;
  if (group.kind !== v.kind) {
    return `kind: 单位类型“${UNIT_KIND_LABELS[v.kind].zh}”与组别“${group.name}”的类型“${UNIT_KIND_LABELS[group.kind].zh}”不一致 / the unit's kind must match its group's kind`;
  }
  const byCode = await repo.findUnitByCode(db, v.code);
  if (byCode && byCode.id !== selfId) return `code: 单位代码 ${v.code} 已被“${byCode.name}”使用 / code already used`;
  const byName = await repo.findUnitByName(db, v.name);
  if (byName && byName.id !== selfId) return `name: 单位名称“${v.name}”已存在 / name already used`;
  return null;
}

function snapshot(r: repo.UnitRow) {
  return { code: r.code, name: r.name, shortName: r.short_name, kind: r.kind, groupId: r.group_id, adcode: r.adcode, active: r.active };
}

export async function listUnits(db: Database, f: repo.UnitFilter): Promise<UnitDto[]> {
  return (await repo.findUnits(db, f)).map(repo.toUnitDto);
}

export async function getUnit(db: Database, id: number): Promise<UnitDto> {
  const row = await repo.findUnitById(db, id);
  if (!row) throw notFound('单位 / Unit');
  return repo.toUnitDto(row);
}

const rejectWith = (problem: string) => {
  const [field] = problem.split(':');
  return new AppError(problem.includes('已') ? 'DUPLICATE' : 'VALIDATION_FAILED', problem, [{ path: `body.${field}`, message: problem }]);
};

export async function createUnit(db: Database, input: UnitCreate, ctx: AuditContext): Promise<UnitDto> {
  const v: repo.UnitValues = {
    code: input.code,
    name: input.name,
    shortName: input.shortName ?? null,
    kind: input.kind,
    groupId: input.groupId,
    adcode: input.adcode ?? null,
    active: input.active ?? true,
  };
  const id = await db.transaction(async (tx) => {
    const problem = await checkUnit(tx, v);
    if (problem) throw rejectWith(problem);
    const newId = await repo.insertUnit(tx, v);
    await recordAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: newId, unitId: newId, after: v });
    return newId;
  });
  return getUnit(db, id);
}

export async function updateUnitById(db: Database, id: number, input: UnitUpdate, ctx: AuditContext): Promise<UnitDto> {
  await db.transaction(async (tx) => {
    const row = await repo.findUnitById(tx, id);
    if (!row) throw notFound('单位 / Unit');
    const before = snapshot(row);
    const v: repo.UnitValues = {
      code: input.code ?? row.code,
      name: input.name ?? row.name,
      shortName: input.shortName === undefined ? row.short_name : input.shortName,
      kind: input.kind ?? row.kind,
      groupId: input.groupId ?? row.group_id,
      adcode: input.adcode === undefined ? row.adcode : input.adcode,
      active: input.active ?? row.active,
    };
    const problem = await checkUnit(tx, v, id);
    if (problem) throw rejectWith(problem);
    await repo.updateUnit(tx, id, v);
    const action = before.active && !v.active ? 'unit.deactivate' : !before.active && v.active ? 'unit.activate' : 'unit.update';
    await recordAudit(tx, ctx, { action, entity: 'unit', entityId: id, unitId: id, before, after: v });
  });
  return getUnit(db, id);
}

// ---- groups ----

export async function listGroups(db: Database): Promise<GroupDto[]> {
  return (await repo.findGroups(db)).map(repo.toGroupDto);
}

type GroupCreate = z.infer<typeof groupCreateSchema>;
type GroupUpdate = z.infer<typeof groupUpdateSchema>;

async function checkGroup(db: Queryable, v: repo.GroupValues, selfId?: number): Promise<void> {
  const dup = await repo.findGroupByCodeOrName(db, v.code, v.name);
  if (dup && dup.id !== selfId) throw refused('DUPLICATE', `组别代码或名称已存在 / group code or name already used: ${v.code} ${v.name}`);
  if (selfId !== undefined) {
    if ((await repo.countGroupUnitsOfOtherKind(db, selfId, v.kind)) > 0) throw refused('IN_USE', '组别内已有其他类型的单位，不能修改类型 / the group holds units of another kind');
  }
}

export async function createGroup(db: Database, input: GroupCreate, ctx: AuditContext): Promise<GroupDto> {
  const v: repo.GroupValues = { code: input.code, name: input.name, nameEn: input.nameEn ?? null, kind: input.kind, sortOrder: input.sortOrder ?? 100 };
  const id = await db.transaction(async (tx) => {
    await checkGroup(tx, v);
    const newId = await repo.insertGroup(tx, v);
    await recordAudit(tx, ctx, { action: 'group.create', entity: 'group', entityId: newId, after: v });
    return newId;
  });
  return repo.toGroupDto((await repo.findGroupById(db, id))!);
}

export async function updateGroupById(db: Database, id: number, input: GroupUpdate, ctx: AuditContext): Promise<GroupDto> {
  await db.transaction(async (tx) => {
    const row = await repo.findGroupById(tx, id);
    if (!row) throw notFound('组别 / Group');
    const before: repo.GroupValues = { code: row.code, name: row.name, nameEn: row.name_en, kind: row.kind, sortOrder: row.sort_order };
    const v: repo.GroupValues = {
      code: input.code ?? row.code,
      name: input.name ?? row.name,
      nameEn: input.nameEn === undefined ? row.name_en : input.nameEn,
      kind: input.kind ?? row.kind,
      sortOrder: input.sortOrder ?? row.sort_order,
    };
    await checkGroup(tx, v, id);
    await repo.updateGroup(tx, id, v);
    await recordAudit(tx, ctx, { action: 'group.update', entity: 'group', entityId: id, before, after: v });
  });
  return repo.toGroupDto((await repo.findGroupById(db, id))!);
}

// ---- Excel ----

const STATUS = { active: '启用', inactive: '停用' };

const UNIT_COLUMNS: SheetColumn<repo.UnitRow>[] = [
  { key: 'code', header: '单位代码', value: (r) => r.code, width: 12 },
  { key: 'name', header: '单位名称', value: (r) => r.name, width: 32 },
  { key: 'shortName', header: '简称', value: (r) => r.short_name, width: 14 },
  { key: 'kind', header: '类型', value: (r) => UNIT_KIND_LABELS[r.kind].zh, width: 10, choices: UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k].zh) },
  { key: 'group', header: '考核组别', value: (r) => r.group_name, width: 16 },
  { key: 'adcode', header: '行政区划代码', value: (r) => r.adcode, width: 14 },
  { key: 'status', header: '状态', value: (r) => (r.active ? STATUS.active : STATUS.inactive), width: 8, choices: [STATUS.active, STATUS.inactive] },
];

export async function exportUnits(db: Database): Promise<Buffer> {
  return writeSheet('单位', UNIT_COLUMNS, await repo.findUnits(db));
}

const kindFromLabel = (s: string): UnitKind | undefined =>
  UNIT_KINDS.find((k) => UNIT_KIND_LABELS[k].zh === s || k === s || UNIT_KIND_LABELS[k].en === s);

/** Creates or updates units by code from a sheet shaped like the export; all rows or none. */
export async function importUnits(db: Database, buf: Buffer, ctx: AuditContext): Promise<{ created: number; updated: number }> {
  const rows = await readSheet(
    buf,
    UNIT_COLUMNS.map((c) => ({ key: c.key, header: c.header, required: ['code', 'name', 'kind', 'group'].includes(c.key) })),
  );
  return db.transaction(async (tx) => {
    const groups = await repo.findGroups(tx);
    const errors: ImportRowError[] = [];
    const seen = new Map<string, number>();
    const planned: { row: number; v: repo.UnitValues; existing?: repo.UnitRow }[] = [];
    for (const { row, values } of rows) {
      const err = (column: string, message: string) => errors.push({ row, column, message });
      const kind = kindFromLabel(values.kind ?? '');
      if (!kind) err('类型', `类型“${values.kind}”无效，应为 县市/城区/园区/市直单位`);
      const group = groups.find((g) => g.name === values.group || g.code === values.group);
      if (!group) err('考核组别', `组别“${values.group}”不存在`);
      const status = values.status || STATUS.active;
      if (status !== STATUS.active && status !== STATUS.inactive) err('状态', `状态应为“启用”或“停用”`);
      const parsed = unitCreateSchema.safeParse({
        code: values.code,
        name: values.name,
        shortName: values.shortName || null,
        kind: kind ?? 'county',
        groupId: group?.id ?? 1,
        adcode: values.adcode || null,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) err(UNIT_COLUMNS.find((c) => c.key === i.path[0])?.header ?? String(i.path[0]), i.message);
        continue;
      }
      const code = parsed.data.code.toLowerCase();
      if (seen.has(code)) err('单位代码', `与第 ${seen.get(code)} 行重复`);
      seen.set(code, row);
      if (!kind || !group) continue;
      const v: repo.UnitValues = {
        code: parsed.data.code,
        name: parsed.data.name,
        shortName: parsed.data.shortName ?? null,
        kind,
        groupId: group.id,
        adcode: parsed.data.adcode ?? null,
        active: status === STATUS.active,
      };
      const existing = await repo.findUnitByCode(tx, v.code);
      const problem = await checkUnit(tx, v, existing?.id);
      if (problem) err(problem.startsWith('name') ? '单位名称' : problem.startsWith('kind') ? '类型' : '单位代码', problem.split(': ').slice(1).join(': '));
      planned.push({ row, v, existing });
    }
    failIfRowErrors(errors);
    let created = 0;
    let updated = 0;
    for (const { v, existing } of planned) {
      if (existing) {
        await repo.updateUnit(tx, existing.id, v);
        await recordAudit(tx, ctx, { action: 'unit.import', entity: 'unit', entityId: existing.id, unitId: existing.id, before: snapshot(existing), after: v });
        updated++;
      } else {
        const id = await repo.insertUnit(tx, v);
        await recordAudit(tx, ctx, { action: 'unit.import', entity: 'unit', entityId: id, unitId: id, after: v });
        created++;
      }
    }
    return { created, updated };
  });
}
