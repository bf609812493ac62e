import { Card, Empty, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/zh-CN';

/** The modules that are planned but not built yet; each page says what it will hold. */
export type PlannedModule = 'bulletins';

const TITLES: Record<PlannedModule, MessageKey> = {
  bulletins: 'menu.bulletins',
};

const DESCRIPTIONS: Record<PlannedModule, MessageKey> = {
  bulletins: 'placeholder.bulletins',
};

export function ModulePlaceholder({ module }: { module: PlannedModule }) {
  const { t } = useI18n();
  const title = t(TITLES[module]);
  return (
    <>
      <PageHeader title={title} subtitle={t(DESCRIPTIONS[module])} />
      <Card>
        <Empty
          data-testid="module-placeholder"
          style={{ padding: '48px 0' }}
          description={
            <>
              <Typography.Title level={4}>{t('placeholder.coming', { module: title })}</Typography.Title>
              <Typography.Text type="secondary">{t('placeholder.note')}</Typography.Text>
            </>
          }
        />
      </Card>
    </>
  );
}
