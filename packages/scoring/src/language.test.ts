import { describe, expect, it } from 'vitest';
import { renderExplanation } from './explain.js';
import { assignGrades } from './grades.js';
import { scoreIndicator } from './indicator.js';
import { explanationLang, inLanguage } from './language.js';
import { scoreRankGroup } from './methods/rank.js';

describe('explanations in the reader\'s language', () => {
  it('are Chinese by default and English when asked, with the same numbers', () => {
    const zh = scoreIndicator({ method: 'ratio', points: 120 }, { actual: 85, target: 100 });
    const en = inLanguage('en', () => scoreIndicator({ method: 'ratio', points: 120 }, { actual: 85, target: 100 }));
    expect(en.points).toBe(zh.points);
    expect(renderExplanation(zh.explanation)).toBe(
      ['完成率计分：P × min(实际/目标, 上限)', '输入：P = 120，actual = 85，target = 100，cap = 1，direction = 越高越好', '  完成率 = 85/100 = 85%', '  120 × min(85/100, 1.0) = 102', '结果：102'].join('\n'),
    );
    expect(inLanguage('en', () => renderExplanation(en.explanation))).toBe(
      [
        'Completion ratio: P × min(actual/target, cap)',
        'Inputs: P = 120, actual = 85, target = 100, cap = 1, direction = higher is better',
        '  completion = 85/100 = 85%',
        '  120 × min(85/100, 1.0) = 102',
        'Result: 102',
      ].join('\n'),
    );
  });

  it('cover every method, the 时序进度 gap and the grade of a result', () => {
    const progress = inLanguage('en', () => scoreIndicator({ method: 'progress', points: 10 }, { actual: 60, target: 100, elapsed: 8 / 12 }));
    expect(progress.progress!.text).toBe('60% − 66.67% = −6.67 percentage points (behind the schedule)');
    expect(progress.explanation.notes).toEqual(['behind the schedule']);
    const deduct = inLanguage('en', () => scoreIndicator({ method: 'deduct', points: 5, rules: [{ kind: 'criticism', label: 'criticism from above', perEvent: 2 }] }, { penalties: [{ kind: 'criticism', count: 3 }] }));
    expect(deduct.explanation.steps).toEqual(['criticism from above: 3 × 2 = 6', '5 − 6 = -1 → 0']);
    const bonus = inLanguage('en', () => scoreIndicator({ method: 'bonus', cap: 5 }, { bonuses: [{ item: 'Pilot', level: 'nation' }] }));
    expect(bonus.explanation.steps).toEqual(['"Pilot": national +5', '5 = 5']);
    const [first] = inLanguage('en', () => scoreRankGroup({ points: 10 }, [{ unitId: 'a', value: 3 }, { unitId: 'b', value: 1 }]));
    expect(first!.explanation.steps[0]).toBe('rank 1 of 2 units (higher is better)');
    const [graded] = inLanguage('en', () => assignGrades([{ unitId: 'a', total: 950 }], { maxTotal: 1000 }));
    expect(graded!.explanation.steps).toEqual(['rank 1 of 1 unit in the group', 'total 950 / 1000 = 95%, ≥ 90% → 优秀', 'final grade: 优秀']);
    for (const s of [...progress.explanation.steps, progress.explanation.rule, ...deduct.explanation.steps, bonus.explanation.rule]) expect(s).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('hold only for the call, also when it throws', () => {
    expect(() => inLanguage('en', () => scoreIndicator({ method: 'grade', points: 10 }, { grade: '甲' }))).toThrow();
    expect(explanationLang()).toBe('zh');
  });
});
