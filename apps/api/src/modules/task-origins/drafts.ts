import type { TaskFromOrigin } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Principal } from '../../lib/principal.js';
import { findFinding } from '../ledger/inspections.repository.js';
import { draftFromComment } from '../meetings/comment-draft.js';
import { getScorecard } from '../scores/scores.service.js';
import { findSuggestion } from '../suggestions/suggestions.repository.js';
import { clip, invalid, type Drafted } from '../tasks/task-from-draft.js';

/**
 * The draft of a task from any origin: this module knows every module tasks are made from, so that
 * neither the tasks module nor those modules need to know one another.
 */
export async function draftOrigin(db: Database, p: Principal, o: TaskFromOrigin['origin']): Promise<Drafted> {
  switch (o.kind) {
    case 'meeting_comment':
      return draftFromComment(db, o.id);
    case 'ranking':
    case 'progress': {
      const card = await getScorecard(db, p, o.id, o.unitId!, 'zh');
      const u = card.unit;
      const head = `${card.run.asOf} 计分：${u.group}第 ${u.rank} 名（共 ${u.groupSize} 个），总分 ${Math.round(u.total * 100) / 100}，等次 ${u.grade}`;
      if (o.kind === 'ranking') {
        return { title: `${u.name}：提升考评排名（组内第 ${u.rank} 名）`, description: `${u.name} ${head}。`, source: 'key_work', originRef: `计分 ${card.run.id}`, leadUnitId: u.unitId };
      }
      const ind = card.indicators.find((i) => i.indicatorId === o.indicatorId);
      const g = ind?.explanation.progress;
      if (!ind || !g) throw invalid('origin.indicatorId', '该指标不是时序进度指标或不在本次计分中 / not a 时序进度 indicator of this run');
      const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
      return {
        title: clip(`${u.name}：${ind.name}落后于时序进度`, 200),
        description: `${ind.code} ${ind.name}：完成 ${pct(g.completion)}，时序进度 ${pct(g.expected)}，差距 ${Math.round(g.lag * 1000) / 10} 个百分点（${card.run.asOf}）。${head}。`,
        source: 'key_work',
        originRef: `计分 ${card.run.id} · ${ind.code}`,
        leadUnitId: u.unitId,
      };
    }
    case 'finding': {
      const f = await findFinding(db, o.id);
      if (!f) throw notFound('暗访发现的问题 / Finding');
      if (!f.unit_id) throw invalid('origin.id', '该发现未指明责任单位，请先在暗访督查中指定 / the finding names no unit');
      return {
        title: clip(f.title, 200),
        description: `${f.inspected_on} 暗访督查发现${f.place ? `（${f.place}）` : ''}：${f.description || f.title}`,
        source: 'inspection',
        originRef: `暗访 ${f.inspection_id} · 发现 ${f.id}`,
        leadUnitId: f.unit_id,
      };
    }
    case 'suggestion': {
      const s = await findSuggestion(db, o.id);
      if (!s) throw notFound('意见建议 / Suggestion');
      return {
        title: clip(`${s.unit_name}：${s.body.trim()}`, 200),
        description: `群众意见建议（编号 ${s.id}）：${s.body.trim()}`,
        source: 'suggestion',
        originSuggestionId: s.id,
        ...(s.notice_no ? { originRef: s.notice_no } : {}),
        leadUnitId: s.unit_id,
      };
    }
  }
}

