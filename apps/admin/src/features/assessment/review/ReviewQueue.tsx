import { Card, Checkbox, Empty, List, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import type { ReviewQueueItem } from '../reporting/reporting.api';

export const queueKey = (i: { unitId: number; periodId: number }) => `${i.unitId}:${i.periodId}`;

/**
 * Unit-periods with submitted values, oldest submission first; one is chosen to review, and any
 * number can be ticked to approve together.
 */
export function ReviewQueue({
  items,
  loading,
  selected,
  onSelect,
  checked,
  onCheck,
}: {
  items: ReviewQueueItem[];
  loading: boolean;
  selected: string | null;
  onSelect(item: ReviewQueueItem): void;
  checked: ReadonlySet<string>;
  onCheck(keys: string[], on: boolean): void;
}) {
  const { t } = useI18n();
  const all = items.map(queueKey);
  const ticked = all.filter((k) => checked.has(k)).length;
  return (
    <Card
      size="small"
      title={
        <Space>
          <Checkbox
            checked={ticked > 0 && ticked === all.length}
            indeterminate={ticked > 0 && ticked < all.length}
            disabled={all.length === 0}
            onChange={(e) => onCheck(all, e.target.checked)}
            aria-label={t('assessment.review.selectAll')}
            data-testid="review-select-all"
          />
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
              <Checkbox
                checked={checked.has(queueKey(item))}
                onClick={(e) => e.stopPropagation()}
                onChange={(e) => onCheck([queueKey(item)], e.target.checked)}
                style={{ marginInlineEnd: 8 }}
                data-testid={`review-check-${item.unitCode}-${item.periodKey}`}
              />
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
