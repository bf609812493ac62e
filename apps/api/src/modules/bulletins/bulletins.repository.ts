import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';
import { unitReceipts } from '../../lib/unit-receipts.repository.js';

export interface SeriesRow {
  id: number;
  code: string;
  name: string;
  kind: 'ten_day' | 'supervision' | 'special';
  number_prefix: string;
  issuer: string;
  office_role: 'office' | 'supervisor';
  recipients: number[];
  addressee_text: string;
  copy_to: string[];
  signer_id: number | null;
  signer_name: string | null;
  sections: string[];
}

const SERIES = `select s.id, s.code, s.name, s.kind, s.number_prefix, s.issuer, s.office_role, s.recipients, s.addressee_text, s.copy_to,
                       s.signer_id, u.display_name as signer_name, s.sections
                  from bulletin_series s left join users u on u.id = s.signer_id`;

export const findAllSeries = (db: Queryable) => db.query<SeriesRow>(`${SERIES} where s.active order by s.id`);
export const findSeries = async (db: Queryable, id: number) => (await db.query<SeriesRow>(`${SERIES} where s.id = $1`, [id]))[0];
export const findSeriesByCode = async (db: Queryable, code: string) => (await db.query<SeriesRow>(`${SERIES} where s.code = $1`, [code]))[0];

export async function insertSeries(db: Queryable, s: Omit<SeriesRow, 'id' | 'signer_name'>): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into bulletin_series (code, name, kind, number_prefix, issuer, office_role, recipients, addressee_text, copy_to, signer_id, sections)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [s.code, s.name, s.kind, s.number_prefix, s.issuer, s.office_role, s.recipients, s.addressee_text, s.copy_to, s.signer_id, s.sections],
  );
  return row!.id;
}

export async function updateSeries(db: Queryable, s: SeriesRow): Promise<void> {
  await db.query(
    `update bulletin_series set name = $2, number_prefix = $3, issuer = $4, recipients = $5, addressee_text = $6, copy_to = $7, signer_id = $8, sections = $9 where id = $1`,
    [s.id, s.name, s.number_prefix, s.issuer, s.recipients, s.addressee_text, s.copy_to, s.signer_id, s.sections],
  );
}

export interface BulletinRow {
  id: number;
  series_id: number;
  series_name: string;
  series_kind: SeriesRow['kind'];
  year: number;
  seq: number | null;
  doc_number: string | null;
  title: string;
  period_label: string;
  as_of: string;
  status: 'draft' | 'approved' | 'issued';
  sections: { key: string; enabled: boolean }[];
  overview: string;
  requirements: string;
  snapshot: unknown;
  built_at: Date | string | null;
  changes: unknown;
  mentions: number[];
  recipients: number[];
  addressee_text: string;
  copy_to: string[];
  signer_id: number | null;
  signer_name: string | null;
  approved_by_name: string | null;
  approved_at: Date | string | null;
  issued_at: Date | string | null;
  issue_date: string | null;
  signed: number;
  receipts: number;
  own_signed_at?: Date | string | null;
}

const BULLETIN_COLUMNS = `b.id, b.series_id, s.name as series_name, s.kind as series_kind, b.year, b.seq, b.doc_number, b.title, b.period_label,
  to_char(b.as_of, 'YYYY-MM-DD') as as_of, b.status, b.sections, b.overview, b.requirements, b.built_at, b.changes, b.mentions, b.recipients,
  b.addressee_text, b.copy_to, b.signer_id, su.display_name as signer_name, au.display_name as approved_by_name, b.approved_at, b.issued_at,
  to_char(b.issue_date, 'YYYY-MM-DD') as issue_date,
  (select count(*) from bulletin_receipts r where r.bulletin_id = b.id and r.signed_at is not null)::int as signed,
  (select count(*) from bulletin_receipts r where r.bulletin_id = b.id)::int as receipts`;
const FROM = `from bulletins b join bulletin_series s on s.id = b.series_id
  left join users su on su.id = b.signer_id left join users au on au.id = b.approved_by`;

export async function findBulletin(db: Queryable, id: number, withSnapshot = true, forUpdate = false): Promise<BulletinRow | undefined> {
  const rows = await db.query<BulletinRow>(
    `select ${BULLETIN_COLUMNS}${withSnapshot ? ', b.snapshot' : ', null as snapshot'} ${FROM} where b.id = $1${forUpdate ? ' for update of b' : ''}`,
    [id],
  );
  return rows[0];
}

export interface BulletinFilter {
  seriesId?: number;
  seriesIds?: number[];
  status?: string;
  q?: string;
  from?: string;
  to?: string;
  unitId?: number;
  /** Only issued bulletins addressed to this unit (what a unit's people see). */
  addressedTo?: number;
  /** Issued and not signed for: by `addressedTo` when given, else by some unit. */
  unsigned?: '1';
  limit: number;
  offset: number;
}

