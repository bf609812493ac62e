import { useEffect } from 'react';
import { Badge, Button, Card, Flex, Space, Statistic } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/i18n-context';
import type { Participation } from '../campaigns.api';

/** Live participation: invited 市民代表 apart from open 热心市民; refreshed every 30 s while open. */
export function ParticipationCard({ participation, live, loading, onRefresh }: { participation: Participation | undefined; live: boolean; loading: boolean; onRefresh(): void }) {
  const { t } = useI18n();
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(onRefresh, 30_000);
    return () => clearInterval(timer);
  }, [live, onRefresh]);
  const p = participation;
  const items: { key: keyof Participation; label: string }[] = [
    { key: 'responses', label: t('pe.participation.responses') },
    { key: 'invited', label: t('pe.participation.invited') },
    { key: 'open', label: t('pe.participation.open') },
    { key: 'answers', label: t('pe.participation.answers') },
    { key: 'suggestions', label: t('pe.participation.suggestions') },
  ];
  return (
    <Card
      title={
        <Space>
          {t('pe.participation.title')}
          {live && <Badge status="processing" text={t('pe.participation.live')} />}
        </Space>
      }
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={loading} onClick={onRefresh}>
          {t('pe.participation.refresh')}
        </Button>
      }
      data-testid="participation"
    >
      <Flex gap={24} wrap justify="space-between">
        {items.map((i) => (
          <Statistic key={i.key} title={i.label} value={p ? p[i.key] : '—'} style={{ minWidth: 120 }} data-testid={`participation-${i.key}`} />
        ))}
      </Flex>
    </Card>
  );
}
