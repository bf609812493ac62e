import { createContext, useContext } from 'react';
import type { Locale } from 'antd/es/locale';
import type { Role, UnitKind } from '@kaoping/shared';
import type { MessageKey } from './zh-CN';

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];
export type MessageVars = Record<string, string | number>;

/** What every component gets from `useI18n()`. */
export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** antd's own texts (pagination, date pickers, empty states) in the same language. */
  antdLocale: Locale;
  t(key: MessageKey, vars?: MessageVars): string;
  roleLabel(role: Role): string;
  kindLabel(kind: UnitKind): string;
  /** Group names come from the database in both languages; English falls back to Chinese. */
  groupName(group: { name: string; nameEn: string | null }): string;
}

export const I18nContext = createContext<I18n | null>(null);

/** The translation helpers; throws outside the provider so a missing provider fails loudly. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
