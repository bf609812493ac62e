import type { GroupDto, UnitDto, UnitKind } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  group_id: number;
  adcode: string | null;
  active: boolean;
  group_code: string;
  group_name: string;
  group_name_en: string | null;
  group_sort: number;
}

export interface GroupRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  kind: UnitKind;
  sort_order: number;
  unit_count: number;
}

const SELECT_UNITS = `select u.*, g.code as group_code, g.name as group_name, g.name_en as group_name_en, g.sort_order as group_sort
  from units u join unit_groups g on g.id = u.group_id`;

export function toUnitDto(r: UnitRow): UnitDto {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    adcode: r.adcode,
    active: r.active,
    group: { id: r.group_id, code: r.group_code, name: r.group_name, nameEn: r.group_name_en },
  };
}

export function toGroupDto(r: GroupRow): GroupDto {
  return { id: r.id, code: r.code, name: r.name, nameEn: r.name_en, kind: r.kind, sortOrder: r.sort_order, unitCount: r.unit_count };
}

export interface UnitFilter {
  q?: string;
  groupId?: number;
  kind?: UnitKind;
  active?: boolean;
}

/** Units ordered as offices list them: by group, then code. */
export async function findUnits(db: Queryable, f: UnitFilter = {}): Promise<UnitRow[]> {
  const w = new SqlWhere()
    .add(`(lower(u.code) like ? or lower(u.name) like ? or lower(coalesce(u.short_name, '')) like ?)`, f.q ? `%${f.q.toLowerCase()}%` : undefined)
    .add('u.group_id = ?', f.groupId)
    .add('u.kind = ?', f.kind)
    .add('u.active = ?', f.active);
  return db.query<UnitRow>(`${SELECT_UNITS} ${w.sql} order by g.sort_order, g.id, u.code`, w.params);
}

export async function findUnitById(db: Queryable, id: number): Promise<UnitRow | undefined> {
  const [row] = await db.query<UnitRow>(`${SELECT_UNITS} where u.id = $1`, [id]);
  return row;
}

export async function findUnitByCode(db: Queryable, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.query<UnitRow>(`${SELECT_UNITS} where lower(u.code) = lower($1)`, [code]);
  return row;
}

export interface UnitValues {
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  groupId: number;
  adcode: string | null;
  active: boolean;
}

export async function insertUnit(db: Queryable, v: UnitValues): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into units (code, name, short_name, kind, group_id, adcode, active) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [v.code, v.name, v.shortName, v.kind, v.groupId, v.adcode, v.active],
  );
  return row!.id;
}

export async function updateUnit(db: Queryable, id: number, v: UnitValues): Promise<void> {
  await db.query(
    `update units set code = $1, name = $2, short_name = $3, kind = $4, group_id = $5, adcode = $6, active = $7, updated_at = now() where id = $8`,
    [v.code, v.name, v.shortName, v.kind, v.groupId, v.adcode, v.active, id],
  );
}

const SELECT_GROUPS = `select g.*, (select count(*)::int from units u where u.group_id = g.id) as unit_count from unit_groups g`;

export async function findGroups(db: Queryable): Promise<GroupRow[]> {
  return db.query<GroupRow>(`${SELECT_GROUPS} order by g.sort_order, g.id`);
}

export async function findGroupById(db: Queryable, id: number): Promise<GroupRow | undefined> {
  const [row] = await db.query<GroupRow>(`${SELECT_GROUPS} where g.id = $1`, [id]);
  return row;
}

export interface GroupValues {
  code: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  sortOrder: number;
}

export async function insertGroup(db: Queryable, v: GroupValues): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'insert into unit_groups (code, name, name_en, kind, sort_order) values ($1, $2, $3, $4, $5) returning id',
    [v.code, v.name, v.nameEn, v.kind, v.sortOrder],
  );
  return row!.id;
}

export async function updateGroup(db: Queryable, id: number, v: GroupValues): Promise<void> {
  await db.query(
    'update unit_groups set code = $1, name = $2, name_en = $3, kind = $4, sort_order = $5, updated_at = now() where id = $6',
    [v.code, v.name, v.nameEn, v.kind, v.sortOrder, id],
  );
}

/** The ids of active units, in id order: all of them, or those among `ids`. */
export async function activeUnitIds(db: Queryable, ids?: number[]): Promise<number[]> {
  const rows = ids
    ? await db.query<{ id: number }>('select id from units where active and id = any($1::int[]) order by id', [ids])
    : await db.query<{ id: number }>('select id from units where active order by id');
  return rows.map((r) => r.id);
}

export async function findUnitByName(db: Queryable, name: string): Promise<{ id: number } | undefined> {
  const [row] = await db.query<{ id: number }>('select id from units where name = $1', [name]);
  return row;
}

/** A group with this code (whatever its case) or this name. */
export async function findGroupByCodeOrName(db: Queryable, code: string, name: string): Promise<{ id: number } | undefined> {
  const [row] = await db.query<{ id: number }>('select id from unit_groups where lower(code) = lower($1) or name = $2', [code, name]);
  return row;
}

/** Units of a group whose kind is not `kind`: a group's kind cannot change while it holds any. */
export async function countGroupUnitsOfOtherKind(db: Queryable, groupId: number, kind: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from units where group_id = $1 and kind <> $2', [groupId, kind]);
  return row?.n ?? 0;
}

/**
 * Changes whenever a unit or group is added, renamed or moved: answers kept for a while that show
 * unit names (rankings, results) carry it in their key.
 */
export async function namesStamp(db: Queryable): Promise<string> {
  const [row] = await db.query<{ stamp: string }>(
    `select concat_ws(':', (select count(*) from units), (select extract(epoch from max(updated_at)) from units),
                           (select extract(epoch from max(updated_at)) from unit_groups)) as stamp`,
  );
  return row!.stamp;
}
