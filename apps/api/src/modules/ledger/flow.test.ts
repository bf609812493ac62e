import { describe, expect, it } from 'vitest';
import { availableActions, checkStep } from './flow.js';

const UNIT = 7;
const head = { role: 'head' as const, unitId: UNIT };
const reporter = { role: 'reporter' as const, unitId: UNIT };
const otherHead = { role: 'head' as const, unitId: 8 };
const supervisor = { role: 'supervisor' as const, unitId: null };
const office = { role: 'office' as const, unitId: null };
const leader = { role: 'leader' as const, unitId: null };

describe('the flow of a problem on the ledger', () => {
  it('lets the unit rectify and its head submit', () => {
    expect(checkStep('open', 'report', reporter, UNIT)).toEqual({ ok: true, to: 'rectifying' });
    expect(checkStep('rectifying', 'report', head, UNIT)).toEqual({ ok: true, to: 'rectifying' });
    expect(checkStep('rectifying', 'submit', head, UNIT)).toEqual({ ok: true, to: 'submitted' });
    expect(checkStep('rectifying', 'submit', reporter, UNIT)).toMatchObject({ ok: false, why: 'role' });
    expect(checkStep('rectifying', 'report', otherHead, UNIT)).toMatchObject({ ok: false, why: 'role' });
    expect(checkStep('open', 'submit', head, UNIT)).toMatchObject({ ok: false, why: 'state' });
  });

  it('closes out (销号), returns and reopens only by the supervision office, with a reason where one is due', () => {
    for (const a of [head, reporter, office, leader]) expect(checkStep('submitted', 'close', a, UNIT)).toMatchObject({ ok: false, why: 'role' });
    expect(checkStep('submitted', 'close', supervisor, UNIT)).toEqual({ ok: true, to: 'closed' });
    expect(checkStep('submitted', 'return', supervisor, UNIT)).toMatchObject({ ok: false, why: 'reason' });
    expect(checkStep('submitted', 'return', supervisor, UNIT, '证据不足')).toEqual({ ok: true, to: 'rectifying' });
    expect(checkStep('closed', 'reopen', supervisor, UNIT, '问题反弹')).toEqual({ ok: true, to: 'rectifying' });
    expect(checkStep('closed', 'reopen', { role: 'admin', unitId: null }, UNIT, '问题反弹')).toEqual({ ok: true, to: 'rectifying' });
    expect(checkStep('rectifying', 'close', supervisor, UNIT)).toMatchObject({ ok: false, why: 'state' });
    expect(checkStep('closed', 'report', head, UNIT)).toMatchObject({ ok: false, why: 'state' });
  });

  it('offers each caller the steps open to them', () => {
    expect(availableActions('rectifying', head, UNIT)).toEqual(['report', 'submit']);
    expect(availableActions('rectifying', reporter, UNIT)).toEqual(['report']);
    expect(availableActions('submitted', supervisor, UNIT)).toEqual(['close', 'return']);
    expect(availableActions('closed', supervisor, UNIT)).toEqual(['reopen']);
    expect(availableActions('submitted', leader, UNIT)).toEqual([]);
  });
});
