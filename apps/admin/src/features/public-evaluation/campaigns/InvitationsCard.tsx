import { App, Button, Card, Flex, Form, Input, InputNumber, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { campaignsApi, type CampaignDetail, type InvitationBatch } from '../campaigns.api';

/** Batches of single-use invitation links; issuing downloads the new links once, as Excel with QR codes. */
export function InvitationsCard({ campaign, canManage, onIssued }: { campaign: CampaignDetail; canManage: boolean; onIssued(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ count: number; batch: string }>();
  const closed = campaign.status === 'closed';

  const issue = useAction(
    async (v: { count: number; batch: string }) => {
      const file = await campaignsApi.issueInvitations(campaign.id, { count: v.count, batch: v.batch.trim() });
      void message.success(t('pe.invitations.issuedMsg', { count: v.count, file }));
      onIssued();
    },
    { onError: (m) => void message.error(m) },
  );

  return (
    <Card title={t('pe.invitations.title')} data-testid="invitations">
      <Typography.Paragraph type="secondary">{t('pe.invitations.hint')}</Typography.Paragraph>
      <Table<InvitationBatch>
        rowKey="batch"
        size="small"
        pagination={false}
        dataSource={campaign.invitations}
        locale={{ emptyText: t('pe.invitations.none') }}
        columns={[
          { title: t('pe.invitations.batch'), dataIndex: 'batch' },
          { title: t('pe.invitations.issued'), dataIndex: 'issued', align: 'right', width: 100 },
          { title: t('pe.invitations.used'), dataIndex: 'used', align: 'right', width: 100 },
        ]}
        style={{ marginBottom: 16 }}
      />
      {canManage &&
        (closed ? (
          <Typography.Text type="secondary">{t('pe.invitations.closed')}</Typography.Text>
        ) : (
          <Form form={form} initialValues={{ count: 100 }} onFinish={(v) => void issue.run(v)}>
            <Flex gap={8} align="flex-start">
              <Form.Item name="batch" rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ flex: 1, marginBottom: 0 }}>
                <Input placeholder={t('pe.invitations.batch')} maxLength={60} data-testid="invitation-batch" />
              </Form.Item>
              <Form.Item name="count" rules={[{ required: true, message: t('common.required') }]} style={{ width: 130, marginBottom: 0 }}>
                <InputNumber min={1} max={20000} prefix={t('pe.invitations.count')} style={{ width: '100%' }} data-testid="invitation-count" />
              </Form.Item>
              <Button htmlType="submit" type="primary" icon={<DownloadOutlined />} loading={issue.running} data-testid="invitation-issue">
                {t('pe.invitations.issue')}
              </Button>
            </Flex>
          </Form>
        ))}
    </Card>
  );
}
