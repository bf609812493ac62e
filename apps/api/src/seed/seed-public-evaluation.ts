import { createHash } from 'node:crypto';
import { questionnaireSchema, type CampaignAnswer } from '@kaoping/shared';
import type { Database, Queryable } from '../db/database.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import * as campaigns from '../modules/campaigns/campaigns.repository.js';
import { newTicket } from '../modules/campaigns/portal.service.js';
import { recordReceivedResponses } from '../modules/campaigns/vote-ledger.js';
import { findLatestPublished } from '../modules/schemes/schemes.repository.js';
import { runScores } from '../modules/scores/scores.service.js';
import { rngFor, type Rng } from './demo-random.js';
import { hengyangScheme2021 } from './hengyang-scheme-2021.js';
import { respondentIdentity } from '../modules/campaigns/identity.js';

/*
 * The public evaluation of the demo (visibly fictional): Hengyang's closed 2021 campaign with
 * simulated respondents, answers and suggestions in every stage of handling, and an open 2022
 * campaign taking answers now. The default size loads in seconds; `--scale full` simulates all
 * 132,151 participants of 2021.
 */

export const QUICK_RESPONDENTS = 3000;
export const FULL_RESPONDENTS = 132_151;
const SEED = 2021;
const SYSTEM = { actorId: null, actorName: 'system' };

interface DemoUnitRow {
  id: number;
  code: string;
  name: string;
  kind: 'county' | 'district' | 'park' | 'municipal';
}

const DUTIES: Record<DemoUnitRow['kind'], string> = {
  county: '统筹全县（市）经济社会发展，负责民生保障、乡村振兴、生态环境和基层治理等工作。',
  district: '统筹全区经济社会发展，负责城市管理、社区治理、民生服务和营商环境等工作。',
  park: '负责园区规划建设、招商引资、项目服务和企业发展环境优化等工作。',
  municipal: '依法履行本部门职能，提供政务服务，落实市委、市政府确定的年度重点工作。',
};

const HIGHLIGHTS = [
  '政务服务事项 100% 网上可办（演示）',
  '新建改扩建中小学 3 所，新增学位 4800 个（演示）',
  '完成老旧小区改造 26 个（演示）',
  '“一件事一次办”事项扩展至 60 项（演示）',
  '重点项目开工率 98%（演示）',
  '新增城镇就业 1.2 万人（演示）',
  '办结群众来信来访 2300 余件（演示）',
  '建成口袋公园 15 个（演示）',
  '企业开办时间压缩至 1 个工作日（演示）',
  '农村自来水普及率提升至 92%（演示）',
];

const CLEAR = ['路口红绿灯时长太短，老人过马路来不及，建议调整', '小区门口道路坑洼积水，希望尽快修补', '办事窗口午休不开放，建议错时服务', '网上办事系统经常卡顿，希望优化', '公交班次太少，早高峰等车超过半小时', '菜市场周边占道经营严重，建议规范', '学校门口上下学时段拥堵，建议设置临时停车点', '路灯夜间不亮，存在安全隐患'];
const VAGUE = ['希望越来越好', '工作还需加强', '有待提高', '多为老百姓办实事'];
const PRAISE = ['办事效率高，工作人员很热情，点赞', '今年变化很大，为你们点赞', '服务周到，一次就办好了', '环境改善明显，感谢'];
const REASONS = ['办事排队时间长', '态度不够热情', '问题反映后没有回音', '政策宣传不到位'];
const REPLIES = ['已安排专人现场核查，相关问题已于本月整改到位，感谢您的监督（演示）。', '我单位已将该问题列入整改清单，预计下月底前完成，届时将公示结果（演示）。'];

const answerFor = (rng: Rng, satisfied: number): CampaignAnswer => {
  const r = rng.next();
  if (r < 0.07) return 'unaware';
  if (r < 0.07 + satisfied) return 'satisfied';
  return rng.chance(0.7) ? 'basicallySatisfied' : 'dissatisfied';
};

/** A stand-in for a keyed hash: the demo has no real phones or devices to hash. */
const fakeHash = (...parts: (string | number)[]) => createHash('sha256').update(parts.join(':')).digest('base64url');

