import type { CampaignRule, FlagKind, Questionnaire, VerificationMode } from '@kaoping/shared';
import type { FlagFacts, FoundFlag } from './fraud.js';
import type { Queryable } from '../../db/database.js';
import { invitationIdentitySql } from './identity.js';

export interface CampaignRow {
  id: number;
  slug: string;
  name: string;
  year: number;
  starts_at: Date;
  ends_at: Date;
  status: 'draft' | 'open' | 'closed';
  modes: VerificationMode[];
  questionnaire: Questionnaire;
  rule: CampaignRule;
  scheme_code: string | null;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
}

const CAMPAIGN_COLUMNS = 'id, slug, name, year, starts_at, ends_at, status, modes, questionnaire, rule, scheme_code, created_at, opened_at, closed_at';

export const findCampaigns = (db: Queryable) => db.query<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from campaigns order by year desc, id desc`);

export async function findCampaign(db: Queryable, id: number, forUpdate = false): Promise<CampaignRow | undefined> {
  return (await db.query<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from campaigns where id = $1${forUpdate ? ' for update' : ''}`, [id]))[0];
}

export async function findCampaignBySlug(db: Queryable, slug: string): Promise<CampaignRow | undefined> {
  return (await db.query<CampaignRow>(`select ${CAMPAIGN_COLUMNS} from campaigns where slug = $1`, [slug]))[0];
}

/** A response already stored for an identity, with what its receipt reports. */
export interface StoredResponseRow {
  receipt: string;
  submission_key: string;
  submitted_at: Date;
  units: number;
  suggestions: number;
}

/** What a submission is checked against: its campaign with the unit ids, the invitation its token names, an earlier response of its identity. */
export interface SubmissionContextRow extends CampaignRow {
  unit_ids: number[];
  invitation_id: number | null;
  previous: StoredResponseRow | null;
}

/**
 * The submission's context in one round trip. The identity is an invitation's (`tokenHash`, looked
 * up in the campaign) or a keyed phone/device identity (`identity`); the other one is null.
 */
export async function findSubmissionContext(db: Queryable, slug: string, tokenHash: string | null, identity: string | null): Promise<SubmissionContextRow | undefined> {
  const [row] = await db.query<CampaignRow & { unit_ids: number[]; invitation_id: number | null } & { [K in keyof StoredResponseRow as `prev_${K}`]: StoredResponseRow[K] | null }>(
    `select ${CAMPAIGN_COLUMNS.split(', ').map((col) => `c.${col}`).join(', ')},
            array(select cu.unit_id from campaign_units cu where cu.campaign_id = c.id) as unit_ids,
            i.id as invitation_id,
            p.receipt as prev_receipt, p.submission_key as prev_submission_key, p.submitted_at as prev_submitted_at, p.units as prev_units, p.suggestions as prev_suggestions
       from campaigns c
       left join invitations i on i.campaign_id = c.id and i.token_hash = $2
       left join lateral (
         select r.receipt, r.submission_key, r.submitted_at,
                cardinality(r.answer_units) as units,
                (select count(*)::int from suggestions s where s.response_id = r.id) as suggestions
           from responses r where r.campaign_id = c.id and r.identity = coalesce(${invitationIdentitySql('i')}, $3)
       ) p on true
      where c.slug = $1`,
    [slug, tokenHash, identity],
  );
  if (!row) return undefined;
  const { prev_receipt, prev_submission_key, prev_submitted_at, prev_units, prev_suggestions, ...rest } = row;
  return {
    ...rest,
    previous: prev_receipt === null ? null : { receipt: prev_receipt, submission_key: prev_submission_key!, submitted_at: prev_submitted_at!, units: prev_units!, suggestions: prev_suggestions! },
  };
}

/** The latest closed campaign of the year that feeds a scheme's public-evaluation component. */
export async function findClosedCampaignFor(db: Queryable, schemeCode: string, year: number): Promise<CampaignRow | undefined> {
  return (
    await db.query<CampaignRow>(
      `select ${CAMPAIGN_COLUMNS} from campaigns where scheme_code = $1 and year = $2 and status = 'closed' order by closed_at desc limit 1`,
      [schemeCode, year],
    )
  )[0];
}

