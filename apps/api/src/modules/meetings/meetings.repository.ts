import type { CommentKind, MeetingKind, MeetingStatus, PresenterMaterial } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { unitReceipts } from '../../lib/unit-receipts.repository.js';

export interface MeetingRow {
  id: number;
  kind: MeetingKind;
  title: string;
  held_on: string;
  venue: string;
  video_note: string;
  material_as_of: string;
  status: MeetingStatus;
  prepared_at: Date | null;
  minutes_no: string | null;
  minutes_issued_at: Date | null;
  presenter_count: number;
  comment_count: number;
  task_count: number;
}

const SELECT = `select m.id, m.kind, m.title, to_char(m.held_on, 'YYYY-MM-DD') as held_on, m.venue, m.video_note,
    to_char(m.material_as_of, 'YYYY-MM-DD') as material_as_of, m.status, m.prepared_at, m.minutes_no, m.minutes_issued_at,
    (select count(*)::int from meeting_presenters p where p.meeting_id = m.id) as presenter_count,
    (select count(*)::int from meeting_comments c where c.meeting_id = m.id) as comment_count,
    (select count(*)::int from meeting_comments c join tasks t on t.origin_kind = 'meeting_comment' and t.origin_id = c.id where c.meeting_id = m.id) as task_count
  from meetings m`;

/** Every meeting, or (a unit's people) those with issued minutes at which the unit presented. */
export const findMeetings = (db: Queryable, presentedBy?: number) =>
  presentedBy === undefined
    ? db.query<MeetingRow>(`${SELECT} order by m.held_on desc, m.id desc`)
    : db.query<MeetingRow>(
        `${SELECT} where m.minutes_no is not null and exists (select 1 from meeting_presenters p where p.meeting_id = m.id and p.unit_id = $1)
          order by m.held_on desc, m.id desc`,
        [presentedBy],
      );

export async function findMeeting(db: Queryable, id: number, forUpdate = false): Promise<MeetingRow | undefined> {
  return (await db.query<MeetingRow>(`${SELECT} where m.id = $1${forUpdate ? ' for update of m' : ''}`, [id]))[0];
}

export interface MeetingValues {
  kind: MeetingKind;
  title: string;
  heldOn: string;
  venue: string;
  videoNote: string;
  materialAsOf: string;
}

export async function insertMeeting(db: Queryable, v: MeetingValues, createdBy: number | null): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into meetings (kind, title, held_on, venue, video_note, material_as_of, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [v.kind, v.title, v.heldOn, v.venue, v.videoNote, v.materialAsOf, createdBy],
  );
  return row!.id;
}

export async function updateMeeting(db: Queryable, id: number, v: MeetingValues): Promise<void> {
  await db.query(
    `update meetings set kind = $2, title = $3, held_on = $4, venue = $5, video_note = $6, material_as_of = $7, updated_at = now() where id = $1`,
    [id, v.kind, v.title, v.heldOn, v.venue, v.videoNote, v.materialAsOf],
  );
}

export async function setStatus(db: Queryable, id: number, status: MeetingStatus, prepared: boolean): Promise<void> {
  await db.query(`update meetings set status = $2, prepared_at = case when $3 then now() else prepared_at end, updated_at = now() where id = $1`, [id, status, prepared]);
}

export const findLeaders = (db: Queryable, meetingId: number) =>
  db.query<{ user_id: number; display_name: string }>(
    'select l.user_id, u.display_name from meeting_leaders l join users u on u.id = l.user_id where l.meeting_id = $1 order by l.position',
    [meetingId],
  );

export async function replaceLeaders(db: Queryable, meetingId: number, userIds: number[]): Promise<void> {
  await db.query('delete from meeting_leaders where meeting_id = $1', [meetingId]);
  if (userIds.length) {
    await db.query('insert into meeting_leaders (meeting_id, user_id, position) select $1, u, o from unnest($2::int[]) with ordinality as x(u, o)', [meetingId, userIds]);
  }
}

