import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/i18n-context';
import type { DueItem } from './reporting.api';

/** Open periods in which the unit still owes values; those past their end are marked overdue. */
export function DueCard({ items, loading, currentPeriodId, onOpen }: { items: DueItem[]; loading: boolean; currentPeriodId?: number; onOpen(item: DueItem): void }) {
  const { t } = useI18n();
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card
      size="small"
      title={
        <Space>
          <ClockCircleOutlined />
          {t('assessment.reporting.due')}
          {items.length > 0 && <Tag color="processing">{items.length}</Tag>}
          {overdue > 0 && <Tag color="error">{`${t('assessment.reporting.overdue')} ${overdue}`}</Tag>}
        </Space>
      }
      data-testid="due-card"
      styles={{ body: { maxHeight: 320, overflowY: 'auto' } }}
    >
      <List<DueItem>
        size="small"
        loading={loading}
        dataSource={items}
        locale={{
          emptyText: (
            <Empty
              image={<CheckCircleOutlined style={{ fontSize: 32, color: '#52c41a' }} />}
              styles={{ image: { height: 36 } }}
              description={t('assessment.reporting.dueNone')}
            />
          ),
        }}
        renderItem={(item) => (
          <List.Item
            data-testid={`due-${item.periodId}`}
            style={item.periodId === currentPeriodId ? { background: 'rgba(22,119,255,0.06)' } : undefined}
            actions={[
              <Button key="open" size="small" type="link" onClick={() => onOpen(item)} disabled={item.periodId === currentPeriodId}>
                {t('assessment.reporting.open')}
              </Button>,
            ]}
          >
            <Space orientation="vertical" size={0}>
              <Space size={6} wrap>
                {item.overdue && <ExclamationCircleOutlined style={{ color: '#cf1322' }} />}
                <Typography.Text strong>{item.periodLabel}</Typography.Text>
                {item.overdue && <Tag color="error">{t('assessment.reporting.overdue')}</Tag>}
              </Space>
              <Space size={6} wrap style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">{t('assessment.reporting.dueEnd', { end: item.end })}</Typography.Text>
                {item.missing > 0 && <Typography.Text type="secondary">{t('assessment.reporting.dueMissing', { count: item.missing })}</Typography.Text>}
                {item.drafts > 0 && <Typography.Text type="warning">{t('assessment.reporting.dueDrafts', { count: item.drafts })}</Typography.Text>}
                {item.returned > 0 && <Typography.Text type="danger">{t('assessment.reporting.dueReturned', { count: item.returned })}</Typography.Text>}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
