import { createHash, randomInt } from 'node:crypto';
import type { PublicCampaign, Receipt, ResponseSubmit, TicketStatus } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound, refused } from '../../errors.js';
import { decide } from '../../lib/flow-table.js';
import { RateLimiter } from '../../lib/rate-limiter.js';
import type { TimeZone } from '../../lib/time-zone.js';
import type { Clock } from '../../lib/clock.js';
import { sha256 } from '../../lib/tokens.js';
import { badField } from './campaigns.service.js';
import * as repo from './campaigns.repository.js';
import { CAMPAIGN_FLOW } from './flow.js';
import * as portalRepo from './portal.repository.js';
import { truncateIp, type Privacy } from '../privacy/privacy.js';
import { issueServed, readServed } from './served.js';
import type { SmsProvider } from '../sms/sms-provider.js';
import { respondentIdentity } from './identity.js';

/**
 * What the citizens' page shows: the campaign, its questionnaire and the units with their cards, the
 * zone its times are shown in, and — for the page's submission key — the token of the questionnaire served now.
 */
export async function publicCampaign(db: Queryable, deps: { privacy: Privacy; zone: TimeZone; clock: Clock }, slug: string, submissionKey?: string): Promise<PublicCampaign> {
  const c = await repo.findCampaignBySlug(db, slug);
  if (!c || c.status === 'draft') throw notFound('评估活动 / Campaign');
  const units = await repo.findCampaignUnits(db, c.id);
  return {
    slug: c.slug,
    name: c.name,
    year: c.year,
    startsAt: new Date(c.starts_at).toISOString(),
    endsAt: new Date(c.ends_at).toISOString(),
    accepting: accepting(c, deps.clock.now().getTime()),
    modes: c.modes,
    questionnaire: {
      intro: c.questionnaire.intro,
      answers: {
        satisfied: c.questionnaire.answers.satisfied.label,
        basicallySatisfied: c.questionnaire.answers.basicallySatisfied.label,
        dissatisfied: c.questionnaire.answers.dissatisfied.label,
        unaware: c.questionnaire.answers.unaware.label,
      },
      reasonOnDissatisfied: c.questionnaire.reasonOnDissatisfied,
      extraQuestions: c.questionnaire.extraQuestions,
    },
    groups: groupUnits(units),
    timeZone: deps.zone.name,
    served: submissionKey ? await issueServed(deps.privacy, c.id, submissionKey) : null,
  };
}

function groupUnits(units: repo.CampaignUnitRow[]) {
  const groups = new Map<string, { code: string; name: string; units: { id: number; name: string; duties: string; highlights: string }[] }>();
  for (const u of units) {
    const code = u.group_code ?? '-';
    if (!groups.has(code)) groups.set(code, { code, name: u.group_name ?? '其他', units: [] });
    groups.get(code)!.units.push({ id: u.unit_id, name: u.name, duties: u.duties, highlights: u.highlights });
  }
  return [...groups.values()];
}

const accepting = (c: repo.CampaignRow, now: number): boolean =>
  c.status === 'open' && now >= new Date(c.starts_at).getTime() && now < new Date(c.ends_at).getTime();

const ENDED = '本次评估已结束，感谢您的关注 / this evaluation has ended';
const NOT_STARTED = '本次评估尚未开始 / this evaluation has not started yet';

/** Answers are taken while the flow table allows them (an open campaign) and between its start and end. */
function requireAccepting(c: repo.CampaignRow, now: number): void {
  decide(CAMPAIGN_FLOW, c.status, 'answer', (code) => (code === 'CAMPAIGN_CLOSED' ? ENDED : NOT_STARTED));
  if (now >= new Date(c.ends_at).getTime()) throw refused('CAMPAIGN_CLOSED', ENDED);
  if (now < new Date(c.starts_at).getTime()) throw refused('CAMPAIGN_NOT_STARTED', NOT_STARTED);
}

async function loadOpenCampaign(db: Queryable, slug: string): Promise<repo.CampaignRow> {
  const c = await repo.findCampaignBySlug(db, slug);
  if (!c || c.status === 'draft') throw notFound('评估活动 / Campaign');
  return c;
}

