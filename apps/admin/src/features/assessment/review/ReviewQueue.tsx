import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import type { ReviewQueueItem } from '../reporting/reporting.api';

export const queueKey = (i: { unitId: number; periodId: number }) => `${i.unitId}:${i.periodId}`;

/** Unit-periods with submitted values, oldest submission first; one is chosen to review. */
export function ReviewQueue({
  items,
  loading,
  selected,
  onSelect,
}: {
  items: ReviewQueueItem[];
  loading: boolean;
  selected: string | null;
  onSelect(item: ReviewQueueItem): void;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('assessment.review.queue')}
          {items.length > 0 && <Tag color="processing">{items.length}</Tag>}
        </Space>
      }
      styles={{ body: { padding: 0, maxHeight: 640, overflowY: 'auto' } }}
      data-testid="review-queue"
    >
      <List<ReviewQueueItem>
        size="small"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.review.queueEmpty')} /> }}
        renderItem={(item) => {
          const active = selected === queueKey(item);
          return (
            <List.Item
              onClick={() => onSelect(item)}
              data-testid={`review-unit-${item.unitCode}`}
              data-period={item.periodKey}
              style={{
                cursor: 'pointer',
                paddingInline: 12,
                background: active ? 'rgba(22,119,255,0.08)' : undefined,
                borderInlineStart: active ? '3px solid #1677ff' : '3px solid transparent',
              }}
            >
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                  <Typography.Text strong ellipsis style={{ maxWidth: 220 }}>
                    {item.unitName}
                  </Typography.Text>
                  <Tag color="processing" style={{ marginInlineEnd: 0 }}>
                    {t('assessment.review.valuesCount', { count: item.submitted })}
                  </Tag>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.unitCode} · {item.periodLabel}
                  {item.submittedAt && ` · ${t('assessment.review.submittedAt', { at: formatDateTime(item.submittedAt) })}`}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
