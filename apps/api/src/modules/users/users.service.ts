import {
  ROLE_LABELS,
  ROLES,
  isUnitRole,
  userCreateSchema,
  type ImportRowError,
  type Role,
  type UserCreate,
  type UserDto,
  type UserUpdate,
} from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { failIfRowErrors, readSheet, writeSheet, type SheetColumn } from '../../lib/excel.js';
import { hashPassword, passwordProblem } from '../../lib/passwords.js';
import type { Principal } from '../../lib/principal.js';
import { clearAllFailures } from './login-throttle.repository.js';
import { deleteUserSessions } from './sessions.repository.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { revokeTokensOfIssuer } from '../tokens/tokens.service.js';
import { findUnitById, findUnitByCode } from '../units/units.repository.js';
import * as repo from './users.repository.js';

function snapshot(r: { display_name: string; role: Role; unit_id: number | null; active: boolean }) {
  return { displayName: r.display_name, role: r.role, unitId: r.unit_id, active: r.active };
}

const fieldError = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ path: `body.${field}`, message }]);

/** Refuses a new password that is short, common or built on the account's name, naming the field. */
export function checkNewPassword(password: string, account: { username: string; displayName?: string }, field = 'password'): void {
  const problem = passwordProblem(password, account);
  if (problem) throw fieldError(field, problem);
}

async function checkRoleUnit(db: Queryable, role: Role, unitId: number | null): Promise<void> {
  if (isUnitRole(role) && unitId === null) {
    throw fieldError('unitId', `角色“${ROLE_LABELS[role].zh}”必须指定所属单位 / this role needs a unit`);
  }
  if (!isUnitRole(role) && unitId !== null) {
    throw fieldError('unitId', `角色“${ROLE_LABELS[role].zh}”为全市角色，不属于单位 / this role is city-wide and has no unit`);
  }
  if (unitId !== null && !(await findUnitById(db, unitId))) throw fieldError('unitId', `单位 ${unitId} 不存在 / unit not found`);
}

/** Lists accounts, limited to the unit `scope` when given (userPolicies.listScope). */
export async function listUsers(db: Database, scope: number | undefined, f: repo.UserFilter): Promise<UserDto[]> {
  const filter = scope === undefined ? f : { ...f, unitId: scope };
  return (await repo.findUsers(db, filter)).map(repo.toUserDto);
}

export const userDto = repo.toUserDto;

/** An account as stored, for the route to authorize (userPolicies.read); 404 when there is none. */
export async function loadUser(db: Database, id: number): Promise<repo.UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound('用户 / User');
  return row;
}

export async function createUser(db: Database, input: UserCreate, ctx: AuditContext): Promise<UserDto> {
  const unitId = input.unitId ?? null;
  checkNewPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction(async (tx) => {
    await checkRoleUnit(tx, input.role, unitId);
    if (await repo.findUserByUsername(tx, input.username)) throw refused('DUPLICATE', `用户名 ${input.username} 已存在 / username already used`, [{ path: 'body.username', message: 'taken' }]);
    const newId = await repo.insertUser(tx, { username: input.username, displayName: input.displayName, role: input.role, unitId, passwordHash });
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: newId,
      unitId,
      after: { username: input.username, displayName: input.displayName, role: input.role, unitId, active: true },
    });
    return newId;
  });
  return repo.toUserDto((await repo.findUserById(db, id))!);
}

/** Edits an account; deactivating it or resetting its password ends its sessions. */
export async function updateUserById(db: Database, p: Principal, id: number, input: UserUpdate, ctx: AuditContext): Promise<UserDto> {
  let passwordHash: string | undefined;
  if (input.password) {
    const account = await repo.findUserById(db, id);
    if (!account) throw notFound('用户 / User');
    checkNewPassword(input.password, { username: account.username, displayName: input.displayName ?? account.display_name });
    passwordHash = await hashPassword(input.password);
  }
  await db.transaction(async (tx) => {
    const row = await repo.findUserById(tx, id);
    if (!row) throw notFound('用户 / User');
    const role = input.role ?? row.role;
    const unitId = input.unitId === undefined ? (isUnitRole(role) ? row.unit_id : null) : input.unitId;
    await checkRoleUnit(tx, role, unitId);
    if (p.userId === id && (input.active === false || (input.role !== undefined && input.role !== 'admin'))) {
      throw refused('SELF_LOCKOUT', '不能停用自己或取消自己的管理员角色 / You cannot deactivate yourself or drop your own admin role');
    }
    const before = snapshot(row);
    const after = { displayName: input.displayName ?? row.display_name, role, unitId, active: input.active ?? row.active };
    await repo.updateUser(tx, id, {
      displayName: after.displayName,
      role,
      unitId,
      active: after.active,
      ...(passwordHash ? { passwordHash } : {}),
    });
    if (input.unlock) await clearAllFailures(tx, row.username);
    if (passwordHash || !after.active) await deleteUserSessions(tx, id);
    // A deactivated account's tokens die for good: reactivating it later does not revive them.
    if (!after.active) await revokeTokensOfIssuer(tx, id, ctx);
    const action = input.unlock ? 'user.unlock' : passwordHash ? 'user.password_reset' : before.active && !after.active ? 'user.deactivate' : 'user.update';
    await recordAudit(tx, ctx, { action, entity: 'user', entityId: id, unitId: unitId ?? row.unit_id, before, after });
  });
  return repo.toUserDto((await repo.findUserById(db, id))!);
}

