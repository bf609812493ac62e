import { describe, expect, it } from 'vitest';
import { ScoringError } from './errors.js';
import { answerFromStars, countAnswers, satisfactionPoints, satisfactionRate, SHANDONG_2008_WEIGHTS } from './satisfaction.js';

const counts = { satisfied: 600, basicallySatisfied: 300, dissatisfied: 100, unaware: 50 };

describe('satisfaction', () => {
  it('is Σ(nᵢ × wᵢ)/Σnᵢ without 不了解, default weights 100/60/0', () => {
    const r = satisfactionRate(counts);
    expect(r.satisfaction).toBe(78);
    expect(r.counted).toBe(1000);
    expect(r.explanation.steps).toEqual(['(600 × 100 + 300 × 60 + 100 × 0) ÷ (600 + 300 + 100) = 78000 ÷ 1000 = 78%']);
    expect(r.explanation.notes).toEqual(['「不了解」50 份不计入']);
  });

  it('Shandong 2008 weights 100/75/55 give 88%, and 150 points × 88% = 132', () => {
    expect(satisfactionRate(counts, SHANDONG_2008_WEIGHTS).satisfaction).toBe(88);
    const s = satisfactionPoints(150, counts, SHANDONG_2008_WEIGHTS);
    expect(s.points).toBeCloseTo(132, 10);
    expect(s.explanation.steps).toEqual([
      '(600 × 100 + 300 × 75 + 100 × 55) ÷ (600 + 300 + 100) = 88000 ÷ 1000 = 88%',
      '88% × 150 = 132',
    ]);
    expect(s.explanation.rule).toContain('满意 100、基本满意 75、不满意 55');
  });

  it('has no satisfaction without counted answers, and scores that 0', () => {
    expect(satisfactionRate({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unaware: 9 }).satisfaction).toBeNull();
    expect(satisfactionPoints(150, { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 })).toMatchObject({ points: 0, missing: ['answers'] });
  });

  it('maps stars as Wuhan did and counts answers', () => {
    expect([5, 4, 3, 2, 1].map(answerFromStars)).toEqual(['satisfied', 'basicallySatisfied', 'basicallySatisfied', 'dissatisfied', 'dissatisfied']);
    expect(() => answerFromStars(6)).toThrow(ScoringError);
    expect(countAnswers(['satisfied', 'unaware', 'satisfied'])).toEqual({ satisfied: 2, basicallySatisfied: 0, dissatisfied: 0, unaware: 1 });
  });

  it('rejects negative or fractional counts and weights above 100', () => {
    expect(() => satisfactionRate({ ...counts, satisfied: -1 })).toThrow(ScoringError);
    expect(() => satisfactionRate({ ...counts, satisfied: 1.5 })).toThrow(ScoringError);
    expect(() => satisfactionRate(counts, { satisfied: 120, basicallySatisfied: 60, dissatisfied: 0 })).toThrow(ScoringError);
  });
});
