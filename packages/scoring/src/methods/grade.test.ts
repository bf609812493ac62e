import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { DEFAULT_GRADE_SHARES, scoreGrade } from './grade.js';

describe('grade 定性评价', () => {
  it('gives the grade share of P: 优 1.0, 良 0.85, 中 0.7, 差 0.5', () => {
    expect(Object.keys(DEFAULT_GRADE_SHARES).map((g) => scoreGrade({ points: 20 }, { grade: g }).points)).toEqual([20, 17, 14, 10]);
    const s = scoreGrade({ points: 20 }, { grade: '良' });
    expect(s.explanation.steps).toEqual(['评价「良」：20 × 0.85 = 17']);
    expect(s.explanation.rule).toBe('定性评价：P × 等次系数（优 1、良 0.85、中 0.7、差 0.5）');
  });

  it('takes a configured scale', () => {
    expect(scoreGrade({ points: 10, shares: { 好: 1, 较好: 0.9, 一般: 0.6 } }, { grade: '较好' }).points).toBe(9);
  });

  it('rejects unknown grades and scores a missing one 0', () => {
    expect(() => scoreGrade({ points: 10 }, { grade: '极好' })).toThrow(ScoringError);
    expect(() => scoreGrade({ points: 10 }, { grade: 'toString' })).toThrow(ScoringError);
    expect(scoreGrade({ points: 10 }, { grade: null })).toMatchObject({ points: 0, missing: ['grade'] });
    expect(() => scoreGrade({ points: 10, shares: { 优: 1.5 } }, { grade: '优' })).toThrow(ScoringError);
  });
});
