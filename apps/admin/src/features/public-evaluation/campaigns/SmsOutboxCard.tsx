import { Card, Table, Typography } from 'antd';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { formatTimestamp } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { campaignsApi, type SmsMessage } from '../campaigns.api';

/** For the administrator: what the development SMS provider would have sent. */
export function SmsOutboxCard() {
  const { t } = useI18n();
  const outbox = useRequest(campaignsApi.smsOutbox, 'sms-outbox');
  return (
    <Card title={t('pe.sms.title')} style={{ marginTop: 16 }} data-testid="sms-outbox">
      {outbox.error !== null && <LoadError error={outbox.error} onRetry={outbox.reload} />}
      <Typography.Paragraph type="secondary">{t('pe.sms.hint', { provider: outbox.data?.provider ?? '—' })}</Typography.Paragraph>
      <Table<SmsMessage>
        rowKey="id"
        size="small"
        loading={outbox.loading}
        dataSource={outbox.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('pe.sms.at'), dataIndex: 'at', width: 180, render: (v: string) => formatTimestamp(v) },
          { title: t('pe.sms.phone'), dataIndex: 'phone', width: 140 },
          { title: t('pe.sms.body'), dataIndex: 'body' },
        ]}
      />
    </Card>
  );
}
