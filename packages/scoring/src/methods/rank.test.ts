import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { competitionRanks, rankPoints, scoreRank, scoreRankGroup } from './rank.js';

describe('rank 排名计分', () => {
  it('ties share the best rank: 1, 2, 2, 4', () => {
    expect(competitionRanks([95, 90, 90, 80])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([80, 90, 95, 90])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([3, 1, 1, 2], 'lower')).toEqual([4, 1, 1, 3]);
    expect(competitionRanks([0.1 + 0.2, 0.3, null])).toEqual([1, 1, null]);
  });

  it('scores P × (1 − (1 − floor) × (r − 1)/(n − 1))', () => {
    const s = rankPoints(120, 2, 5);
    expect(s.points).toBeCloseTo(108, 10);
    expect(s.explanation.steps).toEqual(['120 × (1 − (1 − 0.6) × (2 − 1)/(5 − 1)) = 108']);
    expect(rankPoints(120, 1, 5).points).toBe(120);
    expect(rankPoints(120, 5, 5).points).toBe(72);
    expect(rankPoints(100, 4, 4, 0.5).points).toBe(50);
  });

  it('gives P when only one unit is ranked', () => {
    const s = rankPoints(50, 1, 1);
    expect(s.points).toBe(50);
    expect(s.explanation.steps).toEqual(['仅 1 个单位参评，得满分 50']);
  });

  it('ranks a whole group at once, in input order', () => {
    const results = scoreRankGroup({ points: 100 }, [
      { unitId: '珠晖区', value: 95 },
      { unitId: '雁峰区', value: 90 },
      { unitId: '石鼓区', value: 90 },
      { unitId: '蒸湘区', value: 80 },
      { unitId: '南岳区', value: null },
    ]);
    expect(results.map((r) => [r.unitId, r.rank, r.n])).toEqual([
      ['珠晖区', 1, 4],
      ['雁峰区', 2, 4],
      ['石鼓区', 2, 4],
      ['蒸湘区', 4, 4],
      ['南岳区', null, 4],
    ]);
    expect(results.map((r) => r.points)).toEqual([100, 100 * (1 - 0.4 / 3), 100 * (1 - 0.4 / 3), 60, 0]);
    expect(results[1]?.explanation.steps[0]).toBe('在 4 个单位中排第 2 名（2 个单位并列）（越高越好）');
    expect(results[4]?.missing).toEqual(['actual']);
  });

  it('scores one unit against its group', () => {
    expect(scoreRank({ points: 100, direction: 'lower' }, { actual: 2, groupValues: [5, 2, 3] }).points).toBe(100);
    expect(scoreRank({ points: 100 }, { actual: 2, groupValues: [5, 2, 3] }).points).toBeCloseTo(60, 10);
    expect(() => scoreRank({ points: 100 }, { actual: 7, groupValues: [5, 2, 3] })).toThrow(ScoringError);
    expect(scoreRank({ points: 100 }, { actual: null, groupValues: [5, null] }).points).toBe(0);
  });

  it('never rises as the rank falls, and lies in [floor × P, P]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (P, n, floor, seed) => {
          const r = (seed % n) + 1;
          const here = rankPoints(P, r, n, floor).points;
          expect(here).toBeLessThanOrEqual(P);
          expect(here).toBeGreaterThanOrEqual(P * floor - 1e-9);
          if (r < n) expect(rankPoints(P, r + 1, n, floor).points).toBeLessThanOrEqual(here);
        },
      ),
    );
  });

  it('a better value never gets a worse rank or fewer points in its group', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null }), { minLength: 1, maxLength: 30 }), (values) => {
        const results = scoreRankGroup(
          { points: 10 },
          values.map((value, i) => ({ unitId: String(i), value })),
        );
        results.forEach((a, i) => {
          results.forEach((b, j) => {
            const va = values[i];
            const vb = values[j];
            if (va != null && vb != null && va > vb) {
              expect(a.rank ?? 0).toBeLessThan(b.rank ?? 0);
              expect(a.points).toBeGreaterThanOrEqual(b.points);
            }
          });
        });
      }),
    );
  });
});
