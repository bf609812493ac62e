import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW, TASK_ACTIONS, TASK_STATUSES, availableActions, checkStep, type Actor, type TaskAction, type TaskStatus } from './flow.js';

const parties = { leadUnitId: 1, coUnitIds: [2] };
const A: Record<string, Actor> = {
  supervisor: { role: 'supervisor', unitId: null },
  leader: { role: 'leader', unitId: null },
  office: { role: 'office', unitId: null },
  leadHead: { role: 'head', unitId: 1 },
  leadReporter: { role: 'reporter', unitId: 1 },
  coHead: { role: 'head', unitId: 2 },
  otherHead: { role: 'head', unitId: 3 },
};

/** The declared table: in each status, which actors may take which action (everything else is refused). */
const ALLOWED: Partial<Record<TaskStatus, Partial<Record<TaskAction, string[]>>>> = {
  draft: { submit: ['supervisor'] },
  review: { approve: ['leader'], reject: ['leader'] },
  issued: { sign: ['leadHead', 'leadReporter'] },
  in_progress: { report: ['leadHead', 'leadReporter', 'coHead'], feedback: ['leadHead'] },
  feedback: { accept: ['supervisor'], return: ['supervisor'] },
  closed: { reopen: ['supervisor'] },
};

describe('the task flow', () => {
  for (const status of TASK_STATUSES) {
    for (const action of TASK_ACTIONS) {
      for (const [name, actor] of Object.entries(A)) {
        const allowed = ALLOWED[status]?.[action]?.includes(name) ?? false;
        it(`${status} · ${action} · ${name}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const r = checkStep(status, action, actor, parties, DEFAULT_FLOW, '原因');
          expect(r.ok).toBe(allowed);
          if (!r.ok) expect(r.message).toMatch(/不能|无权/);
        });
      }
    }
  }

  it('runs 立项 → 领导审核 → 下发 → 签收 → 办理 → 反馈 → 复核 → 办结销号', () => {
    const path: [TaskAction, Actor, TaskStatus][] = [
      ['submit', A.supervisor!, 'review'],
      ['approve', A.leader!, 'issued'],
      ['sign', A.leadReporter!, 'in_progress'],
      ['report', A.leadReporter!, 'in_progress'],
      ['feedback', A.leadHead!, 'feedback'],
      ['return', A.supervisor!, 'in_progress'],
      ['feedback', A.leadHead!, 'feedback'],
      ['accept', A.supervisor!, 'closed'],
      ['reopen', A.supervisor!, 'in_progress'],
    ];
    let status: TaskStatus = 'draft';
    for (const [action, actor, to] of path) {
      const r = checkStep(status, action, actor, parties, DEFAULT_FLOW, '原因');
      expect(r, `${status} ${action}`).toEqual({ ok: true, to });
      status = to;
    }
  });

  it('skips the leader review and the signing when they are switched off', () => {
    expect(checkStep('draft', 'submit', A.supervisor!, parties, { leaderReview: false, signFor: true }, undefined)).toEqual({ ok: true, to: 'issued' });
    expect(checkStep('draft', 'submit', A.supervisor!, parties, { leaderReview: false, signFor: false }, undefined)).toEqual({ ok: true, to: 'in_progress' });
    expect(checkStep('review', 'approve', A.leader!, parties, { leaderReview: true, signFor: false }, undefined)).toEqual({ ok: true, to: 'in_progress' });
  });

  it('asks a reason to return, reject or reopen', () => {
    expect(checkStep('feedback', 'return', A.supervisor!, parties, DEFAULT_FLOW, '  ')).toMatchObject({ ok: false, why: 'reason' });
    expect(checkStep('closed', 'reopen', A.supervisor!, parties, DEFAULT_FLOW)).toMatchObject({ ok: false, why: 'reason' });
  });

  it('offers each actor only the buttons it may press', () => {
    expect(availableActions('in_progress', A.leadHead!, parties, DEFAULT_FLOW)).toEqual(['report', 'feedback']);
    expect(availableActions('in_progress', A.coHead!, parties, DEFAULT_FLOW)).toEqual(['report']);
    expect(availableActions('in_progress', A.otherHead!, parties, DEFAULT_FLOW)).toEqual([]);
  });
});
