/**
 * Fraud review (DOMAIN.md §3): patterns that suggest one person answering many times. Nothing
 * is dropped here — flags only point the office at responses, with the evidence, and the office
 * decides. Pure: no I/O, so the rules are tested on their own. The evidence is written on read, in
 * the reader's language, with times in the deployment's zone.
 */

import type { FlagKind } from '@kaoping/shared';
import { localize, type Locale } from '../../lib/language.js';

export interface ResponseMark {
  id: number;
  /** Submission time, ms since the epoch (the database's clock). */
  at: number;
  /** When the questionnaire was served to the page, as the server measured it; null for responses stored before it was. */
  servedAt: number | null;
  /** The page's submission key: a served questionnaire is answered once, so it is never shared by two responses of an honest page. */
  page: string;
  ipPrefix: string | null;
  device: string | null;
  phonePrefix: string | null;
  vector: string;
  units: number;
}

export type { FlagKind };

/** A flag as found, without words: what is stored after a scan, and what the evidence is written from on read. */
export interface FoundFlag {
  kind: FlagKind;
  /** What the responses share (masked where it is personal). */
  key: string;
  from: string;
  to: string;
  responseIds: number[];
  /** The figures the evidence quotes: the burst's threshold, the page's serving time (ms), the seconds taken and the floor. */
  facts: FlagFacts;
}

export interface FlagFacts {
  min?: number;
  servedAt?: number;
  seconds?: number;
  floor?: number;
  units?: number;
}

export interface Flag extends FoundFlag {
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

/** How the evidence is written: in the reader's language, times in the deployment's zone. */
export type EvidenceStyle = Locale;

/** "在 2021-12-16 00:00 至 00:04 ": the end without its date when it is the same day. */
function span(style: EvidenceStyle, from: number, to: number): string {
  const a = style.zone.minute(from);
  const b = style.zone.minute(to);
  const end = a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b;
  return localize(style.lang, `在 ${a} 至 ${end} `, `between ${a} and ${end}`);
}

/** Clusters of at least `min` marks sharing a key with each mark within `windowMs` of `min − 1` others before it. */
function bursts(marks: ResponseMark[], keyOf: (m: ResponseMark) => string | null, min: number, windowMs: number): { key: string; marks: ResponseMark[] }[] {
  const byKey = new Map<string, ResponseMark[]>();
  for (const m of marks) {
    const k = keyOf(m);
    if (!k) continue;
    const list = byKey.get(k);
    if (list) list.push(m);
    else byKey.set(k, [m]);
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

/** The flags of a set of marks, as found: stored after a scan, worded on read by `describeFlag`. */
export function findFlags(marks: ResponseMark[], rules: FraudRules = DEFAULT_FRAUD_RULES): FoundFlag[] {
  const w = rules.windowMinutes * 60_000;
  const flags: FoundFlag[] = [];
  const burstFlag = (kind: FlagKind, keyOf: (m: ResponseMark) => string | null, min: number) => {
    for (const b of bursts(marks, keyOf, min, w)) {
      flags.push({
        kind,
        key: b.key,
        from: new Date(b.marks[0]!.at).toISOString(),
        to: new Date(b.marks[b.marks.length - 1]!.at).toISOString(),
        responseIds: b.marks.map((m) => m.id),
        facts: { min },
      });
    }
  };
  burstFlag('address-burst', (m) => m.ipPrefix, rules.burstMin.address);
  burstFlag('device-burst', (m) => m.device, rules.burstMin.device);
  burstFlag('number-range-burst', (m) => m.phonePrefix, rules.burstMin.numberRange);
  burstFlag('identical-burst', (m) => (m.units >= rules.identicalMinUnits ? m.vector : null), rules.burstMin.identical);

  // A served page is answered once: the second answer sent with its token did not wait for a questionnaire of its own.
  const byPage = new Map<string, ResponseMark[]>();
  for (const m of marks) {
    if (m.servedAt === null) continue;
    const list = byPage.get(m.page);
    if (list) list.push(m);
    else byPage.set(m.page, [m]);
  }
  const reused = new Set<number>();
  for (const [page, list] of byPage) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.at - b.at);
    for (const m of list.slice(1)) reused.add(m.id);
    flags.push({
      kind: 'reused-page',
      key: page,
      from: new Date(list[0]!.at).toISOString(),
      to: new Date(list[list.length - 1]!.at).toISOString(),
      responseIds: list.map((m) => m.id),
      facts: { servedAt: list[0]!.servedAt! },
    });
  }

  for (const m of marks) {
    // Reused pages are flagged above: their served time is no measure of each answer.
    if (m.servedAt === null || reused.has(m.id)) continue;
    const seconds = Math.max(0, (m.at - m.servedAt) / 1000);
    const floor = Math.max(rules.minSeconds, m.units * rules.minSecondsPerUnit);
    if (seconds < floor) {
      flags.push({
        kind: 'too-fast',
        key: String(m.id),
        from: new Date(m.servedAt).toISOString(),
        to: new Date(m.at).toISOString(),
        responseIds: [m.id],
        facts: { seconds, floor, units: m.units },
      });
    }
  }
  return flags;
}

/** A found flag's evidence, in the reader's language and the deployment's zone. */
export function describeFlag(f: FoundFlag, style: EvidenceStyle, rules: FraudRules = DEFAULT_FRAUD_RULES): string {
  const say = (zh: string, en: string) => localize(style.lang, zh, en);
  const from = Date.parse(f.from);
  const to = Date.parse(f.to);
  const n = f.responseIds.length;
  const burst = (zh: string, en: string) =>
    say(
      `${zh}${span(style, from, to)}提交 ${n} 份，${rules.windowMinutes} 分钟内达 ${f.facts.min} 份即提示`,
      `${n} ${en} ${span(style, from, to)} (flagged from ${f.facts.min} within ${rules.windowMinutes} minutes)`,
    );
  switch (f.kind) {
    case 'address-burst':
      return burst(`同一网段 ${f.key} `, `responses from network ${f.key}`);
    case 'device-burst':
      return burst('同一设备标记', 'responses from one device mark');
    case 'number-range-burst':
      return burst(`同一号段 ${f.key}**** `, `responses from numbers ${f.key}****`);
    case 'identical-burst':
      return burst('答案完全相同的问卷', 'responses with identical answers');
    case 'reused-page': {
      const served = style.zone.minute(f.facts.servedAt!);
      return say(
        `同一份问卷页面（${served} 发放）${span(style, from, to)}提交 ${n} 份；正常页面每提交一次即换新问卷`,
        `${n} responses ${span(style, from, to)} sent from one questionnaire page (served ${served}); a page takes a new questionnaire after each submission`,
      );
    }
    case 'too-fast':
      return say(
        `问卷发放后 ${f.facts.seconds!.toFixed(1)} 秒即提交，评价 ${f.facts.units} 个单位（少于 ${f.facts.floor} 秒）`,
        `${f.facts.units} units answered ${f.facts.seconds!.toFixed(1)} s after the questionnaire was served (under ${f.facts.floor} s)`,
      );
  }
}

/** Flags with their evidence written: `findFlags` then `describeFlag`. */
export function detectFlags(marks: ResponseMark[], style: EvidenceStyle, rules: FraudRules = DEFAULT_FRAUD_RULES): Flag[] {
  return findFlags(marks, rules).map((f) => ({ ...f, evidence: describeFlag(f, style, rules) }));
}
