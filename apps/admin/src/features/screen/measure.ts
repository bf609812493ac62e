import type { ScreenData, ScreenMeasure } from '@kaoping/shared';

type ScreenUnit = ScreenData['units'][number];

/** A unit's value of a measure; null when it has none (no score yet). */
export function measureValue(u: ScreenUnit, m: ScreenMeasure): number | null {
  switch (m) {
    case 'total':
      return u.total;
    case 'rank':
      return u.rank;
    case 'red':
      return u.red;
    case 'lagging':
      return u.laggingProjects;
  }
}

/** Whether a higher value is better (a higher score) or worse (a worse rank, more red items). */
export const higherIsBetter = (m: ScreenMeasure): boolean => m === 'total';

const GOOD = [34, 197, 94];
const MID = [234, 179, 8];
const BAD = [220, 38, 38];
export const NO_VALUE_COLOR = '#334155';

const mix = (a: number[], b: number[], t: number) => `rgb(${a.map((x, i) => Math.round(x + (b[i]! - x) * t)).join(',')})`;

/** Colours a value within [min, max]: green is good, red is bad, whichever way the measure runs. */
export function colorScale(values: (number | null)[], m: ScreenMeasure): { color: (v: number | null) => string; min: number; max: number } {
  const present = values.filter((v): v is number => v !== null);
  const min = present.length ? Math.min(...present) : 0;
  const max = present.length ? Math.max(...present) : 0;
  const color = (v: number | null) => {
    if (v === null) return NO_VALUE_COLOR;
    let t = max === min ? 0.5 : (v - min) / (max - min);
    if (!higherIsBetter(m)) t = 1 - t;
    // For counts, none at all is plainly good.
    if (!higherIsBetter(m) && m !== 'rank' && v === 0) t = 1;
    return t < 0.5 ? mix(BAD, MID, t * 2) : mix(MID, GOOD, (t - 0.5) * 2);
  };
  return { color, min, max };
}

export const legendGradient = (m: ScreenMeasure): string => {
  const ends = [mix(BAD, BAD, 0), mix(MID, MID, 0), mix(GOOD, GOOD, 0)];
  return `linear-gradient(90deg, ${(higherIsBetter(m) ? ends : ends.reverse()).join(', ')})`;
};