export async function seedPublicEvaluationDemo(db: Database, opts: { respondents?: number } = {}): Promise<{ campaign2021: number; campaign2022: number; responses: number; suggestions: number }> {
  const respondents = opts.respondents ?? QUICK_RESPONDENTS;
  const units = await db.query<DemoUnitRow>('select id, code, name, kind from units where active order by id');
  const schemeCode = hengyangScheme2021().code;
  const questionnaire = questionnaireSchema.parse({
    intro: '本次评估由市绩效办组织，请对您了解的单位作出评价。您的手机号仅以加密形式保存，评价结果在活动结束后统一公布。（演示）',
    extraQuestions: [{ key: 'identity', text: '您的身份', options: ['人大代表', '政协委员', '企业代表', '普通市民'] }],
  });

  const c2021 = await db.transaction(async (tx) => {
    const c = await campaigns.insertCampaign(tx, {
      slug: 'hy-2021',
      name: '衡阳市2021年度绩效考核公众评估（演示）',
      year: 2021,
      startsAt: '2021-12-15T00:00:00+08:00',
      endsAt: '2021-12-25T00:00:00+08:00',
      modes: ['invitation', 'sms', 'open'],
      questionnaire,
      rule: { combine: 'pooled' },
      schemeCode,
      createdBy: null,
    });
    await campaigns.setCampaignUnits(tx, c.id, units.map((u) => u.id));
    await fillCards(tx, c.id, units);
    return c;
  });

  const counts = await simulate(db, c2021.id, units, respondents);
  await db.query(`update campaigns set status = 'closed', opened_at = starts_at, closed_at = ends_at where id = $1`, [c2021.id]);

  const now = Date.now();
  const c2022 = await db.transaction(async (tx) => {
    const c = await campaigns.insertCampaign(tx, {
      slug: 'hy-2022',
      name: '衡阳市2022年度绩效考核公众评估（演示）',
      year: 2022,
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: new Date(now + 60 * 86_400_000).toISOString(),
      modes: ['invitation', 'sms', 'open'],
      questionnaire,
      rule: { combine: 'weighted', classWeights: { invited: 0.6, open: 0.4 } },
      schemeCode: null,
      createdBy: null,
    });
    await campaigns.setCampaignUnits(tx, c.id, units.map((u) => u.id));
    await fillCards(tx, c.id, units);
    await tx.query(`update campaigns set status = 'open', opened_at = starts_at where id = $1`, [c.id]);
    return c;
  });
  await simulate(db, c2022.id, units, Math.min(200, respondents), { open: true });

  await recordReceivedResponses(db);
  await db.transaction((tx) =>
    recordAudit(tx, SYSTEM, { action: 'seed.demo.public', entity: 'campaign', entityId: c2021.id, after: { respondents, suggestions: counts.suggestions, open2022: c2022.id } }),
  );
  // The 2021 campaign has closed: score the year again with its public-evaluation component.
  const scheme = await findLatestPublished(db, schemeCode);
  if (scheme?.year === 2021) await runScores(db, scheme.id, { asOf: '2021-12-31', trigger: 'manual', userId: null }, SYSTEM);
  return { campaign2021: c2021.id, campaign2022: c2022.id, responses: counts.responses, suggestions: counts.suggestions };
}

async function fillCards(tx: Queryable, campaignId: number, units: DemoUnitRow[]): Promise<void> {
  const cards = units.map((u) => {
    const rng = rngFor(SEED, 'card', u.code);
    const highlights = [...new Set([rng.pick(HIGHLIGHTS), rng.pick(HIGHLIGHTS)])].join('\n');
    return { unitId: u.id, duties: DUTIES[u.kind], highlights };
  });
  await tx.query(
    `update campaign_units cu set duties = x.duties, highlights = x.highlights
       from unnest($2::int[], $3::text[], $4::text[]) as x(unit_id, duties, highlights)
      where cu.campaign_id = $1 and cu.unit_id = x.unit_id`,
    [campaignId, cards.map((c) => c.unitId), cards.map((c) => c.duties), cards.map((c) => c.highlights)],
  );
}

interface SimResponse {
  identity: string;
  cls: 'invited' | 'open';
  receipt: string;
  ip: string;
  device: string;
  phonePrefix: string | null;
  /** When the simulated page was served its questionnaire (the server's measure). */
  servedAt: Date;
  submittedAt: Date;
  answers: { unitId: number; answer: CampaignAnswer; reason: string | null }[];
  suggestion: { unitId: number; body: string; kind: 'clear' | 'vague' | 'praise' | 'abusive' } | null;
}

