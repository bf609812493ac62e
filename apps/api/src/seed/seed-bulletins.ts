import { BULLETIN_SECTIONS } from '@kaoping/shared';
import type { Database } from '../db/database.js';
import type { Principal } from '../lib/principal.js';
import { TimeZone } from '../lib/time-zone.js';
import { PERFORMANCE_OFFICE } from '../lib/documents/index.js';
import * as repo from '../modules/bulletins/bulletins.repository.js';
import * as bulletins from '../modules/bulletins/bulletins.service.js';
import { rngFor } from './demo-random.js';

/*
 * The bulletins of the demo (visibly fictional): three series — the performance office's ten-day
 * bulletin, the supervision office's 督查通报 and a 专项通报 —, three ten-day bulletins and one
 * 督查通报 of 2021 issued and signed for by most units, and the draft of 2021年11月下旬. Everything goes
 * through the service (figures, approval, numbering, delivery, audit); the days are then set to the
 * ones the story gives them.
 */

const SUPERVISION_OFFICE = '衡阳市人民政府督查室';
const COPY_TO = ['市委办公室', '市人大常委会办公室', '市政府办公室', '市政协办公室'];
const ADDRESSEES = '各县市区人民政府，各园区管委会，市直各单位';
const DAY = 86_400_000;

async function principal(db: Database, username: string): Promise<Principal> {
  const [u] = await db.query<{ id: number; display_name: string; role: Principal['role']; unit_id: number | null }>('select id, display_name, role, unit_id from users where username = $1', [username]);
  return { via: 'session', userId: u!.id, username, displayName: u!.display_name, role: u!.role, unitId: u!.unit_id };
}

export async function seedBulletinsDemo(db: Database): Promise<{ series: number; issued: number; drafts: number }> {
  const ctx = { actorId: null, actorName: 'system' };
  const locale = { lang: 'zh' as const, zone: new TimeZone('Asia/Shanghai') };
  const office = await principal(db, 'office');
  const officeHead = await principal(db, 'office-head');
  const supervisor = await principal(db, 'supervisor');
  const leader = await principal(db, 'leader');
  const allUnits = await repo.findActiveUnitIds(db);
  const counties = (await db.query<{ id: number }>(`select id from units where kind in ('county', 'district', 'park') order by code`)).map((r) => r.id);

  const series = {
    tenDay: await repo.insertSeries(db, {
      code: 'performance-ten-day', name: '绩效工作旬通报', kind: 'ten_day', number_prefix: '衡绩办通', issuer: PERFORMANCE_OFFICE, office_role: 'office',
      recipients: allUnits, addressee_text: ADDRESSEES, copy_to: COPY_TO, signer_id: officeHead.userId, sections: [...BULLETIN_SECTIONS],
    }),
    supervision: await repo.insertSeries(db, {
      code: 'supervision', name: '督查通报', kind: 'supervision', number_prefix: '衡督通', issuer: SUPERVISION_OFFICE, office_role: 'supervisor',
      recipients: counties, addressee_text: '各县市区人民政府，各园区管委会', copy_to: COPY_TO, signer_id: leader.userId, sections: ['overview', 'tasks', 'ledger', 'inspections', 'requirements'],
    }),
    special: await repo.insertSeries(db, {
      code: 'special', name: '专项通报', kind: 'special', number_prefix: '衡绩办专', issuer: PERFORMANCE_OFFICE, office_role: 'office',
      recipients: allUnits, addressee_text: ADDRESSEES, copy_to: COPY_TO, signer_id: officeHead.userId, sections: ['overview', 'rankings', 'requirements'],
    }),
  };

  const rng = rngFor(2021, 'bulletins');
  /** Built, approved and issued through the service; then dated as the story has it and signed for by most units. */
  const issue = async (seriesId: number, asOf: string, drafter: Principal, signer: Principal, label?: string) => {
    const b = (await bulletins.createBulletin(db, drafter, { seriesId, asOf, ...(label ? { periodLabel: label } : {}) }, ctx, locale))!;
    await bulletins.approveBulletin(db, signer, b.id, ctx);
    await bulletins.issueBulletin(db, drafter, b.id, ctx, locale);
    const issuedAt = new Date(Date.parse(`${asOf}T09:30:00+08:00`) + 2 * DAY);
    await db.query(
      `update bulletins set created_at = $2::timestamptz - interval '1 day', approved_at = $2::timestamptz - interval '2 hours', issued_at = $2, issue_date = ($2::timestamptz at time zone 'Asia/Shanghai')::date where id = $1`,
      [b.id, issuedAt],
    );
    await db.query('update bulletin_receipts set delivered_at = $2 where bulletin_id = $1', [b.id, issuedAt]);
    // Most units sign within two days; a few have not signed yet.
    const receipts = await db.query<{ unit_id: number }>('select unit_id from bulletin_receipts where bulletin_id = $1 order by unit_id', [b.id]);
    for (const r of receipts) {
      if (rng.chance(0.08)) continue;
      const [head] = await db.query<{ id: number }>(`select id from users where unit_id = $1 and role = 'head'`, [r.unit_id]);
      await db.query('update bulletin_receipts set signed_at = $3, signed_by = $4 where bulletin_id = $1 and unit_id = $2', [b.id, r.unit_id, new Date(issuedAt.getTime() + Math.round(rng.next() * 2 * DAY)), head?.id ?? null]);
    }
    // The messages the issue queued belong to 2021: they were delivered then.
    await db.query(`update reminder_jobs set status = 'sent', sent_at = $2, due_at = $2, due_date = ($2::timestamptz at time zone 'Asia/Shanghai')::date where bulletin_id = $1`, [b.id, issuedAt]);
    await db.query('update inbox_items set created_at = $2, read_at = $2 where bulletin_id = $1', [b.id, issuedAt]);
    return b.id;
  };

  let issued = 0;
  for (const asOf of ['2021-10-20', '2021-10-31', '2021-11-10']) {
    await issue(series.tenDay, asOf, office, officeHead);
    issued++;
  }
  await issue(series.supervision, '2021-06-30', supervisor, leader, '2021年上半年暗访');
  issued++;
  // The draft the office is working on: the last 旬 of November.
  await bulletins.createBulletin(db, office, { seriesId: series.tenDay, asOf: '2021-11-30' }, ctx, locale);
  return { series: 3, issued, drafts: 1 };
}
