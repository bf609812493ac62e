import type { ProjectCategory } from '@kaoping/shared';
import type { Database } from '../db/database.js';
import { insertProject, upsertReport } from '../modules/projects/projects.repository.js';
import { monthEnd } from '../modules/projects/rates.js';
import { Rng, hash32 } from './demo-random.js';

/*
 * Demo major projects (重大项目) of 2021: about thirty fictional projects — visibly so, every name
 * ends in （演示） — over the counties, districts and two parks, each with monthly reports from
 * January to November. Each project keeps its own pace against the plan, so some keep up with
 * 时序进度 and some fall behind; a few planned to start have not, and two have not reported November.
 */

const UNITS: { code: string; leader: string }[] = [
  { code: '430421', leader: '副县长' },
  { code: '430422', leader: '副县长' },
  { code: '430423', leader: '副县长' },
  { code: '430424', leader: '副县长' },
  { code: '430426', leader: '副县长' },
  { code: '430481', leader: '副市长' },
  { code: '430482', leader: '副市长' },
  { code: '430405', leader: '副区长' },
  { code: '430406', leader: '副区长' },
  { code: '430407', leader: '副区长' },
  { code: '430408', leader: '副区长' },
  { code: 'YQ01', leader: '管委会副主任' },
  { code: 'YQ02', leader: '管委会副主任' },
];

const KINDS: { name: string; category: ProjectCategory }[] = [
  { name: '产业园标准厂房', category: 'key' },
  { name: '城乡供水一体化', category: 'special_bond' },
  { name: '污水管网改造', category: 'central_budget' },
  { name: '农村公路提质改造', category: 'central_budget' },
  { name: '智慧物流园', category: 'key' },
  { name: '老旧小区改造', category: 'special_bond' },
  { name: '职业教育实训基地', category: 'central_budget' },
  { name: '人民医院综合楼', category: 'special_bond' },
  { name: '新能源储能电站', category: 'key' },
  { name: '文旅综合体', category: 'key' },
];

const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈', '褚', '卫', '蒋', '沈'];
const YEAR = 2021;
const LAST_MONTH = 11;
const round = (x: number) => Math.round(x * 100) / 100;
const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;

/** Loads the demo projects and their reports, unless projects already exist. */
export async function seedProjectsDemo(db: Database): Promise<{ projects: number; reports: number }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ n: number }>('select count(*)::int as n from projects');
    if ((existing?.n ?? 0) > 0) return { projects: 0, reports: 0 };
    const units = new Map(
      (await tx.query<{ id: number; code: string; label: string }>('select id, code, coalesce(short_name, name) as label from units')).map((u) => [u.code, u]),
    );
    let n = 0;
    let reports = 0;
    for (const [ui, unit] of UNITS.entries()) {
      const found = units.get(unit.code);
      if (!found) continue;
      const { id: unitId, label } = found;
      const count = ui % 3 === 0 ? 3 : 2;
      for (let k = 0; k < count; k++) {
        n++;
        const rng = new Rng(hash32('project', unit.code, k));
        const kind = KINDS[(ui * 3 + k) % KINDS.length]!;
        const annualPlan = round(2000 + rng.next() * 18000);
        const plannedMonth = 1 + Math.floor(rng.next() * 8);
        const code = `DEMO-${YEAR}-${String(n).padStart(3, '0')}`;
        const fundsAllocated = round(annualPlan * (0.4 + rng.next() * 0.4));
        const id = await insertProject(tx, {
          code,
          name: `${label}${kind.name}项目（演示）`,
          category: kind.category,
          year: YEAR,
          unitId,
          responsibleLeader: `${SURNAMES[(ui + k) % SURNAMES.length]}${unit.leader}（演示）`,
          plannedStart: `${month(plannedMonth)}-${String(1 + Math.floor(rng.next() * 20)).padStart(2, '0')}`,
          annualPlan,
          totalInvestment: round(annualPlan * (2 + rng.next() * 4)),
          fundsAllocated,
        });
        // Every third project falls behind: its investment, funds and payments are slower than the plan.
        const slow = n % 3 === 0;
        const pace = slow ? 0.45 + rng.next() * 0.35 : 1 + rng.next() * 0.25;
        const fundsPace = slow ? 0.7 + rng.next() * 0.2 : 1 + rng.next() * 0.3;
        const payShare = slow ? 0.6 + rng.next() * 0.25 : 0.93 + rng.next() * 0.07;
        // Two of the slow projects, due to start, have not started at all.
        const neverStarted = n === 6 || n === 21;
        const startMonth = Math.min(LAST_MONTH, plannedMonth + (pace < 0.8 ? 1 : 0));
        const startedOn = `${month(startMonth)}-${String(5 + Math.floor(rng.next() * 20)).padStart(2, '0')}`;
        // Two projects have not reported November yet.
        const lastMonth = n === 4 || n === 17 ? LAST_MONTH - 1 : LAST_MONTH;
        let completed = 0;
        for (let m = 1; m <= lastMonth; m++) {
          const started = !neverStarted && monthEnd(month(m)) >= startedOn;
          const target = started ? Math.min(annualPlan * 1.08, (annualPlan * m * pace) / 12) : 0;
          completed = round(Math.max(completed, target * (0.97 + rng.next() * 0.06)));
          const inPlace = fundsAllocated * Math.min(1, (m * fundsPace) / 12) * (0.98 + rng.next() * 0.04);
          await upsertReport(
            tx,
            id,
            month(m),
            {
              completedInvestment: completed,
              fundsInPlace: round(Math.min(fundsAllocated, inPlace)),
              fundsPaid: round(completed * payShare),
              auditedAmount: null,
              started,
              startedOn: started ? startedOn : null,
              note: null,
            },
            { id: null, name: `${label}填报员（演示）` },
          );
          reports++;
        }
      }
    }
    return { projects: n, reports };
  });
}