function where(f: Omit<BulletinFilter, 'limit' | 'offset'>): SqlWhere {
  return new SqlWhere()
    .add('b.series_id = ?', f.seriesId)
    .add('b.series_id = any(?::int[])', f.seriesIds)
    .add('b.status = ?', f.status)
    .add(`(b.doc_number ilike '%' || ? || '%' or b.title ilike '%' || ? || '%' or b.period_label ilike '%' || ? || '%')`, f.q)
    .add('b.as_of >= ?::date', f.from)
    .add('b.as_of <= ?::date', f.to)
    .add('(? = any(b.mentions) or ? = any(b.recipients))', f.unitId)
    .add(`(b.status = 'issued' and ? = any(b.recipients))`, f.addressedTo)
    .when(
      f.unsigned === '1',
      f.addressedTo === undefined
        ? `(b.status = 'issued' and exists (select 1 from bulletin_receipts u where u.bulletin_id = b.id and u.signed_at is null))`
        : `not exists (select 1 from bulletin_receipts u where u.bulletin_id = b.id and u.unit_id = ${Number(f.addressedTo)} and u.signed_at is not null)`,
    );
}

export async function findBulletins(db: Queryable, f: BulletinFilter): Promise<{ rows: BulletinRow[]; total: number }> {
  const w = where(f);
  const own = f.addressedTo === undefined ? 'null' : `(select r.signed_at from bulletin_receipts r where r.bulletin_id = b.id and r.unit_id = ${Number(f.addressedTo)})`;
  const rows = await db.query<BulletinRow>(
    `select ${BULLETIN_COLUMNS}, null as snapshot, ${own} as own_signed_at ${FROM} ${w.sql}
      order by b.as_of desc, b.id desc limit ${Number(f.limit)} offset ${Number(f.offset)}`,
    w.params,
  );
  const [count] = await db.query<{ n: number }>(`select count(*)::int as n ${FROM} ${w.sql}`, w.params);
  return { rows, total: count?.n ?? 0 };
}

export interface NewBulletin {
  seriesId: number;
  year: number;
  title: string;
  periodLabel: string;
  asOf: string;
  sections: { key: string; enabled: boolean }[];
  overview: string;
  requirements: string;
  recipients: number[];
  addresseeText: string;
  copyTo: string[];
  signerId: number | null;
  createdBy: number | null;
  autoKey: string | null;
}

/** Inserts a draft; null when the schedule's draft of that 旬 exists already. */
export async function insertBulletin(db: Queryable, b: NewBulletin): Promise<number | null> {
  const [row] = await db.query<{ id: number }>(
    `insert into bulletins (series_id, year, title, period_label, as_of, sections, overview, requirements, recipients, addressee_text, copy_to, signer_id, created_by, auto_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     on conflict (series_id, auto_key) do nothing returning id`,
    [b.seriesId, b.year, b.title, b.periodLabel, b.asOf, JSON.stringify(b.sections), b.overview, b.requirements, b.recipients, b.addresseeText, b.copyTo, b.signerId, b.createdBy, b.autoKey],
  );
  return row?.id ?? null;
}

export async function saveSnapshot(db: Queryable, id: number, snapshot: unknown, changes: unknown, mentions: number[]): Promise<void> {
  await db.query(`update bulletins set snapshot = $2, changes = $3, mentions = $4, built_at = now(), updated_at = now() where id = $1`, [
    id,
    JSON.stringify(snapshot),
    JSON.stringify(changes),
    mentions,
  ]);
}

export async function updateBulletin(
  db: Queryable,
  id: number,
  b: { title: string; overview: string; requirements: string; sections: { key: string; enabled: boolean }[]; recipients: number[]; copyTo: string[]; status: string },
): Promise<void> {
  await db.query(
    `update bulletins set title = $2, overview = $3, requirements = $4, sections = $5, recipients = $6, copy_to = $7, status = $8,
            approved_by = case when $8 = 'draft' then null else approved_by end, approved_at = case when $8 = 'draft' then null else approved_at end,
            updated_at = now()
      where id = $1`,
    [id, b.title, b.overview, b.requirements, JSON.stringify(b.sections), b.recipients, b.copyTo, b.status],
  );
}

export async function markApproved(db: Queryable, id: number, userId: number | null, at: Date): Promise<void> {
  await db.query(`update bulletins set status = 'approved', approved_by = $2, approved_at = $3, updated_at = now() where id = $1`, [id, userId, at]);
}

/** The next number of the series in the year: one more than the highest issued. */
export async function nextSeq(db: Queryable, seriesId: number, year: number): Promise<number> {
  const [row] = await db.query<{ n: number }>('select coalesce(max(seq), 0)::int + 1 as n from bulletins where series_id = $1 and year = $2', [seriesId, year]);
  return row!.n;
}

export async function markIssued(db: Queryable, id: number, seq: number, docNumber: string, userId: number | null, at: Date, issueDate: string): Promise<void> {
  await db.query(
    `update bulletins set status = 'issued', seq = $2, doc_number = $3, issued_by = $4, issued_at = $5, issue_date = $6, updated_at = now() where id = $1`,
    [id, seq, docNumber, userId, at, issueDate],
  );
}

