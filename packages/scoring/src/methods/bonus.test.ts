import { describe, expect, it } from 'vitest';
import { ScoringError } from '../errors.js';
import { scoreBonus } from './bonus.js';

describe('bonus 加分', () => {
  it('counts the same item once, at its highest level (city +1, province +3, nation +5)', () => {
    const s = scoreBonus(
      { cap: 10 },
      {
        events: [
          { item: '全国文明城市创建', level: 'city' },
          { item: '全国文明城市创建', level: 'nation' },
          { item: '全国文明城市创建', level: 'province' },
          { item: '营商环境改革试点', level: 'province' },
        ],
      },
    );
    expect(s.points).toBe(8);
    expect(s.explanation.steps).toEqual([
      '「全国文明城市创建」：市级 +1、国家级 +5、省级 +3 → 按最高 国家级 +5 计一次',
      '「营商环境改革试点」：省级 +3',
      '5 + 3 = 8',
    ]);
  });

  it('is capped', () => {
    const s = scoreBonus(
      { cap: 5 },
      { events: [{ item: 'A', level: 'nation' }, { item: 'B', level: 'province' }, { item: 'C', level: 'city' }] },
    );
    expect(s.points).toBe(5);
    expect(s.explanation.steps.at(-1)).toBe('5 + 3 + 1 = 9，超过上限 5 → 5');
    expect(s.explanation.notes).toContain('加分合计 9 超过上限 5，按上限计');
  });

  it('takes explicit points and scores 0 with no events', () => {
    expect(scoreBonus({ cap: 5 }, { events: [{ item: '专项表彰', points: 0.5 }] }).points).toBe(0.5);
    expect(scoreBonus({ cap: 5 }, { events: [] }).points).toBe(0);
  });

  it('rejects unknown levels and events without level or points', () => {
    expect(() => scoreBonus({ cap: 5 }, { events: [{ item: 'A', level: 'county' }] })).toThrow(ScoringError);
    expect(() => scoreBonus({ cap: 5 }, { events: [{ item: 'A' }] })).toThrow(ScoringError);
    expect(() => scoreBonus({ cap: -1 }, { events: [] })).toThrow(ScoringError);
  });
});
