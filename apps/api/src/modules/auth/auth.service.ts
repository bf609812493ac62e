import type { MeDto } from '@kaoping/shared';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { dummyHash, hashPassword, verifyPassword } from '../../lib/passwords.js';
import type { Principal } from '../../lib/principal.js';
import { RateLimiter } from '../../lib/rate-limiter.js';
import { randomSecret, sha256 } from '../../lib/tokens.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { findUserById, findUserByUsername, updateUser } from '../users/users.repository.js';
import { checkNewPassword } from '../users/users.service.js';
import { clearFailures, deleteStaleThrottles, findLockedUntil, recordFailure } from '../users/login-throttle.repository.js';
import { deleteExpiredSessions, deleteSession, deleteUserSessions, insertSession } from '../users/sessions.repository.js';

const BAD_CREDENTIALS = '用户名或密码错误 / Wrong username or password';

/** Sign-in throttle, shared by every instance: sign-in attempts per address that did not succeed. */
export interface LoginGuards {
  perIp: RateLimiter;
}

export function createLoginGuards(cfg: Config): LoginGuards {
  return { perIp: new RateLimiter('login', cfg.login.ratePerIp, cfg.login.windowMinutes * 60_000) };
}

const waitError = (seconds: number, message: string) => new AppError('RATE_LIMITED', message, { retryAfterSeconds: seconds });

export interface LoginResult {
  me: MeDto;
  sessionToken: string;
  expiresAt: Date;
}

/**
 * Checks the password and opens a session. Every way of failing looks the same from outside
 * (status, message and about the same time, a hash being checked for unknown names too), so the
 * answers do not say which accounts exist. Wrong passwords slow down the address that sends them:
 * per address overall, and per (name, address) with a lock-out that holds only that address, so a
 * guesser cannot lock an account's owner out. Each failure and each lock-out is audited.
 */
export async function login(
  db: Database,
  cfg: Config,
  guards: LoginGuards,
  input: { username: string; password: string },
  ctx: AuditContext & { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const name = input.username.toLowerCase();
  // Counted before the hash is checked, so a burst in parallel is held too; a success takes its count back.
  const ipWait = await guards.perIp.hit(db, ctx.ip);
  if (ipWait) throw waitError(ipWait, `登录尝试过于频繁，请 ${ipWait} 秒后再试 / Too many attempts, retry in ${ipWait} s`);
  const lockedUntil = await findLockedUntil(db, name, ctx.ip);
  if (lockedUntil) {
    const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw waitError(
      seconds,
      `该账号从本地址连续登录失败次数过多，请 ${minutes} 分钟后再试，或联系管理员解锁 / Too many failed sign-ins to this account from this address; retry in ${minutes} min or ask an administrator`,
    );
  }

  const user = await findUserByUsername(db, name);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
  if (!user || !passwordOk || !user.active) {
    const reason = !user ? 'unknown-user' : !passwordOk ? 'wrong-password' : 'inactive';
    await db.transaction(async (tx) => {
      const lock = await recordFailure(tx, name, ctx.ip, cfg.login);
      const who = { entity: 'user', entityId: user?.id ?? null, unitId: user?.unit_id ?? null };
      await recordAudit(tx, ctx, { action: 'auth.failure', ...who, after: { username: name, reason } });
      if (lock) await recordAudit(tx, ctx, { action: 'auth.lockout', ...who, after: { username: name, address: ctx.ip, until: lock.toISOString() } });
    });
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  await guards.perIp.forget(db, ctx.ip);

  const sessionToken = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(Date.now() + cfg.sessionTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await deleteExpiredSessions(tx);
    await deleteStaleThrottles(tx);
    await RateLimiter.prune(tx);
    await clearFailures(tx, name, ctx.ip);
    await updateUser(tx, user.id, { lastLoginAt: new Date() });
    await insertSession(tx, { id: sha256(sessionToken), userId: user.id, csrfToken, ip: ctx.ip, userAgent: ctx.userAgent, expiresAt });
    await recordAudit(tx, { ...ctx, actorId: user.id, actorName: user.username }, {
      action: 'auth.login',
      entity: 'session',
      entityId: user.id,
      unitId: user.unit_id,
    });
  });
  return { me: await getMe(db, user.id, csrfToken), sessionToken, expiresAt };
}

export async function getMe(db: Database, userId: number, csrfToken: string): Promise<MeDto> {
  const u = await findUserById(db, userId);
  if (!u) throw new AppError('UNAUTHENTICATED', '请先登录 / Please sign in');
  return {
    user: {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      unit: u.unit_id === null ? null : { id: u.unit_id, code: u.unit_code ?? '', name: u.unit_name ?? '' },
    },
    csrfToken,
  };
}

export async function logout(db: Database, p: Principal, ctx: AuditContext): Promise<void> {
  if (!p.sessionId) return;
  const sessionId = p.sessionId;
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionId);
    await recordAudit(tx, ctx, { action: 'auth.logout', entity: 'session', entityId: p.userId, unitId: p.unitId });
  });
}

/** Changes the caller's own password and ends their other sessions. */
export async function changePassword(
  db: Database,
  p: Principal,
  input: { currentPassword: string; newPassword: string },
  ctx: AuditContext,
): Promise<void> {
  if (p.via === 'token' || p.userId === null) throw new AppError('FORBIDDEN', 'API 令牌不能修改密码 / API tokens have no password');
  const user = await findUserById(db, p.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'currentPassword: 当前密码不正确 / current password is wrong', [
      { path: 'body.currentPassword', message: '当前密码不正确 / current password is wrong' },
    ]);
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('VALIDATION_FAILED', 'newPassword: 新密码不能与当前密码相同 / must differ from the current one', [
      { path: 'body.newPassword', message: '新密码不能与当前密码相同 / must differ from the current one' },
    ]);
  }
  checkNewPassword(input.newPassword, { username: user.username, displayName: user.display_name }, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await deleteUserSessions(tx, user.id, p.sessionId);
    await recordAudit(tx, ctx, { action: 'user.password', entity: 'user', entityId: user.id, unitId: user.unit_id });
  });
}
