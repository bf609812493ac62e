import { Segmented } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n-context';
import type { Lang } from '../i18n/i18n-context';

/** 中文 / English switch; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <GlobalOutlined aria-label={t('lang.label')} style={{ color: 'rgba(0,0,0,0.45)' }} />
      <Segmented<Lang>
        size="small"
        data-testid="lang-switch"
        value={lang}
        onChange={setLang}
        options={[
          { value: 'zh-CN', label: <span data-testid="lang-zh">{t('lang.zh')}</span> },
          { value: 'en-US', label: <span data-testid="lang-en">{t('lang.en')}</span> },
        ]}
      />
    </span>
  );
}