export async function insertCampaign(
  db: Queryable,
  c: { slug: string; name: string; year: number; startsAt: string; endsAt: string; modes: VerificationMode[]; questionnaire: Questionnaire; rule: CampaignRule; schemeCode: string | null; createdBy: number | null },
): Promise<CampaignRow> {
  const [row] = await db.query<CampaignRow>(
    `insert into campaigns (slug, name, year, starts_at, ends_at, modes, questionnaire, rule, scheme_code, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${CAMPAIGN_COLUMNS}`,
    [c.slug, c.name, c.year, c.startsAt, c.endsAt, JSON.stringify(c.modes), JSON.stringify(c.questionnaire), JSON.stringify(c.rule), c.schemeCode, c.createdBy],
  );
  return row!;
}

export async function updateCampaign(
  db: Queryable,
  id: number,
  c: { name: string; startsAt: string; endsAt: string; modes: VerificationMode[]; questionnaire: Questionnaire; rule: CampaignRule; schemeCode: string | null },
): Promise<CampaignRow> {
  const [row] = await db.query<CampaignRow>(
    `update campaigns set name = $2, starts_at = $3, ends_at = $4, modes = $5, questionnaire = $6, rule = $7, scheme_code = $8
      where id = $1 returning ${CAMPAIGN_COLUMNS}`,
    [id, c.name, c.startsAt, c.endsAt, JSON.stringify(c.modes), JSON.stringify(c.questionnaire), JSON.stringify(c.rule), c.schemeCode],
  );
  return row!;
}

export async function setCampaignStatus(db: Queryable, id: number, status: 'open' | 'closed'): Promise<CampaignRow> {
  const stamp = status === 'open' ? 'opened_at' : 'closed_at';
  const [row] = await db.query<CampaignRow>(`update campaigns set status = $2, ${stamp} = now() where id = $1 returning ${CAMPAIGN_COLUMNS}`, [id, status]);
  return row!;
}

export interface CampaignUnitRow {
  unit_id: number;
  code: string;
  name: string;
  kind: string;
  group_code: string | null;
  group_name: string | null;
  duties: string;
  highlights: string;
}

export const findCampaignUnits = (db: Queryable, campaignId: number) =>
  db.query<CampaignUnitRow>(
    `select cu.unit_id, u.code, u.name, u.kind, g.code as group_code, g.name as group_name, cu.duties, cu.highlights
       from campaign_units cu join units u on u.id = cu.unit_id left join unit_groups g on g.id = u.group_id
      where cu.campaign_id = $1 order by g.sort_order nulls last, cu.sort_order`,
    [campaignId],
  );

export async function setCampaignUnits(db: Queryable, campaignId: number, unitIds: number[]): Promise<void> {
  await db.query('delete from campaign_units where campaign_id = $1', [campaignId]);
  await db.query(
    `insert into campaign_units (campaign_id, unit_id, sort_order)
     select $1, x.id, x.ord from unnest($2::int[]) with ordinality as x(id, ord)`,
    [campaignId, unitIds],
  );
}

export async function updateCard(db: Queryable, campaignId: number, unitId: number, card: { duties: string; highlights: string }): Promise<boolean> {
  const rows = await db.query('update campaign_units set duties = $3, highlights = $4 where campaign_id = $1 and unit_id = $2 returning unit_id', [
    campaignId,
    unitId,
    card.duties,
    card.highlights,
  ]);
  return rows.length > 0;
}

export async function insertInvitations(db: Queryable, campaignId: number, batch: string, hashes: string[]): Promise<void> {
  await db.query(`insert into invitations (campaign_id, token_hash, batch) select $1, h, $2 from unnest($3::text[]) as h`, [campaignId, batch, hashes]);
}