// ---- Excel ----

const roleFromLabel = (s: string): Role | undefined => ROLES.find((r) => ROLE_LABELS[r].zh === s || r === s);

const USER_COLUMNS: SheetColumn<repo.UserRow>[] = [
  { key: 'username', header: '用户名', value: (r) => r.username, width: 20 },
  { key: 'displayName', header: '姓名', value: (r) => r.display_name, width: 24 },
  { key: 'role', header: '角色', value: (r) => ROLE_LABELS[r.role].zh, width: 14, choices: ROLES.map((x) => ROLE_LABELS[x].zh) },
  { key: 'unitCode', header: '单位代码', value: (r) => r.unit_code, width: 12 },
  { key: 'unitName', header: '单位名称', value: (r) => r.unit_name, width: 30 },
  { key: 'status', header: '状态', value: (r) => (r.active ? '启用' : '停用'), width: 8, choices: ['启用', '停用'] },
  { key: 'password', header: '初始密码', value: () => null, width: 16 },
];

export async function exportUsers(db: Database, scope: number | undefined): Promise<Buffer> {
  const rows = await repo.findUsers(db, scope === undefined ? {} : { unitId: scope });
  return writeSheet('用户', USER_COLUMNS, rows);
}

/** Creates or updates accounts by username; a new account needs an initial password. All rows or none. */
export async function importUsers(db: Database, buf: Buffer, ctx: AuditContext): Promise<{ created: number; updated: number }> {
  const rows = await readSheet(
    buf,
    USER_COLUMNS.map((c) => ({ key: c.key, header: c.header, required: ['username', 'displayName', 'role'].includes(c.key) })),
  );
  // Hash outside the transaction: it is the slow part and touches no data.
  const hashes = new Map<number, string>();
  const passwordProblems = new Map<number, string>();
  for (const { row, values } of rows) {
    if (!values.password) continue;
    const problem = passwordProblem(values.password, { username: values.username ?? '', displayName: values.displayName ?? '' });
    if (problem) passwordProblems.set(row, problem);
    else hashes.set(row, await hashPassword(values.password));
  }
  return db.transaction(async (tx) => {
    const errors: ImportRowError[] = [];
    const seen = new Map<string, number>();
    const planned: { row: number; existing?: repo.UserRow; username: string; displayName: string; role: Role; unitId: number | null; active: boolean }[] = [];
    for (const { row, values } of rows) {
      const err = (column: string, message: string) => errors.push({ row, column, message });
      const role = roleFromLabel(values.role ?? '');
      if (!role) err('角色', `角色“${values.role}”无效，应为：${ROLES.map((r) => ROLE_LABELS[r].zh).join('/')}`);
      let unitId: number | null = null;
      if (values.unitCode) {
        const unit = await findUnitByCode(tx, values.unitCode);
        if (!unit) err('单位代码', `单位代码“${values.unitCode}”不存在`);
        else unitId = unit.id;
      }
      if (role && isUnitRole(role) && !values.unitCode) err('单位代码', `角色“${ROLE_LABELS[role].zh}”必须填写单位代码`);
      if (role && !isUnitRole(role) && values.unitCode) err('单位代码', `角色“${ROLE_LABELS[role].zh}”为全市角色，单位代码应留空`);
      const status = values.status || '启用';
      if (status !== '启用' && status !== '停用') err('状态', '状态应为“启用”或“停用”');
      const parsed = userCreateSchema.shape.username.safeParse(values.username);
      if (!parsed.success) err('用户名', parsed.error.issues[0]?.message ?? '无效');
      if (!values.displayName) err('姓名', '姓名不能为空');
      const username = parsed.success ? parsed.data : (values.username ?? '');
      const key = username.toLowerCase();
      if (seen.has(key)) err('用户名', `与第 ${seen.get(key)} 行重复`);
      seen.set(key, row);
      const existing = parsed.success ? await repo.findUserByUsername(tx, username) : undefined;
      const passwordProblemOfRow = passwordProblems.get(row);
      if (passwordProblemOfRow) err('初始密码', passwordProblemOfRow);
      if (!existing && !values.password) err('初始密码', '新用户必须填写初始密码');
      if (role) planned.push({ row, existing, username, displayName: values.displayName ?? '', role, unitId, active: status === '启用' });
    }
    failIfRowErrors(errors);
    let created = 0;
    let updated = 0;
    for (const u of planned) {
      const passwordHash = hashes.get(u.row);
      if (u.existing) {
        await repo.updateUser(tx, u.existing.id, { displayName: u.displayName, role: u.role, unitId: u.unitId, active: u.active, ...(passwordHash ? { passwordHash } : {}) });
        if (!u.active) await revokeTokensOfIssuer(tx, u.existing.id, ctx);
        const after = { displayName: u.displayName, role: u.role, unitId: u.unitId, active: u.active };
        await recordAudit(tx, ctx, { action: 'user.import', entity: 'user', entityId: u.existing.id, unitId: u.unitId, before: snapshot(u.existing), after });
        updated++;
      } else {
        const id = await repo.insertUser(tx, { username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, passwordHash: passwordHash! });
        if (!u.active) await repo.updateUser(tx, id, { active: false });
        await recordAudit(tx, ctx, { action: 'user.import', entity: 'user', entityId: id, unitId: u.unitId, after: { username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, active: u.active } });
        created++;
      }
    }
    return { created, updated };
  });
}
