/**
 * Explanations are written in the reader's language: Chinese (the default, as offices read them) or
 * English. Both texts of a sentence sit side by side where it is built (`say`), so a change to one
 * is seen next to the other.
 */
export type Lang = 'zh' | 'en';

let current: Lang = 'zh';

/**
 * Runs `fn` with explanations written in `lang`. The engine is synchronous, so the language holds for
 * exactly that call and nothing else runs meanwhile; the methods keep the signatures of the domain.
 */
export function inLanguage<T>(lang: Lang, fn: () => T): T {
  const before = current;
  current = lang;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** The current language's text of a sentence. */
export const say = (zh: string, en: string): string => (current === 'en' ? en : zh);

/** The language explanations are being written in. */
export const explanationLang = (): Lang => current;