export const countInvitations = (db: Queryable, campaignId: number) =>
  db.query<{ batch: string; issued: number; used: number }>(
    `select i.batch, count(*)::int as issued, count(r.id)::int as used
       from invitations i left join responses r on r.campaign_id = i.campaign_id and r.identity = ${invitationIdentitySql('i')}
      where i.campaign_id = $1 group by i.batch order by i.batch`,
    [campaignId],
  );

export async function findInvitation(db: Queryable, campaignId: number, tokenHash: string): Promise<{ id: number } | undefined> {
  return (await db.query<{ id: number }>('select id from invitations where campaign_id = $1 and token_hash = $2', [campaignId, tokenHash]))[0];
}

/** Participation is live while the campaign runs: counts only, never per-unit results. */
export async function participation(db: Queryable, campaignId: number): Promise<{ responses: number; invited: number; open: number; answers: number; suggestions: number }> {
  const [row] = await db.query<{ responses: number; invited: number; open: number; answers: number; suggestions: number }>(
    `select count(*)::int as responses,
            count(*) filter (where respondent_class = 'invited')::int as invited,
            count(*) filter (where respondent_class = 'open')::int as open,
            (select coalesce(sum(cardinality(r2.answer_units)), 0)::int from responses r2 where r2.campaign_id = $1) as answers,
            (select count(*)::int from suggestions s where s.campaign_id = $1) as suggestions
       from responses where campaign_id = $1`,
    [campaignId],
  );
  return row!;
}

export interface AnswerCountRow {
  unit_id: number;
  respondent_class: 'invited' | 'open';
  answer: 'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'unaware';
  n: number;
}

/** Answers per unit, class and answer; with `applyExclusions` the excluded responses are left out. */
export const countAnswers = (db: Queryable, campaignId: number, applyExclusions: boolean) =>
  db.query<AnswerCountRow>(
    `select a.unit_id, r.respondent_class, a.answer, count(*)::int as n
       from responses r cross join lateral unnest(r.answer_units, r.answer_values) as a (unit_id, answer)
      where r.campaign_id = $1 ${applyExclusions ? 'and not exists (select 1 from response_exclusions x where x.response_id = r.id)' : ''}
      group by a.unit_id, r.respondent_class, a.answer`,
    [campaignId],
  );

export const countExcluded = async (db: Queryable, campaignId: number): Promise<number> =>
  (await db.query<{ n: number }>('select count(*)::int as n from response_exclusions x join responses r on r.id = x.response_id where r.campaign_id = $1', [campaignId]))[0]!.n;

export interface MarkRow {
  id: number;
  submitted_at: Date;
  served_at: Date | null;
  /** Each mark only where it can be part of a flag — shared by enough responses of the campaign — null otherwise. */
  submission_key: string | null;
  ip_prefix: string | null;
  device_hash: string | null;
  phone_prefix: string | null;
  answer_vector: string | null;
  units: number;
}

/** How many responses must share a mark before it can flag them (see fraud.ts). */
export interface MarkThresholds {
  address: number;
  device: number;
  numberRange: number;
  identical: number;
  identicalMinUnits: number;
  minSeconds: number;
  minSecondsPerUnit: number;
}

/**
 * What fraud review looks at: the marks of the responses that can be in a flag, never the answers'
 * authors. A burst needs at least its threshold of responses sharing a mark, a reused page two
 * served responses with one submission key: the database counts each mark over the campaign and
 * sends only the responses with a mark shared that often, or answered faster than the floor, with
 * the marks below their threshold left out. The flags found from them are those found from all.
 */
