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
import { deleteExpiredSessions, deleteSession, deleteUserSessions, insertSession } from './sessions.repository.js';

const BAD_CREDENTIALS = '用户名或密码错误 / Wrong username or password';

/** Login throttles kept for the life of the process: per address and per account. */
export interface LoginGuards {
  perIp: RateLimiter;
  perAccount: RateLimiter;
}

export function createLoginGuards(cfg: Config): LoginGuards {
  const windowMs = cfg.login.windowMinutes * 60_000;
  return {
    perIp: new RateLimiter(cfg.login.ratePerIp, windowMs),
    perAccount: new RateLimiter(cfg.login.ratePerAccount, windowMs),
  };
}

function throttled(seconds: number): AppError {
  return new AppError('RATE_LIMITED', `登录尝试过于频繁，请 ${seconds} 秒后再试 / Too many attempts, retry in ${seconds} s`, {
    retryAfterSeconds: seconds,
  });
}

export interface LoginResult {
  me: MeDto;
  sessionToken: string;
  expiresAt: Date;
}

/** Checks the password, counts failures toward a lock-out and opens a session on success. */
export async function login(
  db: Database,
  cfg: Config,
  guards: LoginGuards,
  input: { username: string; password: string },
  ctx: AuditContext & { ip: string; userAgent: string | null },
): Promise<LoginResult> {
  const ipWait = guards.perIp.hit(ctx.ip);
  if (ipWait) throw throttled(ipWait);
  const accountWait = guards.perAccount.hit(input.username.toLowerCase());
  if (accountWait) throw throttled(accountWait);

  const user = await findUserByUsername(db, input.username);
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    const minutes = Math.ceil((new Date(user.locked_until).getTime() - Date.now()) / 60_000);
    throw new AppError(
      'ACCOUNT_LOCKED',
      `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系管理员解锁 / Account locked after repeated failures; retry in ${minutes} min or ask an administrator`,
      { lockedUntil: new Date(user.locked_until).toISOString() },
    );
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok || !user.active) {
    if (!ok) {
      const failures = user.failed_logins + 1;
      const lock = failures >= cfg.login.maxFailures;
      await db.transaction(async (tx) => {
        await updateUser(tx, user.id, {
          failedLogins: lock ? 0 : failures,
          ...(lock ? { lockedUntil: new Date(Date.now() + cfg.login.lockMinutes * 60_000) } : {}),
        });
        if (lock) {
          await recordAudit(tx, ctx, { action: 'auth.lockout', entity: 'user', entityId: user.id, unitId: user.unit_id });
        }
      });
    }
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }

  const sessionToken = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(Date.now() + cfg.sessionTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await deleteExpiredSessions(tx);
    await updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
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
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash });
    await deleteUserSessions(tx, user.id, p.sessionId);
    await recordAudit(tx, ctx, { action: 'user.password', entity: 'user', entityId: user.id, unitId: user.unit_id });
  });
}
