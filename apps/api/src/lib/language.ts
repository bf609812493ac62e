import type { Lang } from '@kaoping/scoring';
import type { TimeZone } from './time-zone.js';

export type { Lang };

/**
 * The caller's language, from Accept-Language: the first of Chinese and English it names (by weight),
 * Chinese when it names neither. The admin sends the language its reader chose.
 */
export function requestLang(header: string | string[] | undefined): Lang {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const ranked = value
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh';
}

/** A server sentence in the caller's language; both texts are written where the sentence is built. */
export const localize = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

/** How a response is written: in the caller's language, dates and times in the deployment's zone. */
export interface Locale {
  lang: Lang;
  zone: TimeZone;
}
