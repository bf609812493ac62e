import { MEETING_KIND_LABELS } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { clip, type Drafted } from '../tasks/task-from-draft.js';
import { findComment } from './meetings.repository.js';

/** The task a meeting's comment or commitment makes: the unit it was said to, from the meeting's day. */
export async function draftFromComment(db: Queryable, commentId: number): Promise<Drafted> {
  const c = await findComment(db, commentId);
  if (!c) throw notFound('点评意见 / Comment');
  const kind = MEETING_KIND_LABELS[c.meeting_kind].zh;
  const said = c.kind === 'comment' ? `${c.speaker}点评意见` : `${c.unit_name}表态承诺（${c.speaker}）`;
  return {
    title: clip(`${c.unit_name}：${c.body.trim()}`, 200),
    description: `${c.meeting_title}（${kind}，${c.held_on}）${said}：${c.body.trim()}`,
    source: 'meeting',
    originRef: clip(`${c.meeting_title}（${c.held_on}）`, 200),
    leadUnitId: c.unit_id,
    ...(c.leader_user_id !== null ? { responsibleLeaderUserId: c.leader_user_id } : { responsibleLeader: c.speaker }),
    from: c.held_on,
  };
}
