import type { SuggestionCategory } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';

export interface SuggestionRow {
  id: number;
  source: 'campaign' | 'open311';
  campaign_id: number | null;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  body: string;
  ticket: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  category: SuggestionCategory | null;
  duplicate_of: number | null;
  status: 'new' | 'sorted' | 'forwarded' | 'replied' | 'accepted' | 'returned';
  notice_no: string | null;
  deadline: string | null;
  forwarded_at: Date | null;
  reply: string | null;
  replied_at: Date | null;
  review_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `s.id, s.source, s.campaign_id, s.unit_id, u.code as unit_code, u.name as unit_name, s.body, coalesce(s.ticket, r.receipt) as ticket,
  s.address, s.lat, s.long, s.category, s.duplicate_of, s.status, s.notice_no, to_char(s.deadline, 'YYYY-MM-DD') as deadline, s.forwarded_at,
  s.reply, s.replied_at, s.review_reason, s.created_at, s.updated_at`;
const FROM = 'suggestions s join units u on u.id = s.unit_id left join responses r on r.id = s.response_id';

export interface SuggestionFilter {
  campaignId?: number;
  unitId?: number;
  status?: SuggestionRow['status'];
  category?: SuggestionCategory | 'unsorted';
  /** Units see only what was forwarded to them. */
  forwardedOnly?: boolean;
  ids?: number[];
  limit?: number;
  offset?: number;
}

function where(f: SuggestionFilter): SqlWhere {
  return new SqlWhere()
    .add('s.campaign_id = ?', f.campaignId)
    .add('s.unit_id = ?', f.unitId)
    .add('s.status = ?', f.status)
    .when(f.category === 'unsorted', 's.category is null')
    .add('s.category = ?', f.category === 'unsorted' ? undefined : f.category)
    .when(f.forwardedOnly, `s.status in ('forwarded', 'replied', 'accepted', 'returned')`)
    .add('s.id = any(?::int[])', f.ids);
}

export async function findSuggestions(db: Queryable, f: SuggestionFilter): Promise<{ rows: SuggestionRow[]; total: number }> {
  const w = where(f);
  const [count] = await db.query<{ n: number }>(`select count(*)::int as n from ${FROM} ${w.sql}`, w.params);
  const rows = await db.query<SuggestionRow>(`select ${COLUMNS} from ${FROM} ${w.sql} order by s.id limit ${f.limit ?? 100} offset ${f.offset ?? 0}`, w.params);
  return { rows, total: count!.n };
}

export async function findSuggestion(db: Queryable, id: number, forUpdate = false): Promise<SuggestionRow | undefined> {
  return (await db.query<SuggestionRow>(`select ${COLUMNS} from ${FROM} where s.id = $1${forUpdate ? ' for update of s' : ''}`, [id]))[0];
}

export async function update(db: Queryable, id: number, set: Partial<Record<'category' | 'duplicate_of' | 'status' | 'notice_no' | 'deadline' | 'forwarded_at' | 'reply' | 'replied_at' | 'review_reason', unknown>>): Promise<void> {
  const keys = Object.keys(set);
  await db.query(`update suggestions set ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() where id = $1`, [id, ...keys.map((k) => set[k as keyof typeof set])]);
}

/** The next 《绩效改进通知书》 number of the year: 衡绩改〔2021〕N号. */
export async function nextNoticeNumber(db: Queryable, year: number): Promise<number> {
  // Serialises numbering across concurrent forwards (a transaction-scoped lock).
  await db.query('select pg_advisory_xact_lock(73110, $1)', [year]);
  const [row] = await db.query<{ n: number }>(`select count(distinct notice_no)::int as n from suggestions where notice_no like $1`, [`%〔${year}〕%`]);
  return row!.n + 1;
}

export interface StatsRow {
  participants: number;
  comments: number;
  praise: number;
  by_category: Record<string, number> | null;
  by_status: Record<string, number> | null;
}

/** Campaign statistics as Hengyang publishes them: participants, comments, praise; and how the handling stands. */
export async function campaignStats(db: Queryable, campaignId: number): Promise<StatsRow> {
  const [row] = await db.query<StatsRow>(
    `select (select count(*)::int from responses where campaign_id = $1) as participants,
            (select count(*)::int from suggestions where campaign_id = $1) as comments,
            (select count(*)::int from suggestions where campaign_id = $1 and category = 'praise') as praise,
            (select jsonb_object_agg(coalesce(category, 'unsorted'), n) from (select category, count(*)::int as n from suggestions where campaign_id = $1 group by category) c) as by_category,
            (select jsonb_object_agg(status, n) from (select status, count(*)::int as n from suggestions where campaign_id = $1 group by status) t) as by_status`,
    [campaignId],
  );
  return row!;
}

export interface NoticeRow extends SuggestionRow {
  campaign_name: string | null;
}

/** Every suggestion a 《绩效改进通知书》 carries (one unit, one number), with the campaign each came from. */
export async function findNoticeSuggestions(db: Queryable, noticeNo: string, unitId: number): Promise<NoticeRow[]> {
  return db.query<NoticeRow>(
    `select ${COLUMNS}, c.name as campaign_name from ${FROM} left join campaigns c on c.id = s.campaign_id
      where s.notice_no = $1 and s.unit_id = $2 order by s.id`,
    [noticeNo, unitId],
  );
}
