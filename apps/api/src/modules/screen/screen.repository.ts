import type { UnitKind } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';

export interface KioskRow {
  id: number;
  name: string;
  prefix: string;
  /** The issuer's username (joined). */
  created_by_name: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const SELECT_KIOSKS = `select k.id, k.name, k.prefix, u.username as created_by_name, k.created_at, k.revoked_at, k.last_used_at
  from screen_kiosks k join users u on u.id = k.created_by`;

export const findKiosks = (db: Queryable) => db.query<KioskRow>(`${SELECT_KIOSKS} order by k.revoked_at is not null, k.id desc`);

export async function findKiosk(db: Queryable, id: number): Promise<KioskRow | undefined> {
  return (await db.query<KioskRow>(`${SELECT_KIOSKS} where k.id = $1`, [id]))[0];
}

export async function insertKiosk(db: Queryable, k: { name: string; tokenHash: string; prefix: string; createdBy: number }): Promise<number> {
  const [row] = await db.query<{ id: number }>('insert into screen_kiosks (name, token_hash, prefix, created_by) values ($1, $2, $3, $4) returning id', [
    k.name,
    k.tokenHash,
    k.prefix,
    k.createdBy,
  ]);
  return row!.id;
}

/** Revokes a live link; false when it was revoked already. */
export async function revokeKiosk(db: Queryable, id: number, by: number | null): Promise<boolean> {
  const rows = await db.query('update screen_kiosks set revoked_at = now(), revoked_by = $2 where id = $1 and revoked_at is null returning id', [id, by]);
  return rows.length > 0;
}

/** A live (not revoked) display link by its secret's hash; its last use is noted at most once a minute. */
export async function useLiveKiosk(db: Queryable, tokenHash: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db.query<{ id: number; name: string; stale: boolean }>(
    `select id, name, (last_used_at is null or last_used_at < now() - interval '1 minute') as stale from screen_kiosks where token_hash = $1 and revoked_at is null`,
    [tokenHash],
  );
  if (row?.stale) await db.query('update screen_kiosks set last_used_at = now() where id = $1', [row.id]);
  return row ? { id: row.id, name: row.name } : undefined;
}

export interface PhotoRow {
  media_id: number;
  title: string;
  unit_name: string | null;
  place: string;
  inspected_on: string;
}

/** The newest inspection photos that have a thumbnail, newest first, with their finding. */
export const findNewestPhotos = (db: Queryable, limit: number) =>
  db.query<PhotoRow>(
    `select m.id as media_id, f.title, u.name as unit_name, f.place, to_char(i.inspected_on, 'YYYY-MM-DD') as inspected_on
       from inspection_media m
       join inspection_findings f on f.id = m.finding_id
       join inspections i on i.id = f.inspection_id
       left join units u on u.id = f.unit_id
      where m.kind = 'image' and m.thumbnail_sha256 is not null
      order by m.uploaded_at desc, m.id desc
      limit $1`,
    [limit],
  );

/** Whether a media item is an inspection photo with a thumbnail (what the screen may show). */
export async function isScreenPhoto(db: Queryable, mediaId: number): Promise<boolean> {
  return (await db.query(`select 1 from inspection_media where id = $1 and kind = 'image' and thumbnail_sha256 is not null`, [mediaId])).length > 0;
}

/** Responses to a campaign per hour since `from` (hours with none are absent). */
export const responsesPerHour = (db: Queryable, campaignId: number, from: Date) =>
  db.query<{ hour: Date; n: number }>(
    `select date_trunc('hour', submitted_at) as hour, count(*)::int as n
       from responses where campaign_id = $1 and submitted_at >= $2
      group by 1 order by 1`,
    [campaignId, from],
  );

/** The open campaign (the newest, if several run at once). */
export async function findOpenCampaign(db: Queryable): Promise<{ id: number; name: string } | undefined> {
  return (await db.query<{ id: number; name: string }>(`select id, name from campaigns where status = 'open' order by opened_at desc nulls last, id desc limit 1`))[0];
}

/** The active units the map and the tables show: only what the screen draws (a province has 1,400). */
export function findScreenUnits(db: Queryable): Promise<{ id: number; code: string; name: string; adcode: string | null; kind: UnitKind; group_name: string }[]> {
  return db.query(
    `select u.id, u.code, u.name, u.adcode, u.kind, g.name as group_name
       from units u join unit_groups g on g.id = u.group_id
      where u.active order by g.sort_order, g.id, u.code`,
  );
}
