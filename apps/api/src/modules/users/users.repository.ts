import type { Role, UserDto } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';
import { iso } from '../../db/timestamps.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  unit_id: number | null;
  password_hash: string;
  active: boolean;
  /** Addresses now locked out of this account after wrong passwords (see login_throttle). */
  lockouts: { address: string; until: string }[] | null;
  last_login_at: Date | null;
  created_at: Date;
  unit_code: string | null;
  unit_name: string | null;
}

const SELECT = `select u.*, un.code as unit_code, un.name as unit_name,
  (select json_agg(json_build_object('address', l.ip, 'until', l.locked_until) order by l.locked_until desc)
     from login_throttle l where l.username = lower(u.username) and l.locked_until > now()) as lockouts
  from users u left join units un on un.id = u.unit_id`;


/** The public face of a user: never the password hash or lock counters. */
export function toUserDto(r: UserRow): UserDto {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    unit: r.unit_id === null ? null : { id: r.unit_id, code: r.unit_code ?? '', name: r.unit_name ?? '' },
    active: r.active,
    lockouts: (r.lockouts ?? []).map((l) => ({ address: l.address, until: iso(l.until) ?? '' })),
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at) ?? '',
  };
}

export async function findUserById(db: Queryable, id: number): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT} where u.id = $1`, [id]);
  return row;
}

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  const [row] = await db.query<UserRow>(`${SELECT} where lower(u.username) = lower($1)`, [username]);
  return row;
}

export interface UserFilter {
  q?: string;
  unitId?: number;
  role?: Role;
  active?: boolean;
}

export async function findUsers(db: Queryable, f: UserFilter): Promise<UserRow[]> {
  const w = new SqlWhere()
    .add('(lower(u.username) like ? or lower(u.display_name) like ?)', f.q ? `%${f.q.toLowerCase()}%` : undefined)
    .add('u.unit_id = ?', f.unitId)
    .add('u.role = ?', f.role)
    .add('u.active = ?', f.active);
  return db.query<UserRow>(`${SELECT} ${w.sql} order by u.id`, w.params);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  passwordHash: string;
}

export async function insertUser(db: Queryable, u: NewUser): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into users (username, display_name, role, unit_id, password_hash) values ($1, $2, $3, $4, $5) returning id`,
    [u.username, u.displayName, u.role, u.unitId, u.passwordHash],
  );
  return row!.id;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  unitId?: number | null;
  active?: boolean;
  passwordHash?: string;
  lastLoginAt?: Date;
}

const COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  unitId: 'unit_id',
  active: 'active',
  passwordHash: 'password_hash',
  lastLoginAt: 'last_login_at',
};

export async function updateUser(db: Queryable, id: number, ch: UserChanges): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, col] of Object.entries(COLUMNS) as [keyof UserChanges, string][]) {
    if (ch[key] === undefined) continue;
    const v = ch[key];
    params.push(v instanceof Date ? v.toISOString() : v);
    sets.push(`${col} = $${params.length}`);
  }
  if (!sets.length) return;
  params.push(id);
  await db.query(`update users set ${sets.join(', ')}, updated_at = now() where id = $${params.length}`, params);
}
