import { describe, expect, it } from 'vitest';
import { scoreVeto } from './veto.js';

describe('veto 一票否决', () => {
  it('caps the grade at 较差 by default, with every reason, and gives no points of its own', () => {
    const s = scoreVeto({}, { events: [{ reason: '发生重大安全生产责任事故', date: '2021-06-03' }] });
    expect(s.points).toBe(0);
    expect(s.gradeCap).toEqual({ grade: '较差', reasons: ['2021-06-03 发生重大安全生产责任事故'] });
    expect(s.explanation.steps).toEqual(['否决事项：2021-06-03 发生重大安全生产责任事故', '结果等次不高于「较差」，得分不变']);
  });

  it('uses a configured cap and gives none without events', () => {
    expect(scoreVeto({ capGrade: '不达标' }, { events: [{ reason: '信访问题突出' }] }).gradeCap?.grade).toBe('不达标');
    expect(scoreVeto({}, { events: [] }).gradeCap).toBeNull();
  });
});