export const findResponseMarks = (db: Queryable, campaignId: number, t: MarkThresholds) =>
  db.query<MarkRow>(
    `select * from (
       select r.id, r.submitted_at, r.served_at, cardinality(r.answer_units) as units,
              case when count(r.served_at) over (partition by r.submission_key) >= 2 then r.submission_key end as submission_key,
              case when count(*) over (partition by r.ip_prefix) >= $2 then r.ip_prefix end as ip_prefix,
              case when count(*) over (partition by r.device_hash) >= $3 then r.device_hash end as device_hash,
              case when count(*) over (partition by r.phone_prefix) >= $4 then r.phone_prefix end as phone_prefix,
              case when count(*) filter (where cardinality(r.answer_units) >= $6) over (partition by r.answer_vector) >= $5 then r.answer_vector end as answer_vector
         from responses r where r.campaign_id = $1) m
      where m.submission_key is not null or m.ip_prefix is not null or m.device_hash is not null or m.phone_prefix is not null or m.answer_vector is not null
         or (m.served_at is not null and extract(epoch from m.submitted_at - m.served_at) < greatest($7::float8, m.units * $8::float8))
      order by m.submitted_at`,
    [campaignId, t.address, t.device, t.numberRange, t.identical, t.identicalMinUnits, t.minSeconds, t.minSecondsPerUnit],
  );

/** Responses of a campaign and the newest one's time. */
export async function countResponses(db: Queryable, campaignId: number): Promise<{ n: number; last: Date | null }> {
  return (await db.query<{ n: number; last: Date | null }>('select count(*)::int as n, max(submitted_at) as last from responses where campaign_id = $1', [campaignId]))[0]!;
}

/** The newest response of a campaign (from the campaign-and-time index): a flag scan older than it is stale. */
export async function lastSubmittedAt(db: Queryable, campaignId: number): Promise<Date | null> {
  return (await db.query<{ at: Date | null }>('select max(submitted_at) as at from responses where campaign_id = $1', [campaignId]))[0]!.at;
}

export interface FlagScanRow {
  scanned_at: Date;
  responses: number;
  last_submitted_at: Date | null;
  flagged: number;
}

export async function findFlagScan(db: Queryable, campaignId: number): Promise<FlagScanRow | undefined> {
  return (await db.query<FlagScanRow>('select scanned_at, responses, last_submitted_at, flagged from campaign_flag_scans where campaign_id = $1', [campaignId]))[0];
}

/** Replaces a campaign's stored scan with a new one and its flags. */
export async function saveFlagScan(db: Queryable, campaignId: number, scan: { responses: number; lastSubmittedAt: Date | null; flagged: number }, flags: FoundFlag[]): Promise<FlagScanRow> {
  await db.query('delete from campaign_flag_scans where campaign_id = $1', [campaignId]);
  const [row] = await db.query<FlagScanRow>('insert into campaign_flag_scans (campaign_id, responses, last_submitted_at, flagged) values ($1, $2, $3, $4) returning scanned_at, responses, last_submitted_at, flagged', [
    campaignId,
    scan.responses,
    scan.lastSubmittedAt,
    scan.flagged,
  ]);
  const CHUNK = 2000;
  for (let i = 0; i < flags.length; i += CHUNK) {
    const part = flags.slice(i, i + CHUNK);
    await db.query(
      `insert into campaign_flags (campaign_id, seq, kind, key, from_at, to_at, response_ids, facts)
       select $1, $2::int + f.ord, f.kind, f.key, f.from_at, f.to_at, f.ids::int[], f.facts
         from unnest($3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::jsonb[]) with ordinality as f(kind, key, from_at, to_at, ids, facts, ord)`,
      [
        campaignId,
        i,
        part.map((f) => f.kind),
        part.map((f) => f.key),
        part.map((f) => f.from),
        part.map((f) => f.to),
        part.map((f) => `{${f.responseIds.join(',')}}`),
        part.map((f) => JSON.stringify(f.facts)),
      ],
    );
  }
  return row!;
}

export interface StoredFlagRow {
  kind: FlagKind;
  key: string;
  from_at: Date;
  to_at: Date;
  response_ids: number[];
  facts: FlagFacts;
  excluded: number;
}

/** One page of a campaign's stored flags (of one kind, if given), in the order they were found, with how many of each are excluded now. */
export const findStoredFlags = (db: Queryable, campaignId: number, kind: FlagKind | null, offset: number, limit: number) =>
  db.query<StoredFlagRow>(
    `select f.kind, f.key, f.from_at, f.to_at, f.response_ids, f.facts,
            (select count(*)::int from response_exclusions x where x.response_id = any(f.response_ids)) as excluded
       from campaign_flags f
      where f.campaign_id = $1 and ($2::text is null or f.kind = $2)
      order by f.seq offset $3 limit $4`,
    [campaignId, kind, offset, limit],
  );

