import { describe, expect, it } from 'vitest';
import { ScoringError } from './errors.js';
import { fundsInPlaceRate, investmentCompletionRate, paymentRate, projectProgressPoints, startRate } from './projects.js';

describe('project rates', () => {
  it('开工率, 资金到位率 and 投资完成率', () => {
    expect(startRate(18, 24).value).toBe(0.75);
    expect(startRate(18, 24).explanation.steps).toEqual(['18 ÷ 24 = 75%']);
    expect(fundsInPlaceRate(4500, 5000).value).toBe(0.9);
    expect(investmentCompletionRate(32000, 40000).value).toBe(0.8);
  });

  it('资金支付率 divides by completed investment by default, or by the configured amount', () => {
    const amounts = { paid: 3000, completedInvestment: 4000, allocated: 5000, audited: 3750 };
    expect(paymentRate(amounts).value).toBe(0.75);
    expect(paymentRate(amounts, 'allocated').value).toBe(0.6);
    expect(paymentRate(amounts, 'audited').value).toBe(0.8);
    expect(paymentRate(amounts, 'allocated').explanation.rule).toBe('资金支付率 = 已支付资金 ÷ 下达资金');
    expect(() => paymentRate({ paid: 1 }, 'audited')).toThrow(ScoringError);
  });

  it('gives no rate when the denominator is 0', () => {
    const r = startRate(0, 0);
    expect(r.value).toBeNull();
    expect(r.explanation.notes).toEqual(['计划开工项目数为 0，比率不适用']);
  });

  it("Yan'an 2017: progress points = 60 × completed ÷ annual plan", () => {
    const s = projectProgressPoints(4, 5);
    expect(s.points).toBe(48);
    expect(s.explanation.rule).toBe('项目进度得分 = 60 × 本年完成投资 ÷ 年度计划投资（完成率不超过 100%）');
    expect(s.explanation.steps).toEqual(['完成率 = 4/5 = 80%', '60 × min(4/5, 1.0) = 48']);
    expect(projectProgressPoints(6, 5).points).toBe(60);
  });
});
