import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '@kaoping/shared';
import { setRequestLanguage } from '../api/client';
import { I18nContext, LANGS, type I18n, type Lang } from './i18n-context';
import { interpolate } from './translate';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';

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

/** Holds the current language, persists it, and switches dayjs, the document language and the API's texts with it. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = readStoredLang();
    setRequestLanguage(stored);
    return stored;
  });

  useEffect(() => {
    document.documentElement.lang = lang;
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setRequestLanguage(next);
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still applies to this visit
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = lang === 'zh-CN' ? zhCN : enUS;
    const side = lang === 'zh-CN' ? 'zh' : 'en';
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(dict[key], vars),
      roleLabel: (role) => ROLE_LABELS[role][side],
      kindLabel: (kind) => UNIT_KIND_LABELS[kind][side],
      groupName: (group) => (side === 'en' && group.nameEn ? group.nameEn : group.name),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