export const countStoredFlags = (db: Queryable, campaignId: number) =>
  db.query<{ kind: FlagKind; n: number }>('select kind, count(*)::int as n from campaign_flags where campaign_id = $1 group by kind', [campaignId]);

export interface TallyRow {
  counts: AnswerCountRow[];
  excluded: number;
  /** When a kept tally was counted; absent on one counted just now and not kept. */
  counted_at?: Date;
}

export async function findTally(db: Queryable, campaignId: number, applyExclusions: boolean): Promise<TallyRow | undefined> {
  return (await db.query<TallyRow>('select counts, excluded, counted_at from campaign_tallies where campaign_id = $1 and apply_exclusions = $2', [campaignId, applyExclusions]))[0];
}

/** When the kept tally was counted, without reading it (it holds every unit's answers). */
export async function findTallyCountedAt(db: Queryable, campaignId: number, applyExclusions: boolean): Promise<Date | undefined> {
  return (await db.query<{ counted_at: Date }>('select counted_at from campaign_tallies where campaign_id = $1 and apply_exclusions = $2', [campaignId, applyExclusions]))[0]?.counted_at;
}

export async function saveTally(db: Queryable, campaignId: number, applyExclusions: boolean, tally: TallyRow): Promise<void> {
  await db.query(
    `insert into campaign_tallies (campaign_id, apply_exclusions, counts, excluded) values ($1, $2, $3, $4)
     on conflict (campaign_id, apply_exclusions) do update set counts = excluded.counts, excluded = excluded.excluded, counted_at = now()`,
    [campaignId, applyExclusions, JSON.stringify(tally.counts), tally.excluded],
  );
}

/** Exclusions changed: the tally with exclusions is counted again on its next read. */
export async function dropTallyWithExclusions(db: Queryable, campaignId: number): Promise<void> {
  await db.query('delete from campaign_tallies where campaign_id = $1 and apply_exclusions', [campaignId]);
}

export interface ClosingCountsRow {
  participation: Awaited<ReturnType<typeof participation>>;
  invitations: Awaited<ReturnType<typeof countInvitations>>;
}

export async function findClosingCounts(db: Queryable, campaignId: number): Promise<ClosingCountsRow | undefined> {
  return (await db.query<ClosingCountsRow>('select participation, invitations from campaign_closing_counts where campaign_id = $1', [campaignId]))[0];
}

export async function saveClosingCounts(db: Queryable, campaignId: number, counts: ClosingCountsRow): Promise<void> {
  await db.query(
    `insert into campaign_closing_counts (campaign_id, participation, invitations) values ($1, $2, $3)
     on conflict (campaign_id) do update set participation = excluded.participation, invitations = excluded.invitations, counted_at = now()`,
    [campaignId, JSON.stringify(counts.participation), JSON.stringify(counts.invitations)],
  );
}

/** Which of these responses belong to the campaign. */
export const findResponsesOfCampaign = (db: Queryable, campaignId: number, ids: number[]) =>
  db.query<{ id: number }>('select id from responses where campaign_id = $1 and id = any($2::int[])', [campaignId, ids]);

/** Excludes the responses (those not excluded already); returns the ones it excluded. */
export const excludeResponses = (db: Queryable, ids: number[], reason: string, flag: string | null, userId: number | null) =>
  db.query<{ response_id: number }>(
    `insert into response_exclusions (response_id, reason, flag, excluded_by) select x, $2, $3, $4 from unnest($1::int[]) as x
     on conflict (response_id) do nothing returning response_id`,
    [ids, reason, flag, userId],
  );

/** Counts the responses again; returns the ones that were excluded. */
export const restoreResponses = (db: Queryable, ids: number[]) =>
  db.query<{ response_id: number }>('delete from response_exclusions where response_id = any($1::int[]) returning response_id', [ids]);
