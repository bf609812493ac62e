import type { Queryable } from '../../db/database.js';
import type { StoredResponseRow } from './campaigns.repository.js';
import { invitationIdentitySql } from './identity.js';

/** The SQL of the citizens' page: SMS codes, storing a response with its suggestions, and tickets. */

export async function responseExists(db: Queryable, campaignId: number, identity: string): Promise<boolean> {
  const rows = await db.query('select 1 from responses where campaign_id = $1 and identity = $2', [campaignId, identity]);
  return rows.length > 0;
}

/** Codes sent to a phone for a campaign in the last `gapSeconds` and in the last day. */
export async function countRecentSmsCodes(db: Queryable, campaignId: number, phoneHash: string, gapSeconds: number): Promise<{ last_minute: number; today: number }> {
  const [recent] = await db.query<{ last_minute: number; today: number }>(
    `select count(*) filter (where created_at > now() - make_interval(secs => $3))::int as last_minute,
            count(*) filter (where created_at > now() - interval '1 day')::int as today
       from sms_codes where campaign_id = $1 and phone_hash = $2`,
    [campaignId, phoneHash, gapSeconds],
  );
  return recent!;
}

export async function insertSmsCode(db: Queryable, campaignId: number, phoneHash: string, codeHash: string, ttlMinutes: number): Promise<void> {
  await db.query(`insert into sms_codes (campaign_id, phone_hash, code_hash, expires_at) values ($1, $2, $3, now() + make_interval(mins => $4))`, [
    campaignId,
    phoneHash,
    codeHash,
    ttlMinutes,
  ]);
}

/** The newest unused, unexpired code sent to a phone for a campaign. */
export async function findLiveSmsCode(db: Queryable, campaignId: number, phoneHash: string): Promise<{ id: number; code_hash: string; attempts: number } | undefined> {
  const [code] = await db.query<{ id: number; code_hash: string; attempts: number }>(
    `select id, code_hash, attempts from sms_codes
      where campaign_id = $1 and phone_hash = $2 and used_at is null and expires_at > now()
      order by id desc limit 1`,
    [campaignId, phoneHash],
  );
  return code;
}

export async function countSmsAttempt(db: Queryable, codeId: number): Promise<void> {
  await db.query('update sms_codes set attempts = attempts + 1 where id = $1', [codeId]);
}

/** Marks a code used; false when it already was (another submission spent it). */
export async function spendSmsCode(db: Queryable, codeId: number): Promise<boolean> {
  const spent = await db.query('update sms_codes set used_at = now() where id = $1 and used_at is null returning id', [codeId]);
  return spent.length > 0;
}

/**
 * A response's parameters after the campaign ($1), in this order ($2–$16): identity, respondent class,
 * submission key, receipt, answer vector hash, network prefix, device hash, phone prefix, served at,
 * extra answers (JSON), the answers' units, answers and reasons, then the suggestions' units and texts.
 */
export type ResponseParams = unknown[];

const INSERT_RESPONSE = `insert into responses (campaign_id, identity, respondent_class, submission_key, receipt, answer_vector, ip_prefix, device_hash, phone_prefix, served_at, extra,
                        answer_units, answer_values, answer_reasons)`;
const responseValues = (identity = '$2') => `$1, ${identity}, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::int[], $13::text[], $14::text[]`;
const INSERT_SUGGESTIONS = `s as (insert into suggestions (source, response_id, campaign_id, unit_id, body)
                            select 'campaign', r.id, $1, x.u, x.b from r, unnest($15::int[], $16::text[]) as x(u, b))`;

/** Stores a response and its suggestions; a second one of the same identity fails on the unique key (23505). */
export async function insertResponse(db: Queryable, campaignId: number, params: ResponseParams): Promise<{ id: number; submitted_at: Date }> {
  const [stored] = await db.query<{ id: number; submitted_at: Date }>(`with r as (${INSERT_RESPONSE} values (${responseValues()}) returning id, submitted_at), ${INSERT_SUGGESTIONS} select id, submitted_at from r`, [
    campaignId,
    ...params,
  ]);
  return stored!;
}

/**
 * The same in one statement that also finds the invitation by its token's hash (when the identity is
 * null) and checks the campaign is open: nothing is stored (undefined) for an unknown or used link,
 * a closed campaign or an identity that has already answered.
 */
export async function insertResponseIfNew(db: Queryable, campaignId: number, params: ResponseParams, tokenHash: string | null, now: Date): Promise<{ id: number; submitted_at: Date } | undefined> {
  const sql = `with who as (
       select coalesce($2, (select ${invitationIdentitySql('i')} from invitations i where i.campaign_id = $1 and i.token_hash = $17)) as identity
     ), r as (
       ${INSERT_RESPONSE}
       select ${responseValues('who.identity')} from who
        where who.identity is not null
          and exists (select 1 from campaigns c where c.id = $1 and c.status = 'open' and $18::timestamptz >= c.starts_at and $18::timestamptz < c.ends_at)
       on conflict (campaign_id, identity) do nothing
       returning id, submitted_at
     ), ${INSERT_SUGGESTIONS}
     select id, submitted_at from r`;
  const [stored] = await db.query<{ id: number; submitted_at: Date }>(sql, [campaignId, ...params, tokenHash, now], 'portal-submit');
  return stored;
}

export async function findResponseOf(db: Queryable, campaignId: number, identity: string): Promise<StoredResponseRow | undefined> {
  const [row] = await db.query<StoredResponseRow>(
    `select r.receipt, r.submission_key, r.submitted_at,
            cardinality(r.answer_units) as units,
            (select count(*)::int from suggestions s where s.response_id = r.id) as suggestions
       from responses r where r.campaign_id = $1 and r.identity = $2`,
    [campaignId, identity],
  );
  return row;
}

export async function findResponseByReceipt(db: Queryable, receipt: string): Promise<{ id: number; submitted_at: Date; campaign: string } | undefined> {
  const [r] = await db.query<{ id: number; submitted_at: Date; campaign: string }>(
    'select r.id, r.submitted_at, c.name as campaign from responses r join campaigns c on c.id = r.campaign_id where r.receipt = $1',
    [receipt],
  );
  return r;
}

export interface TicketSuggestionRow {
  unit: string;
  body: string;
  status: string;
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
}

/** The suggestions of a questionnaire's response, or the one an Open311 request's own ticket names. */
export function findTicketSuggestions(db: Queryable, by: { responseId: number } | { ticket: string }): Promise<TicketSuggestionRow[]> {
  return db.query<TicketSuggestionRow>(
    `select u.name as unit, s.body, s.status, s.reply, s.replied_at, s.created_at from suggestions s join units u on u.id = s.unit_id
      where ${'responseId' in by ? 's.response_id = $1' : 's.ticket = $1'} order by s.id`,
    ['responseId' in by ? by.responseId : by.ticket],
  );
}
