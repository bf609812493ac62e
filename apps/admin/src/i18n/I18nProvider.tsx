import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import antdZhCN from 'antd/es/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '@kaoping/shared';
import { setRequestLanguage } from '../api/client';
import { I18nContext, LANGS, type I18n, type Lang } from './i18n-context';
import { interpolate } from './translate';
import { zhCN, type MessageKey } from './zh-CN';

/** Where the chosen language is remembered between visits. */
export const LANG_STORAGE_KEY = 'kaoping.lang';

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {
    // storage can be disabled; Chinese is the default anyway
  }
  return 'zh-CN';
}

interface Texts {
  lang: Lang;
  messages: Record<MessageKey, string>;
  antdLocale: Locale;
}

const CHINESE: Texts = { lang: 'zh-CN', messages: zhCN, antdLocale: antdZhCN };

/**
 * Chinese, the default, comes with the first screen; English (its dictionary and antd's English
 * texts) is fetched the first time it is chosen, so a Chinese visit never downloads it.
 */
async function loadTexts(lang: Lang): Promise<Texts> {
  if (lang === 'zh-CN') return CHINESE;
  const { english } = await import('./english');
  return { lang, ...english };
}

/** Holds the current language, persists it, and switches dayjs, the document language and the API's texts with it. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [texts, setTexts] = useState<Texts | null>(() => {
    const stored = readStoredLang();
    setRequestLanguage(stored);
    return stored === 'zh-CN' ? CHINESE : null;
  });
  // The language asked for last: a slower earlier switch must not overwrite it.
  const wanted = useRef<Lang>(readStoredLang());

  const apply = useCallback((next: Lang) => {
    wanted.current = next;
    void loadTexts(next).then(
      (loaded) => {
        if (wanted.current !== next) return;
        setRequestLanguage(next);
        setTexts(loaded);
      },
      // Offline or a stale page after a release: stay in (or fall back to) Chinese rather than show nothing.
      () => {
        if (wanted.current !== next) return;
        setRequestLanguage('zh-CN');
        setTexts(CHINESE);
      },
    );
  }, []);

  // Only the first render can lack texts (an English visit).
  const waiting = texts === null;
  useEffect(() => {
    if (waiting) apply(wanted.current);
  }, [waiting, apply]);

  const lang = texts?.lang;
  useEffect(() => {
    if (!lang) return;
    document.documentElement.lang = lang;
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  }, [lang]);

  const setLang = useCallback(
    (next: Lang) => {
      apply(next);
      try {
        localStorage.setItem(LANG_STORAGE_KEY, next);
      } catch {
        // not persisted; the switch still applies to this visit
      }
    },
    [apply],
  );

  const value = useMemo<I18n | null>(() => {
    if (!texts) return null;
    const { messages } = texts;
    const side = texts.lang === 'zh-CN' ? 'zh' : 'en';
    return {
      lang: texts.lang,
      setLang,
      antdLocale: texts.antdLocale,
      t: (key, vars) => interpolate(messages[key], vars),
      roleLabel: (role) => ROLE_LABELS[role][side],
      kindLabel: (kind) => UNIT_KIND_LABELS[kind][side],
      groupName: (group) => (side === 'en' && group.nameEn ? group.nameEn : group.name),
    };
  }, [texts, setLang]);

  // An English visit waits the moment its dictionary takes to arrive rather than flash Chinese.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
