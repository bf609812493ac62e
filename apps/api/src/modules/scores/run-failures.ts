import { dataProblemSchema, type DataProblem, type RunFailure } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import type { AppError } from '../../errors.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { notifyRoles } from '../reminders/reminders.repository.js';
import { problemLine } from '../reporting/entry-checks.js';
import { findOpenFailure, insertRunFailure } from './scores.repository.js';

/*
 * A scheduled run that cannot score stores nothing; the office must still learn of it. The failure
 * is kept once per scheme and day (the scheduler tries again every tick until the data is fixed),
 * the office gets one inbox message naming each input, and the run list shows it until a run is
 * stored again.
 */

const SHOWN = 50;

/** The problems of an error: its listed inputs, or the error itself as one line. */
function problemsOf(err: AppError): DataProblem[] {
  const listed = dataProblemSchema.array().safeParse(err.details);
  if (listed.success && listed.data.length) return listed.data;
  return [{ unitCode: '', unitName: '', indicatorCode: '', indicatorName: '', period: '', value: '', reason: err.message }];
}

/** Keeps a scheduled run's failure and tells the office (once per scheme and day), audited; true when it was new. Call it in a transaction. */
export async function reportRunFailure(db: Queryable, scheme: { id: number; name: string }, asOf: string, err: AppError, ctx: AuditContext): Promise<boolean> {
  const problems = problemsOf(err);
  const fresh = await insertRunFailure(db, { schemeId: scheme.id, asOf, trigger: 'schedule', problems });
  if (!fresh) return false;
  await recordAudit(db, ctx, { action: 'score.run_failed', entity: 'scheme', entityId: scheme.id, after: { asOf, trigger: 'schedule', problems: problems.length, code: err.code } });
  const lines = problems.slice(0, 20).map((p) => (p.unitCode ? `- ${problemLine(p)}` : `- ${p.reason}`));
  await notifyRoles(db, ['office', 'admin'], {
    kind: 'score_run_failed',
    title: `每日计分未完成：${scheme.name}（截至 ${asOf}）/ the daily score run stopped`,
    body: [
      `有 ${problems.length} 项已审核数据无法计分，本次未生成计分结果：`,
      ...lines,
      ...(problems.length > 20 ? [`… 另有 ${problems.length - 20} 项`] : []),
      '请在“数据审核”中退回进行中期间的数据，或对已关闭期间提交更正；修正后系统将在下次检查时重新计分。',
      'Return or correct these values; the run is tried again at the next check.',
    ].join('\n'),
  });
  return true;
}

/** The scheme's latest scheduled failure since its last stored run, for the run list. */
export async function findRunFailure(db: Queryable, schemeId: number): Promise<RunFailure | null> {
  const f = await findOpenFailure(db, schemeId);
  if (!f) return null;
  const problems = dataProblemSchema.array().parse(f.problems);
  return { asOf: f.as_of, trigger: f.trigger, createdAt: new Date(f.created_at).toISOString(), count: problems.length, problems: problems.slice(0, SHOWN) };
}