/** Whether an invitation link can still be used, so the page can say so before any answer is given. */
export async function checkInvitation(db: Queryable, slug: string, token: string): Promise<{ valid: boolean; used: boolean }> {
  const c = await loadOpenCampaign(db, slug);
  const inv = await repo.findInvitation(db, c.id, sha256(token));
  if (!inv) return { valid: false, used: false };
  return { valid: true, used: await portalRepo.responseExists(db, c.id, respondentIdentity.invitation(inv.id)) };
}

const SMS_TTL_MINUTES = 10;
const SMS_MAX_ATTEMPTS = 5;

/** Limits on SMS codes, per phone and per network, both kept in the database so they hold across instances. */
export class SmsGuard {
  private readonly perAddress = new RateLimiter('sms-codes', 20, 60 * 60_000);
  constructor(
    readonly perPhoneMinuteGap = 60,
    readonly perPhonePerDay = 5,
  ) {}

  async checkAddress(db: Database, ip: string): Promise<void> {
    const wait = await this.perAddress.hit(db, truncateIp(ip));
    if (wait > 0) throw new AppError('RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试 / too many requests from this network; try again in ${Math.ceil(wait / 60)} min`);
  }
}

export async function requestSmsCode(
  db: Database,
  deps: { privacy: Privacy; sms: SmsProvider; guard: SmsGuard; clock: Clock },
  slug: string,
  phone: string,
  ip: string,
): Promise<{ sent: true; expiresInMinutes: number }> {
  const c = await loadOpenCampaign(db, slug);
  requireAccepting(c, deps.clock.now().getTime());
  if (!c.modes.includes('sms')) throw new AppError('BAD_REQUEST', '本次评估不使用短信验证 / this evaluation does not verify by SMS');
  await deps.guard.checkAddress(db, ip);
  const phoneHash = await deps.privacy.hash('phone', phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (tx) => {
    const recent = await portalRepo.countRecentSmsCodes(tx, c.id, phoneHash, deps.guard.perPhoneMinuteGap);
    if (recent.last_minute > 0) throw new AppError('RATE_LIMITED', `验证码已发送，请 ${deps.guard.perPhoneMinuteGap} 秒后再试 / a code was just sent; wait a minute`);
    if (recent.today >= deps.guard.perPhonePerDay) throw new AppError('RATE_LIMITED', '该号码今日获取验证码次数已达上限 / this number has had too many codes today');
    await portalRepo.insertSmsCode(tx, c.id, phoneHash, sha256(`${phoneHash}:${code}`), SMS_TTL_MINUTES);
    await deps.sms.send(tx, phone, `【衡阳考评】您参加“${c.name}”的验证码为 ${code}，${SMS_TTL_MINUTES} 分钟内有效。如非本人操作请忽略。`);
  });
  return { sent: true, expiresInMinutes: SMS_TTL_MINUTES };
}

/** A 10-character ticket without look-alike characters, e.g. K7M2-Q9XP-4R. */
export function newTicket(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const s = Array.from({ length: 10 }, () => alphabet[randomInt(0, alphabet.length)]).join('');
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

interface Identity {
  identity: string;
  respondentClass: 'invited' | 'open';
  phonePrefix: string | null;
  deviceHash: string | null;
  /** Checks an SMS code before the write and names it, to be spent inside the write's transaction. */
  proof?: () => Promise<number>;
}

/** The keyed hash a phone or device identity is found by; an invitation is found by its token's hash instead. */
async function keyedHash(privacy: Privacy, v: ResponseSubmit['verification']): Promise<string | null> {
  if (v.mode === 'sms') return privacy.hash('phone', v.phone);
  if (v.mode === 'open') return privacy.hash('device', v.deviceId);
  return null;
}

function resolveIdentity(db: Queryable, c: repo.SubmissionContextRow, v: ResponseSubmit['verification'], hash: string | null): Identity {
  if (!c.modes.includes(v.mode)) throw badField('body.verification.mode', `本次评估不接受此验证方式 / this evaluation does not accept "${v.mode}"`);
  if (v.mode === 'invitation') {
    if (c.invitation_id === null) throw new AppError('FORBIDDEN', '邀请链接无效，请核对链接是否完整 / this invitation link is not valid');
    return { identity: respondentIdentity.invitation(c.invitation_id), respondentClass: 'invited', phonePrefix: null, deviceHash: null, };
  }
  if (v.mode === 'sms') {
    const phoneHash = hash!;
    return {
      identity: respondentIdentity.phone(phoneHash),
      respondentClass: 'open',
      phonePrefix: v.phone.slice(0, 7),
      deviceHash: null,
      proof: async () => {
        const code = await portalRepo.findLiveSmsCode(db, c.id, phoneHash);
        if (!code || code.attempts >= SMS_MAX_ATTEMPTS) throw new AppError('FORBIDDEN', '验证码已失效，请重新获取 / the code has expired; request a new one');
        if (code.code_hash !== sha256(`${phoneHash}:${v.code}`)) {
          await portalRepo.countSmsAttempt(db, code.id);
          throw new AppError('FORBIDDEN', '验证码不正确 / the code is not right');
        }
        return code.id;
      },
    };
  }
  const deviceHash = hash!;
  return { identity: respondentIdentity.device(deviceHash), respondentClass: 'open', phonePrefix: null, deviceHash, };
}

/** The device mark: browser signature and network together, for spotting bursts; kept only as a keyed hash. */
const deviceMarkOf = (privacy: Privacy, client: { ip: string; userAgent: string }) => privacy.hash('device', `${client.userAgent}|${truncateIp(client.ip)}`);

/** The parameters $2–$16 of one response (see portalRepo.ResponseParams) and the receipt it is acknowledged with. */
function rowFor(input: ResponseSubmit, who: { identity: string | null; respondentClass: 'invited' | 'open'; phonePrefix: string | null; deviceMark: string; ip: string }, servedAt: Date) {
  const receipt = newTicket();
  const vector = input.answers
    .map((a) => `${a.unitId}:${a.answer}`)
    .sort()
    .join(',');
  const suggestions = input.answers.filter((a) => a.suggestion);
  const params: portalRepo.ResponseParams = [
    who.identity,
    who.respondentClass,
    input.submissionKey,
    receipt,
    createHash('sha256').update(vector).digest('base64url').slice(0, 22),
    truncateIp(who.ip),
    who.deviceMark,
    who.phonePrefix,
    servedAt,
    input.extra ? JSON.stringify(input.extra) : null,
    input.answers.map((a) => a.unitId),
    input.answers.map((a) => a.answer),
    input.answers.map((a) => a.reason || null),
    suggestions.map((a) => a.unitId),
    suggestions.map((a) => a.suggestion!),
  ];
  return {
    params,
    receipt: (submittedAt: Date): Receipt => ({ receipt, submittedAt: new Date(submittedAt).toISOString(), units: input.answers.length, suggestions: suggestions.length, repeated: false }),
  };
}

/**
 * An open campaign's questionnaire, modes and units cannot change (updateCampaign refuses), so what
 * answers are checked against is kept in memory once seen open; status and window are not kept,
 * they are checked by the write itself.
 */
const openCampaigns = new WeakMap<object, Map<string, { c: repo.SubmissionContextRow; unitIds: Set<number> }>>();

async function openCampaign(db: Queryable, slug: string): Promise<{ c: repo.SubmissionContextRow; unitIds: Set<number> } | undefined> {
  let bySlug = openCampaigns.get(db);
  if (!bySlug) openCampaigns.set(db, (bySlug = new Map()));
  const known = bySlug.get(slug);
  if (known) return known;
  const c = await repo.findSubmissionContext(db, slug, null, null);
  if (c?.status !== 'open') return undefined;
  const shape = { c, unitIds: new Set(c.unit_ids) };
  bySlug.set(slug, shape);
  return shape;
}

/**
 * The usual case in one statement: a new identity answering an open campaign with valid answers. The
 * invitation is found by its token's hash and the campaign's status and window are checked in the
 * same statement; when it stores nothing (a used or unknown link, a closed campaign, a retry) the
 * caller takes the full path, which says why. SMS codes always take the full path (the code is spent
 * in the same transaction).
 */
async function submitInOneStatement(db: Database, { privacy, clock }: SubmitDeps, slug: string, input: ResponseSubmit, client: { ip: string; userAgent: string }): Promise<Receipt | null> {
  const v = input.verification;
  if (v.mode === 'sms') return null;
  const open = await openCampaign(db, slug);
  if (!open || !open.c.modes.includes(v.mode)) return null;
  const { c, unitIds } = open;
  try {
    validateAnswers(c, unitIds, input);
  } catch {
    return null; // the full path reports it, after whether the link or identity was already used
  }
  const servedAt = await readServed(privacy, c.id, input.submissionKey, input.served);
  if (!servedAt) return null; // the full path says the page must be reloaded
  const deviceHash = v.mode === 'open' ? await privacy.hash('device', v.deviceId) : null;
  const row = rowFor(
    input,
    {
      identity: deviceHash && respondentIdentity.device(deviceHash),
      respondentClass: v.mode === 'invitation' ? 'invited' : 'open',
      phonePrefix: null,
      deviceMark: deviceHash ?? (await deviceMarkOf(privacy, client)),
      ip: client.ip,
    },
    servedAt,
  );
  let stored: { id: number; submitted_at: Date } | undefined;
  try {
    stored = await portalRepo.insertResponseIfNew(db, c.id, row.params, v.mode === 'invitation' ? sha256(v.token) : null, clock.now());
  } catch (err) {
    // A receipt drawn twice (a 1 in 10^12 chance) is left to the full path too.
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
  return stored ? row.receipt(stored.submitted_at) : null;
}

/** A token not issued for this campaign and page: an old page, or one made up. The draft stays on the phone. */
const PAGE_EXPIRED = '问卷页面已过期，请刷新页面后再提交（已填写的答案保存在本机） / the page has expired: reload it and submit again (your answers are kept)';

/**
 * Stores one citizen's answers. The unique (campaign, identity) constraint makes it one response
 * per verified identity; a retry with the same submission key gets the stored receipt back.
 */
/** What a submission needs besides the database: the keyed hashes, and the clock its campaign's window is read by. */
export interface SubmitDeps {
  privacy: Privacy;
  clock: Clock;
}

export async function submitResponse(db: Database, deps: SubmitDeps, slug: string, input: ResponseSubmit, client: { ip: string; userAgent: string }): Promise<Receipt> {
  const { privacy } = deps;
  const quick = await submitInOneStatement(db, deps, slug, input, client);
  if (quick) return quick;
  const ip = client.ip;
  const v = input.verification;
  // The identity is hashed first, so one query finds the campaign, the invitation and an earlier response.
  const hash = await keyedHash(privacy, v);
  const c = await repo.findSubmissionContext(db, slug, v.mode === 'invitation' ? sha256(v.token) : null, hash && `${v.mode === 'sms' ? 'phone' : 'device'}:${hash}`);
  if (!c || c.status === 'draft') throw notFound('评估活动 / Campaign');
  const who = resolveIdentity(db, c, v, hash);
  const previous = c.previous;
  if (previous) {
    // Whether a number has taken part is told only to whoever holds its code.
    if (previous.submission_key !== input.submissionKey) await who.proof?.();
    return replay(previous, input.submissionKey, v.mode);
  }
  requireAccepting(c, deps.clock.now().getTime());
  validateAnswers(c, new Set(c.unit_ids), input);
  const servedAt = await readServed(privacy, c.id, input.submissionKey, input.served);
  if (!servedAt) throw badField('body.served', PAGE_EXPIRED);

  const smsCodeId = who.proof ? await who.proof() : null;
  const row = rowFor(input, { identity: who.identity, respondentClass: who.respondentClass, phonePrefix: who.phonePrefix, deviceMark: who.deviceHash ?? (await deviceMarkOf(privacy, client)), ip }, servedAt);
  const write = async (q: Queryable): Promise<Receipt> => {
    const stored = await portalRepo.insertResponse(q, c.id, row.params);
    return row.receipt(stored.submitted_at);
  };
  try {
    if (smsCodeId === null) return await write(db);
    return await db.transaction(async (tx) => {
      // The code is spent with the response, so a failed submission leaves it usable.
      if (!(await portalRepo.spendSmsCode(tx, smsCodeId))) throw new AppError('FORBIDDEN', '验证码已使用，请重新获取 / the code has been used; request a new one');
      return write(tx);
    });
  } catch (err) {
    // Two tries of the same submission racing: the loser finds the winner's row and answers with its receipt.
    if ((err as { code?: string }).code === '23505') {
      const stored = await portalRepo.findResponseOf(db, c.id, who.identity);
      if (stored) return replay(stored, input.submissionKey, input.verification.mode);
    }
    throw err;
  }
}

type StoredResponse = repo.StoredResponseRow;

function replay(stored: StoredResponse, submissionKey: string, mode: ResponseSubmit['verification']['mode']): Receipt {
  if (stored.submission_key === submissionKey) {
    return { receipt: stored.receipt, submittedAt: new Date(stored.submitted_at).toISOString(), units: stored.units, suggestions: stored.suggestions, repeated: true };
  }
  const message = {
    invitation: '该邀请链接已经使用过，每个链接只能提交一次 / this invitation link has already been used; each link works once',
    sms: '该手机号已参加过本次评估，每个号码只能提交一次 / this phone number has already taken part',
    open: '本设备已参加过本次评估 / this device has already taken part',
  }[mode];
  throw refused('ALREADY_DONE', message);
}

function validateAnswers(c: repo.CampaignRow, unitIds: Set<number>, input: ResponseSubmit): void {
  const seen = new Set<number>();
  input.answers.forEach((a, i) => {
    if (!unitIds.has(a.unitId)) throw badField(`body.answers.${i}.unitId`, '该单位不在本次评估范围内 / this unit is not part of the evaluation');
    if (seen.has(a.unitId)) throw badField(`body.answers.${i}.unitId`, '同一单位只能评价一次 / a unit is answered twice');
    seen.add(a.unitId);
    if (a.answer === 'dissatisfied' && c.questionnaire.reasonOnDissatisfied && !a.reason) {
      throw badField(`body.answers.${i}.reason`, '选择「不满意」时请填写原因 / please say why you are dissatisfied');
    }
  });
  for (const [key, value] of Object.entries(input.extra ?? {})) {
    const q = c.questionnaire.extraQuestions.find((x) => x.key === key);
    if (!q) throw badField(`body.extra.${key}`, '没有这个问题 / no such question');
    if (!q.options.includes(value)) throw badField(`body.extra.${key}`, `请从选项中选择 / choose one of: ${q.options.join(' / ')}`);
  }
}

/** What a citizen reads with the ticket code: each suggestion's status and, once accepted, the unit's reply. */
export async function ticketStatus(db: Queryable, zone: TimeZone, ticket: string): Promise<TicketStatus> {
  const code = ticket.toUpperCase();
  const r = await portalRepo.findResponseByReceipt(db, code);
  // A questionnaire's receipt covers its suggestions; an Open311 request has a ticket of its own.
  const suggestions = await portalRepo.findTicketSuggestions(db, r ? { responseId: r.id } : { ticket: code });
  if (!r && suggestions.length === 0) throw notFound('回执编号 / Ticket');
  return {
    campaign: r?.campaign ?? null,
    submittedAt: new Date(r ? r.submitted_at : suggestions[0]!.created_at).toISOString(),
    suggestions: suggestions.map((s) => ({
      unit: s.unit,
      body: s.body,
      status: s.status,
      // A reply is published to the citizen only after the office has accepted it.
      reply: s.status === 'accepted' ? s.reply : null,
      repliedAt: s.status === 'accepted' && s.replied_at ? new Date(s.replied_at).toISOString() : null,
    })),
    timeZone: zone.name,
  };
}
