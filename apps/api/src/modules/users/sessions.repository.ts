import type { Role } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';

export interface SessionPrincipalRow {
  session_id: string;
  csrf_token: string;
  user_id: number;
  username: string;
  display_name: string;
  role: Role;
  unit_id: number | null;
}

export async function insertSession(
  db: Queryable,
  s: { id: string; userId: number; csrfToken: string; ip: string; userAgent: string | null; expiresAt: Date },
): Promise<void> {
  await db.query(
    'insert into sessions (id, user_id, csrf_token, ip, user_agent, expires_at) values ($1, $2, $3, $4, $5, $6)',
    [s.id, s.userId, s.csrfToken, s.ip, s.userAgent, s.expiresAt.toISOString()],
  );
}

/** The live session's user, if the session exists, has not expired and its user is still active. */
export async function findSessionPrincipal(db: Queryable, id: string): Promise<SessionPrincipalRow | undefined> {
  const [row] = await db.query<SessionPrincipalRow>(
    `select s.id as session_id, s.csrf_token, u.id as user_id, u.username, u.display_name, u.role, u.unit_id
       from sessions s join users u on u.id = s.user_id
      where s.id = $1 and s.expires_at > now() and u.active`,
    [id],
  );
  return row;
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [id]);
}

/** Ends every session of a user but one (after a password change, or all when deactivated). */
export async function deleteUserSessions(db: Queryable, userId: number, exceptId?: string): Promise<void> {
  await db.query('delete from sessions where user_id = $1 and id <> $2', [userId, exceptId ?? '']);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('delete from sessions where expires_at <= now()');
}
