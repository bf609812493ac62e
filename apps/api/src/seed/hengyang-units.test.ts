import { describe, expect, it } from 'vitest';
import { DEMO_GROUPS, demoUnits } from './hengyang-units.js';

describe('Hengyang demo units', () => {
  const units = demoUnits();
  it('are 97 with unique codes and names, each in a known group of its kind', () => {
    expect(units).toHaveLength(97);
    expect(new Set(units.map((u) => u.code)).size).toBe(97);
    expect(new Set(units.map((u) => u.name)).size).toBe(97);
    for (const u of units) expect(DEMO_GROUPS.find((g) => g.code === u.groupCode)?.kind).toBe(u.kind);
  });

  it('give the 12 county-level units their GB/T 2260 codes', () => {
    const coded = units.filter((u) => u.adcode);
    expect(coded.map((u) => `${u.adcode} ${u.name}`).sort()).toEqual([
      '430405 珠晖区', '430406 雁峰区', '430407 石鼓区', '430408 蒸湘区', '430412 南岳区',
      '430421 衡阳县', '430422 衡南县', '430423 衡山县', '430424 衡东县', '430426 祁东县',
      '430481 耒阳市', '430482 常宁市',
    ]);
  });
});
