import type { Role } from '@kaoping/shared';
import type { Database } from '../db/database.js';
import { hashPassword } from '../lib/passwords.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { DEMO_GROUPS, demoUnits } from './hengyang-units.js';
import { seedAssessmentDemo } from './seed-assessment.js';
import { seedBulletinsDemo } from './seed-bulletins.js';
import { seedProjectsDemo } from './seed-projects.js';
import { seedPublicEvaluationDemo } from './seed-public-evaluation.js';
import { seedSupervisionDemo } from './seed-supervision.js';

export const DEMO_PASSWORD = 'kaoping-demo';

export const DEMO_CITY_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: '系统管理员（演示）', role: 'admin' },
  { username: 'office', displayName: '市绩效办 王演示', role: 'office' },
  // Signs the performance office's bulletins (签发人).
  { username: 'office-head', displayName: '市绩效办主任 赵演示', role: 'office' },
  { username: 'supervisor', displayName: '市督查室 李演示', role: 'supervisor' },
  { username: 'leader', displayName: '刘副市长（演示）', role: 'leader' },
];

export interface SeedResult {
  seeded: boolean;
  units: number;
  users: number;
}

/**
 * Loads the Hengyang demo (groups, 97 units, demo accounts and, unless told otherwise, the 2021
 * assessment with a year of data and the public evaluations of 2021 and 2022) into an empty
 * database; does nothing otherwise.
 */
export async function seedDemo(db: Database, opts: { assessment?: boolean; publicEvaluation?: boolean; supervision?: boolean; respondents?: number } = {}): Promise<SeedResult> {
  const res = await seedUnitsAndUsers(db);
  if (!res.seeded) return res;
  if (opts.assessment !== false) await seedAssessmentDemo(db);
  if (opts.assessment !== false) await seedProjectsDemo(db);
  // The public evaluation feeds the assessment, so it comes with it unless asked for on its own.
  if (opts.publicEvaluation ?? opts.assessment !== false) await seedPublicEvaluationDemo(db, { respondents: opts.respondents });
  if (opts.supervision ?? opts.assessment !== false) await seedSupervisionDemo(db);
  // Bulletins are built from all of the above.
  if (opts.assessment !== false && (opts.supervision ?? true)) await seedBulletinsDemo(db);
  return res;
}

async function seedUnitsAndUsers(db: Database): Promise<SeedResult> {
  // Demo accounts share one public password, so one hash serves them all and seeding stays fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ n: number }>('select count(*)::int as n from units');
    if ((existing?.n ?? 0) > 0) return { seeded: false, units: existing?.n ?? 0, users: 0 };
    const groupIds = new Map<string, number>();
    for (const [i, g] of DEMO_GROUPS.entries()) {
      const [row] = await tx.query<{ id: number }>(
        'insert into unit_groups (code, name, name_en, kind, sort_order) values ($1, $2, $3, $4, $5) returning id',
        [g.code, g.name, g.nameEn, g.kind, (i + 1) * 10],
      );
      groupIds.set(g.code, row!.id);
    }
    const units = demoUnits();
    let users = 0;
    for (const u of DEMO_CITY_USERS) {
      await tx.query('insert into users (username, display_name, role, password_hash) values ($1, $2, $3, $4) on conflict do nothing', [
        u.username, u.displayName, u.role, passwordHash,
      ]);
      users++;
    }
    for (const u of units) {
      const [row] = await tx.query<{ id: number }>(
        'insert into units (code, name, short_name, kind, group_id, adcode) values ($1, $2, $3, $4, $5, $6) returning id',
        [u.code, u.name, u.shortName, u.kind, groupIds.get(u.groupCode), u.adcode],
      );
      const label = u.shortName ?? u.name;
      await tx.query(
        `insert into users (username, display_name, role, unit_id, password_hash) values
           ($1, $2, 'reporter', $5, $6), ($3, $4, 'head', $5, $6)`,
        [`${u.code}-reporter`, `${label} 填报员（演示）`, `${u.code}-head`, `${label} 负责人（演示）`, row!.id, passwordHash],
      );
      users += 2;
    }
    await recordAudit(tx, { actorId: null, actorName: 'system' }, {
      action: 'seed.demo',
      entity: 'system',
      after: { groups: DEMO_GROUPS.length, units: units.length, users },
    });
    return { seeded: true, units: units.length, users };
  });
}

/** The lines printed at start-up so a new user knows how to sign in. */
export function demoLoginHelp(url: string): string {
  return [
    `Kaoping 考评 is running at ${url}`,
    `Demo accounts (password "${DEMO_PASSWORD}"):`,
    ...DEMO_CITY_USERS.map((u) => `  ${u.username.padEnd(12)} ${u.displayName}`),
    '  <unit code>-reporter / <unit code>-head, e.g. 430421-reporter (衡阳县填报员), ZH01-head (市发展和改革委员会负责人)',
  ].join('\n');
}