/** Respondents spread over the window, each scoring the units they know; a burst of look-alike answers for fraud review. */
async function simulate(db: Database, campaignId: number, units: DemoUnitRow[], n: number, opts: { open?: boolean } = {}): Promise<{ responses: number; suggestions: number }> {
  const rng = rngFor(SEED, 'respondents', campaignId);
  const [c] = await db.query<{ starts_at: Date; ends_at: Date }>('select starts_at, ends_at from campaigns where id = $1', [campaignId]);
  const start = new Date(c!.starts_at).getTime();
  const span = opts.open ? 86_400_000 : new Date(c!.ends_at).getTime() - start;
  const level = new Map(units.map((u) => [u.id, 0.55 + rngFor(SEED, 'level', u.code).next() * 0.37]));
  const places = units.filter((u) => u.kind === 'county' || u.kind === 'district');
  const departments = units.filter((u) => u.kind === 'municipal' || u.kind === 'park');
  const out: SimResponse[] = [];
  for (let i = 0; i < n; i++) {
    const invited = rng.chance(0.3);
    const chosen = new Set<DemoUnitRow>([rng.pick(places)]);
    const k = rng.int(3, 14);
    while (chosen.size < k + 1) chosen.add(rng.pick(departments));
    const answers = [...chosen].map((u) => {
      const answer = answerFor(rng, level.get(u.id)!);
      return { unitId: u.id, answer, reason: answer === 'dissatisfied' ? rng.pick(REASONS) : null };
    });
    const submittedAt = new Date(start + Math.floor(rng.next() * span));
    out.push({
      identity: invited ? '' : rng.chance(0.5) ? respondentIdentity.phone(fakeHash('phone', campaignId, i)) : respondentIdentity.device(fakeHash('device', campaignId, i)),
      cls: invited ? 'invited' : 'open',
      receipt: newTicket(),
      ip: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24`,
      device: fakeHash('mark', campaignId, i),
      phonePrefix: invited ? null : `13${rng.int(0, 9)}${rng.int(1000, 9999)}`,
      servedAt: new Date(submittedAt.getTime() - rng.int(40, 600) * 1000),
      submittedAt,
      answers,
      suggestion: rng.chance(0.275) ? suggestionFor(rng, answers) : null,
    });
  }
  if (!opts.open) addSuspiciousBurst(out, units, start + span / 2, campaignId);
  await insertResponses(db, campaignId, out);
  return { responses: out.length, suggestions: out.filter((r) => r.suggestion).length };
}

function suggestionFor(rng: Rng, answers: SimResponse['answers']): SimResponse['suggestion'] {
  const a = rng.pick(answers);
  if (a.answer === 'satisfied' && rng.chance(0.6)) return { unitId: a.unitId, body: rng.pick(PRAISE), kind: 'praise' };
  if (rng.chance(0.01)) return { unitId: a.unitId, body: '（含辱骂内容，已隐去）', kind: 'abusive' };
  return rng.chance(0.75) ? { unitId: a.unitId, body: rng.pick(CLEAR), kind: 'clear' } : { unitId: a.unitId, body: rng.pick(VAGUE), kind: 'vague' };
}

/** Forty identical, very fast answers from one network in five minutes: what fraud review must catch. */
function addSuspiciousBurst(out: SimResponse[], units: DemoUnitRow[], at: number, campaignId: number): void {
  const targets = units.filter((u) => u.kind === 'district').slice(0, 4);
  for (let i = 0; i < 40; i++) {
    const submittedAt = new Date(at + i * 7_000);
    out.push({
      identity: respondentIdentity.device(fakeHash('burst', campaignId, i)),
      cls: 'open',
      receipt: newTicket(),
      ip: '10.88.66.0/24',
      device: fakeHash('burst-mark', campaignId, i % 3),
      phonePrefix: null,
      servedAt: new Date(submittedAt.getTime() - 4_000),
      submittedAt,
      answers: targets.map((u) => ({ unitId: u.id, answer: 'satisfied' as const, reason: null })),
      suggestion: null,
    });
  }
}

async function insertResponses(db: Database, campaignId: number, rows: SimResponse[]): Promise<void> {
  const CHUNK = 5000;
  let noticeSeq = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.transaction(async (tx) => {
      const invited = chunk.filter((r) => r.cls === 'invited');
      if (invited.length) {
        const ids = await tx.query<{ id: number }>(
          `insert into invitations (campaign_id, token_hash, batch) select $1, h, '市民代表（演示）' from unnest($2::text[]) as h returning id`,
          [campaignId, invited.map((r) => fakeHash('invitation', campaignId, r.receipt))],
        );
        invited.forEach((r, j) => (r.identity = respondentIdentity.invitation(ids[j]!.id)));
      }
      const vector = (r: SimResponse) => fakeHash(r.answers.map((a) => `${a.unitId}:${a.answer}`).sort().join(',')).slice(0, 22);
      const inserted = await tx.query<{ id: number; receipt: string }>(
        `insert into responses (campaign_id, identity, respondent_class, submission_key, receipt, answer_vector, ip_prefix, device_hash, phone_prefix, served_at, submitted_at,
                                answer_units, answer_values, answer_reasons)
         select $1, x.identity, x.cls, x.receipt, x.receipt, x.vector, x.ip, x.device, x.phone, x.served, x.submitted, x.units, x.answers, x.reasons
           from json_to_recordset($2::json)
             as x(identity text, cls text, receipt text, vector text, ip text, device text, phone text, served timestamptz, submitted timestamptz,
                  units int[], answers text[], reasons text[])
         returning id, receipt`,
        [
          campaignId,
          JSON.stringify(
            chunk.map((r) => ({
              identity: r.identity, cls: r.cls, receipt: r.receipt, vector: vector(r), ip: r.ip, device: r.device, phone: r.phonePrefix,
              served: r.servedAt.toISOString(), submitted: r.submittedAt.toISOString(),
              units: r.answers.map((a) => a.unitId), answers: r.answers.map((a) => a.answer), reasons: r.answers.map((a) => a.reason),
            })),
          ),
        ],
      );
      const idOf = new Map(inserted.map((r) => [r.receipt, r.id]));
      const sugg = chunk.filter((r) => r.suggestion);
      const rng = rngFor(SEED, 'handling', campaignId, i);
      // Handling as it stands after the campaign: most sorted, clear ones forwarded, many answered and accepted, some still new.
      const handled = sugg.map((r) => {
        const s = r.suggestion!;
        if (rng.chance(0.1)) return { ...s, category: null, status: 'new', notice: null, reply: null };
        if (s.kind !== 'clear') return { ...s, category: s.kind, status: 'sorted', notice: null, reply: null };
        const stage = rng.next();
        const notice = `衡绩改〔2021〕${(noticeSeq = (noticeSeq % 97) + 1)}号`;
        if (stage < 0.2) return { ...s, category: 'clear', status: 'sorted', notice: null, reply: null };
        if (stage < 0.5) return { ...s, category: 'clear', status: 'forwarded', notice, reply: null };
        if (stage < 0.6) return { ...s, category: 'clear', status: 'replied', notice, reply: rng.pick(REPLIES) };
        return { ...s, category: 'clear', status: 'accepted', notice, reply: rng.pick(REPLIES) };
      });
      if (handled.length) {
        await tx.query(
          `insert into suggestions (source, response_id, campaign_id, unit_id, body, category, status, notice_no, deadline, reply, replied_at, created_at)
           select 'campaign', x.rid, $1, x.uid, x.body, x.cat, x.status, x.notice, case when x.notice is null then null else date '2022-01-31' end,
                  x.reply, case when x.reply is null then null else timestamptz '2022-01-20 10:00+08' end, x.at
             from unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
               as x(rid, uid, body, cat, status, notice, reply, at)`,
          [
            campaignId,
            sugg.map((r) => idOf.get(r.receipt)!),
            handled.map((h) => h.unitId),
            handled.map((h) => h.body),
            handled.map((h) => h.category),
            handled.map((h) => h.status),
            handled.map((h) => h.notice),
            handled.map((h) => h.reply),
            sugg.map((r) => r.submittedAt.toISOString()),
          ],
        );
      }
    });
  }
}
