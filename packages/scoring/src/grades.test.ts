import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringError } from './errors.js';
import { assignGrades, capGrade, gradeForTotal, rankByTotal, validateGradeScale, type UnitToGrade } from './grades.js';
import { scoreVeto } from './methods/veto.js';

describe('grade by share of the total', () => {
  it('优秀 ≥ 90%, 良好 ≥ 80%, 一般 ≥ 60%, 较差 below', () => {
    expect([1000, 900, 899.99, 800, 600, 599.9, 0].map((t) => gradeForTotal(t, 1000).grade)).toEqual([
      '优秀', '优秀', '良好', '良好', '一般', '较差', '较差',
    ]);
    expect(gradeForTotal(935.5, 1000).step).toBe('总分 935.5 / 1000 = 93.55%，≥ 90% → 优秀');
    expect(gradeForTotal(55, 100).step).toBe('总分 55 / 100 = 55%，< 60% → 较差');
  });

  it('does not demote a total that only float noise put under a threshold', () => {
    const total = 0.1 * 3 + 0.6; // 0.8999999999999999
    expect(gradeForTotal(total, 1).grade).toBe('优秀');
  });

  it('takes a configured scale and rejects a malformed one', () => {
    const scale = [{ name: '达标', minShare: 0.6 }, { name: '不达标', minShare: 0 }];
    expect(gradeForTotal(59, 100, scale).grade).toBe('不达标');
    expect(validateGradeScale([{ name: 'A', minShare: 0.5 }, { name: 'B', minShare: 0.7 }, { name: 'C', minShare: 0.1 }])).toEqual([
      '等次须从高到低排列：「A」的下限应高于「B」',
      '最低等次「C」的下限应为 0',
    ]);
    expect(() => gradeForTotal(1, 0)).toThrow(ScoringError);
    expect(capGrade('优秀', '较差')).toBe('较差');
    expect(capGrade('一般', '良好')).toBe('一般');
  });
});

describe('rank within a group', () => {
  it('ties share the best rank: 1, 2, 2, 4', () => {
    expect(rankByTotal([
      { unitId: 'a', total: 95 },
      { unitId: 'b', total: 90 },
      { unitId: 'c', total: 90 },
      { unitId: 'd', total: 80 },
    ]).map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });
});

const group = (totals: number[]): UnitToGrade[] => totals.map((total, i) => ({ unitId: `u${i + 1}`, total }));

describe('assignGrades', () => {
  it('keeps 优秀 for the best within a 30% quota and drops the rest one grade', () => {
    const results = assignGrades(group([950, 940, 930, 920, 910, 850, 700, 650, 500, 400]), {
      maxTotal: 1000,
      quotas: [{ grade: '优秀', maxShare: 0.3 }],
    });
    expect(results.map((r) => r.grade)).toEqual(['优秀', '优秀', '优秀', '良好', '良好', '良好', '一般', '一般', '较差', '较差']);
    expect(results[3]).toMatchObject({ baseGrade: '优秀', demotedByQuota: true, rank: 4 });
    expect(results[3]?.explanation.steps).toContain('优秀名额 = floor(30% × 10) = 3 个，共 5 个单位达到；本单位总分 920 在名额外，降为 良好');
  });

  it('resolves a tie at the quota boundary deterministically: all tied drop by default, all keep if configured', () => {
    const totals = [950, 940, 930, 930, 920, 850, 700, 650, 500, 400];
    const drop = assignGrades(group(totals), { maxTotal: 1000, quotas: [{ grade: '优秀', maxShare: 0.3 }] });
    expect(drop.map((r) => r.grade).slice(0, 5)).toEqual(['优秀', '优秀', '良好', '良好', '良好']);
    expect(drop[2]?.explanation.notes).toEqual(['2 个单位并列 930 分处于优秀名额边界：均降一档，名额不超出']);
    expect(drop[2]?.explanation.steps).toContain('优秀名额 = floor(30% × 10) = 3 个，共 5 个单位达到；2 个单位并列 930 分处于名额边界，按规则均降一档，降为 良好');
    const keep = assignGrades(group(totals), { maxTotal: 1000, quotas: [{ grade: '优秀', maxShare: 0.3, ties: 'keep' }] });
    expect(keep.map((r) => r.grade).slice(0, 5)).toEqual(['优秀', '优秀', '优秀', '优秀', '良好']);
    expect(keep[3]?.explanation.notes).toEqual(['2 个单位并列 930 分处于优秀名额边界：均保留，名额因并列超出']);
  });

  it('a veto caps the grade with the score unchanged and the reason shown, outside the quota', () => {
    const veto = scoreVeto({}, { events: [{ reason: '发生较大安全生产责任事故' }] });
    const units = group([980, 950, 940, 930, 500, 500, 500, 500, 500, 500]);
    units[0] = { unitId: 'u1', total: 980, gradeCaps: [veto.gradeCap] };
    const results = assignGrades(units, { maxTotal: 1000, quotas: [{ grade: '优秀', maxShare: 0.3 }] });
    expect(results[0]).toMatchObject({ total: 980, rank: 1, baseGrade: '优秀', grade: '较差', vetoed: true, vetoReasons: ['发生较大安全生产责任事故'] });
    expect(results[0]?.explanation.steps).toContain('一票否决（发生较大安全生产责任事故）：等次不高于「较差」 → 较差');
    expect(results[0]?.explanation.notes).toEqual(['一票否决：发生较大安全生产责任事故（得分不变）']);
    expect(results.slice(1, 4).map((r) => r.grade)).toEqual(['优秀', '优秀', '优秀']);
  });

  it('cascades: units a quota drops count against the next grade’s quota', () => {
    const results = assignGrades(group([95, 94, 93, 92, 85, 84, 70, 60, 50, 40]), {
      maxTotal: 100,
      quotas: [{ grade: '优秀', maxShare: 0.2 }, { grade: '良好', maxShare: 0.3 }],
    });
    expect(results.map((r) => r.grade)).toEqual(['优秀', '优秀', '良好', '良好', '良好', '一般', '一般', '一般', '较差', '较差']);
  });

  it('rejects duplicate units and unknown quota grades', () => {
    expect(() => assignGrades([{ unitId: 'a', total: 1 }, { unitId: 'a', total: 2 }], { maxTotal: 10 })).toThrow(ScoringError);
    expect(() => assignGrades(group([1]), { maxTotal: 10, quotas: [{ grade: '卓越', maxShare: 0.1 }] })).toThrow(ScoringError);
  });

  const totals = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 40 });

  it('never exceeds a quota when ties drop, and does not depend on input order', () => {
    fc.assert(
      fc.property(totals, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (ts, share, seed) => {
        const options = { maxTotal: 100, quotas: [{ grade: '优秀', maxShare: share }] };
        const units = group(ts);
        const results = assignGrades(units, options);
        expect(results.filter((r) => r.grade === '优秀').length).toBeLessThanOrEqual(Math.floor(share * ts.length + 1e-9));
        const shuffled = [...units].sort((a, b) => ((a.total * 7919 + seed) % 101) - ((b.total * 7919 + seed) % 101) || a.unitId.localeCompare(b.unitId));
        const again = new Map(assignGrades(shuffled, options).map((r) => [r.unitId, r.grade]));
        for (const r of results) expect(again.get(r.unitId)).toBe(r.grade);
        // A higher total never ends with a worse grade.
        const order = ['优秀', '良好', '一般', '较差'];
        for (const a of results) for (const b of results) {
          if (a.total > b.total) expect(order.indexOf(a.grade)).toBeLessThanOrEqual(order.indexOf(b.grade));
        }
      }),
    );
  });
});
