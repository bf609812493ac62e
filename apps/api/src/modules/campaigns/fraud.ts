/**
 * Fraud review (DOMAIN.md §3): patterns that suggest one person answering many times. Nothing
 * is dropped here — flags only point the office at responses, with the evidence, and the office
 * decides. Pure: no I/O, so the rules are tested on their own.
 */

export interface ResponseMark {
  id: number;
  /** Submission time, ms since the epoch. */
  at: number;
  startedAt: number | null;
  ipPrefix: string | null;
  device: string | null;
  phonePrefix: string | null;
  vector: string;
  units: number;
}

export type FlagKind = 'address-burst' | 'device-burst' | 'number-range-burst' | 'identical-burst' | 'too-fast';

export interface Flag {
  kind: FlagKind;
  /** What the responses share (masked where it is personal). */
  key: string;
  from: string;
  to: string;
  responseIds: number[];
  evidence: string;
}

export interface FraudRules {
  windowMinutes: number;
  /** A burst is at least this many responses sharing a key within the window. */
  burstMin: Record<'address' | 'device' | 'numberRange' | 'identical', number>;
  /** Faster than this is not humanly possible: seconds per unit answered, and overall. */
  minSecondsPerUnit: number;
  minSeconds: number;
  /** Identical answer vectors only count when they cover at least this many units. */
  identicalMinUnits: number;
}

export const DEFAULT_FRAUD_RULES: FraudRules = {
  windowMinutes: 10,
  burstMin: { address: 30, device: 5, numberRange: 15, identical: 10 },
  minSecondsPerUnit: 2,
  minSeconds: 8,
  identicalMinUnits: 3,
};

const hhmm = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Clusters of at least `min` marks sharing a key with each mark within `windowMs` of `min − 1` others before it. */
function bursts(marks: ResponseMark[], keyOf: (m: ResponseMark) => string | null, min: number, windowMs: number): { key: string; marks: ResponseMark[] }[] {
  const byKey = new Map<string, ResponseMark[]>();
  for (const m of marks) {
    const k = keyOf(m);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), m]);
  }
  const out: { key: string; marks: ResponseMark[] }[] = [];
  for (const [key, list] of byKey) {
    if (list.length < min) continue;
    list.sort((a, b) => a.at - b.at);
    const hot = new Set<number>();
    let left = 0;
    for (let i = 0; i < list.length; i++) {
      while (list[i]!.at - list[left]!.at > windowMs) left++;
      if (i - left + 1 >= min) for (let j = left; j <= i; j++) hot.add(j);
    }
    // Hot marks close to each other form one burst.
    let current: ResponseMark[] = [];
    for (let i = 0; i < list.length; i++) {
      if (!hot.has(i)) continue;
      if (current.length && list[i]!.at - current[current.length - 1]!.at > windowMs) {
        out.push({ key, marks: current });
        current = [];
      }
      current.push(list[i]!);
    }
    if (current.length) out.push({ key, marks: current });
  }
  return out;
}

export function detectFlags(marks: ResponseMark[], rules: FraudRules = DEFAULT_FRAUD_RULES): Flag[] {
  const w = rules.windowMinutes * 60_000;
  const flags: Flag[] = [];
  const burstFlag = (kind: FlagKind, label: (key: string) => string, keyOf: (m: ResponseMark) => string | null, min: number) => {
    for (const b of bursts(marks, keyOf, min, w)) {
      const from = b.marks[0]!.at;
      const to = b.marks[b.marks.length - 1]!.at;
      flags.push({
        kind,
        key: b.key,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        responseIds: b.marks.map((m) => m.id),
        evidence: `${label(b.key)}在 ${hhmm(from)} 至 ${hhmm(to)}（UTC）提交 ${b.marks.length} 份，${rules.windowMinutes} 分钟内达 ${min} 份即提示`,
      });
    }
  };
  burstFlag('address-burst', (k) => `同一网段 ${k} `, (m) => m.ipPrefix, rules.burstMin.address);
  burstFlag('device-burst', () => '同一设备标记 ', (m) => m.device, rules.burstMin.device);
  burstFlag('number-range-burst', (k) => `同一号段 ${k}**** `, (m) => m.phonePrefix, rules.burstMin.numberRange);
  burstFlag('identical-burst', () => '答案完全相同的问卷', (m) => (m.units >= rules.identicalMinUnits ? m.vector : null), rules.burstMin.identical);
  for (const m of marks) {
    if (m.startedAt === null) continue;
    const seconds = (m.at - m.startedAt) / 1000;
    const floor = Math.max(rules.minSeconds, m.units * rules.minSecondsPerUnit);
    if (seconds >= 0 && seconds < floor) {
      flags.push({
        kind: 'too-fast',
        key: String(m.id),
        from: new Date(m.startedAt).toISOString(),
        to: new Date(m.at).toISOString(),
        responseIds: [m.id],
        evidence: `用时 ${seconds.toFixed(1)} 秒评价 ${m.units} 个单位（少于 ${floor} 秒）`,
      });
    }
  }
  return flags;
}