/** Active accounts of the roles that attend and comment: 市领导, the offices, the administrator. */
export const findLeaderOptions = (db: Queryable) =>
  db.query<{ id: number; display_name: string; role: string }>(
    `select id, display_name, role from users where active and role in ('leader', 'office', 'supervisor') order by role = 'leader' desc, id`,
  );

export const countActiveLeaders = async (db: Queryable, ids: number[]) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from users where active and role in ('leader', 'office', 'supervisor') and id = any($1::int[])`, [ids]))[0]!.n;

export const countActiveUnits = async (db: Queryable, ids: number[]) =>
  (await db.query<{ n: number }>('select count(*)::int as n from units where active and id = any($1::int[])', [ids]))[0]!.n;

export interface PresenterRow {
  id: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  position: number;
  minutes: number;
  main_points: string;
  material: PresenterMaterial | null;
}

export const findPresenters = (db: Queryable, meetingId: number) =>
  db.query<PresenterRow>(
    `select p.id, p.unit_id, u.code as unit_code, u.name as unit_name, p.position, p.minutes, p.main_points, p.material
       from meeting_presenters p join units u on u.id = p.unit_id where p.meeting_id = $1 order by p.position`,
    [meetingId],
  );

/**
 * Presenters after an edit: those kept keep their id (their comments stay with them), new ones are
 * added, and the ones left out are removed — the caller has checked that none of them has comments.
 */
export async function savePresenters(db: Queryable, meetingId: number, list: { unitId: number; minutes: number; mainPoints: string }[]): Promise<void> {
  const unitIds = list.map((p) => p.unitId);
  await db.query('delete from meeting_presenters where meeting_id = $1 and not (unit_id = any($2::int[]))', [meetingId, unitIds]);
  // Positions are moved out of the way first, so that reordering never meets itself.
  await db.query('update meeting_presenters set position = position + 1000 where meeting_id = $1', [meetingId]);
  for (const [i, p] of list.entries()) {
    await db.query(
      `insert into meeting_presenters (meeting_id, unit_id, position, minutes, main_points) values ($1, $2, $3, $4, $5)
       on conflict (meeting_id, unit_id) do update set position = excluded.position, minutes = excluded.minutes, main_points = excluded.main_points`,
      [meetingId, p.unitId, i + 1, p.minutes, p.mainPoints],
    );
  }
}

export async function setMaterial(db: Queryable, presenterId: number, material: PresenterMaterial): Promise<void> {
  await db.query('update meeting_presenters set material = $2 where id = $1', [presenterId, JSON.stringify(material)]);
}

export async function setMainPoints(db: Queryable, presenterId: number, mainPoints: string): Promise<void> {
  await db.query('update meeting_presenters set main_points = $2 where id = $1', [presenterId, mainPoints]);
}

export interface CommentRow {
  id: number;
  meeting_id: number;
  presenter_id: number;
  kind: CommentKind;
  leader_user_id: number | null;
  speaker: string;
  body: string;
  created_at: Date;
}

const COMMENT_COLUMNS = 'c.id, c.meeting_id, c.presenter_id, c.kind, c.leader_user_id, c.speaker, c.body, c.created_at';

export const findComments = (db: Queryable, meetingId: number) =>
  db.query<CommentRow>(`select ${COMMENT_COLUMNS} from meeting_comments c where c.meeting_id = $1 order by c.id`, [meetingId]);

/** One comment with what a task made from it needs: its meeting and the presenting unit. */
export interface CommentContextRow extends CommentRow {
  meeting_title: string;
  meeting_kind: MeetingKind;
  held_on: string;
  unit_id: number;
  unit_name: string;
}

export async function findComment(db: Queryable, id: number): Promise<CommentContextRow | undefined> {
  const [row] = await db.query<CommentContextRow>(
    `select ${COMMENT_COLUMNS}, m.title as meeting_title, m.kind as meeting_kind, to_char(m.held_on, 'YYYY-MM-DD') as held_on, p.unit_id, u.name as unit_name
       from meeting_comments c join meetings m on m.id = c.meeting_id join meeting_presenters p on p.id = c.presenter_id join units u on u.id = p.unit_id
      where c.id = $1`,
    [id],
  );
  return row;
}

export async function insertComment(
  db: Queryable,
  c: { meetingId: number; presenterId: number; kind: CommentKind; leaderUserId: number | null; speaker: string; body: string; createdBy: number | null },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into meeting_comments (meeting_id, presenter_id, kind, leader_user_id, speaker, body, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [c.meetingId, c.presenterId, c.kind, c.leaderUserId, c.speaker, c.body, c.createdBy],
  );
  return row!.id;
}

export async function deleteComment(db: Queryable, id: number): Promise<void> {
  await db.query('delete from meeting_comments where id = $1', [id]);
}

export const countComments = async (db: Queryable, meetingId: number, presenterIds?: number[]) =>
  (
    await db.query<{ n: number }>(
      `select count(*)::int as n from meeting_comments c where c.meeting_id = $1 ${presenterIds ? 'and c.presenter_id = any($2::int[])' : ''}`,
      presenterIds ? [meetingId, presenterIds] : [meetingId],
    )
  )[0]!.n;

/** The last meeting before this one (by date, then id) at which the unit presented. */
export async function findPreviousMeeting(db: Queryable, unitId: number, meeting: { id: number; held_on: string }): Promise<{ id: number; title: string; held_on: string; presenter_id: number; material: PresenterMaterial | null } | undefined> {
  const [row] = await db.query<{ id: number; title: string; held_on: string; presenter_id: number; material: PresenterMaterial | null }>(
    `select m.id, m.title, to_char(m.held_on, 'YYYY-MM-DD') as held_on, p.id as presenter_id, p.material
       from meetings m join meeting_presenters p on p.meeting_id = m.id
      where p.unit_id = $1 and m.id <> $2 and (m.held_on < $3::date or (m.held_on = $3::date and m.id < $2))
      order by m.held_on desc, m.id desc limit 1`,
    [unitId, meeting.id, meeting.held_on],
  );
  return row;
}

export const findCommentIdsOfPresenter = async (db: Queryable, presenterId: number) =>
  (await db.query<{ id: number }>('select id from meeting_comments where presenter_id = $1 order by id', [presenterId])).map((r) => r.id);

/** The newest score run (of any published scheme) as of a date, and the one before it of the same scheme. */
export async function findRunsAsOf(db: Queryable, asOf: string): Promise<{ id: number; scheme_id: number; as_of: string; previous_id: number | null } | undefined> {
  const [row] = await db.query<{ id: number; scheme_id: number; as_of: string; previous_id: number | null }>(
    `select r.id, r.scheme_id, to_char(r.as_of, 'YYYY-MM-DD') as as_of,
            (select p.id from score_runs p where p.scheme_id = r.scheme_id and (p.as_of, p.id) < (r.as_of, r.id) order by p.as_of desc, p.id desc limit 1) as previous_id
       from score_runs r where r.as_of <= $1::date order by r.as_of desc, r.id desc limit 1`,
    [asOf],
  );
  return row;
}

export async function issueMinutes(db: Queryable, id: number, year: number): Promise<string> {
  const [n] = await db.query<{ n: number }>(`select count(*)::int + 1 as n from meetings where minutes_no like $1`, [`衡点评纪〔${year}〕%`]);
  const no = `衡点评纪〔${year}〕${n!.n}号`;
  await db.query(`update meetings set minutes_no = $2, minutes_issued_at = now(), status = 'held', updated_at = now() where id = $1`, [id, no]);
  return no;
}

/** The minutes' receipts (签收) of the presenting units: the piece bulletins use too. */
export const minutesReceipts = unitReceipts('meeting');