const receipts = unitReceipts('bulletin');
export type { ReceiptRow } from '../../lib/unit-receipts.repository.js';
export const insertReceipts = receipts.insert;
export const findReceipts = receipts.find;
export const signReceipt = receipts.sign;
export const markReminded = receipts.markReminded;

/** The previous bulletin of the series (issued, or any when none is issued) before a date: what a bulletin's changes are counted from. */
export async function findPrevious(db: Queryable, seriesId: number, asOf: string, exceptId: number | null): Promise<{ id: number; as_of: string; snapshot: unknown } | undefined> {
  const [row] = await db.query<{ id: number; as_of: string; snapshot: unknown }>(
    `select id, to_char(as_of, 'YYYY-MM-DD') as as_of, snapshot from bulletins
      where series_id = $1 and as_of < $2::date and id <> $3 and snapshot is not null
      order by status = 'issued' desc, as_of desc, id desc limit 1`,
    [seriesId, asOf, exceptId ?? 0],
  );
  return row;
}

export async function findPublishedScheme(db: Queryable, year: number): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(`select id from schemes where status = 'published' and year = $1 order by id desc limit 1`, [year]);
  return row?.id;
}

/** People a bulletin goes to: the heads and reporters of the units, with their contacts. */
export const findUnitPeople = (db: Queryable, unitIds: number[]) =>
  db.query<{ id: number; role: string; unit_id: number; email: string | null; phone: string | null }>(
    `select u.id, u.role, u.unit_id, c.email, c.phone from users u left join user_contacts c on c.user_id = u.id
      where u.active and u.role in ('head', 'reporter') and u.unit_id = any($1::int[]) order by u.id`,
    [unitIds],
  );

export const findUnitsByIds = (db: Queryable, ids: number[]) =>
  db.query<{ id: number; code: string; name: string }>('select id, code, name from units where id = any($1::int[]) order by code', [ids]);

export const findActiveUnitIds = async (db: Queryable) => (await db.query<{ id: number }>('select id from units where active order by code')).map((r) => r.id);

export const findUserName = async (db: Queryable, id: number) => (await db.query<{ display_name: string; role: string; active: boolean }>('select display_name, role, active from users where id = $1', [id]))[0];

export interface BulletinJob {
  bulletinId: number;
  kind: 'bulletin_issued' | 'bulletin_unsigned';
  dueDate: string;
  userId: number;
  channel: 'inbox' | 'email' | 'sms';
  key: string;
  title: string;
  body: string;
  dueAt: Date;
}

/** Queues a bulletin's messages on the reminder queue (the worker sends them); a repeat the same day is dropped. */
export async function insertBulletinJobs(db: Queryable, jobs: BulletinJob[]): Promise<number> {
  if (!jobs.length) return 0;
  const col = <T>(f: (j: BulletinJob) => T) => jobs.map(f);
  const rows = await db.query(
    `insert into reminder_jobs (bulletin_id, kind, due_date, recipient, channel, user_id, idempotency_key, title, body, due_at)
     select b, k, d, 'user:' || u, c, u, i, t, x, a
       from unnest($1::int[], $2::text[], $3::date[], $4::int[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::timestamptz[]) as j(b, k, d, u, c, i, t, x, a)
     on conflict (bulletin_id, kind, due_date, recipient, channel) where bulletin_id is not null do nothing
     returning id`,
    [col((j) => j.bulletinId), col((j) => j.kind), col((j) => j.dueDate), col((j) => j.userId), col((j) => j.channel), col((j) => j.key), col((j) => j.title), col((j) => j.body), col((j) => j.dueAt.toISOString())],
  );
  return rows.length;
}

/** Latest issued bulletin of each series, with its unsigned units. */
export const findLatestIssued = (db: Queryable, seriesIds: number[]) =>
  db.query<{ id: number }>(
    `select distinct on (series_id) id from bulletins where status = 'issued' and series_id = any($1::int[]) order by series_id, as_of desc, id desc`,
    [seriesIds],
  );

export const findTenDaySeries = (db: Queryable) => db.query<SeriesRow>(`${SERIES} where s.active and s.kind = 'ten_day' order by s.id`);

export const notifyUsersOfRole = (db: Queryable, role: string, item: { title: string; body: string; bulletinId: number }) =>
  db.query(`insert into inbox_items (user_id, kind, title, body, bulletin_id) select id, 'bulletin_draft', $2, $3, $4 from users where role = $1 and active returning id`, [
    role,
    item.title,
    item.body,
    item.bulletinId,
  ]);

export const findAuto = async (db: Queryable, seriesId: number, autoKey: string) =>
  (await db.query<{ id: number }>('select id from bulletins where series_id = $1 and auto_key = $2', [seriesId, autoKey]))[0];

/** The latest run of the scheme as of the date, listed or made for a bulletin. */
export const findRunAsOf = async (db: Queryable, schemeId: number, asOf: string) =>
  (await db.query<{ id: number }>('select id from score_runs where scheme_id = $1 and as_of = $2::date order by id desc limit 1', [schemeId, asOf]))[0]?.id;
