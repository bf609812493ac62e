import { useState } from 'react';
import { App, Button, Card, Input, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useAction } from '../../../api/use-action';
import { formatDateTime } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { useI18n } from '../../../i18n/i18n-context';
import type { RequestState } from '../../../api/use-request';
import { formatNumber } from '../shared/workflow-labels';
import { reportingApi, type CorrectionItem } from '../reporting/reporting.api';

const cellText = (c: CorrectionItem['current']) => (c.grade ? c.grade : formatNumber(c.value));

/** Correction requests of closed or locked periods; the office approves (the value changes) or rejects them. */
export function CorrectionsPanel({ corrections, onDecided }: { corrections: RequestState<CorrectionItem[]>; onDecided(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<{ item: CorrectionItem; decision: 'approve' | 'reject' } | null>(null);
  const [note, setNote] = useState('');

  const decide = useAction(
    async () => {
      if (!deciding) return;
      await reportingApi.decideCorrection(deciding.item.id, deciding.decision, note.trim() || undefined);
      void message.success(t(deciding.decision === 'approve' ? 'assessment.review.correctionApproved' : 'assessment.review.correctionRejected'));
      setDeciding(null);
      corrections.reload();
      onDecided();
    },
    { onError: (m) => void message.error(m) },
  );

  const columns: TableColumnsType<CorrectionItem> = [
    {
      title: t('assessment.review.correctionUnit'),
      key: 'unit',
      width: 180,
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.unitName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.unitCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('assessment.review.correctionIndicator'), key: 'indicator', render: (_: unknown, c) => `${c.indicatorCode} ${c.indicatorName}` },
    { title: t('assessment.review.correctionPeriod'), dataIndex: 'periodLabel', width: 120 },
    {
      title: t('assessment.review.correctionChange'),
      key: 'change',
      width: 150,
      render: (_: unknown, c) => (
        <span>
          <Typography.Text delete type="secondary">
            {cellText(c.current)}
          </Typography.Text>
          {' → '}
          <Typography.Text strong>{cellText(c.proposed)}</Typography.Text>
        </span>
      ),
    },
    { title: t('assessment.review.correctionReason'), dataIndex: 'reason' },
    {
      title: t('assessment.review.correctionBy'),
      key: 'by',
      width: 170,
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          <span>{c.requestedBy ?? t('common.none')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.requestedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, c) => (
        <Space size={4}>
          <Button
            size="small"
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => {
              setNote('');
              setDeciding({ item: c, decision: 'approve' });
            }}
            data-testid={`correction-approve-${c.id}`}
          >
            {t('assessment.review.correctionApprove')}
          </Button>
          <Button
            size="small"
            danger
            icon={<CloseOutlined />}
            onClick={() => {
              setNote('');
              setDeciding({ item: c, decision: 'reject' });
            }}
            data-testid={`correction-reject-${c.id}`}
          >
            {t('assessment.review.correctionReject')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card>
      {corrections.error !== null && <LoadError error={corrections.error} onRetry={corrections.reload} />}
      <Table<CorrectionItem>
        data-testid="corrections-table"
        rowKey="id"
        size="small"
        loading={corrections.loading}
        dataSource={corrections.data ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('assessment.review.correctionsEmpty') }}
      />
      <Modal
        open={deciding !== null}
        title={
          deciding
            ? t('assessment.review.correctionDecideTitle', {
                decision: t(deciding.decision === 'approve' ? 'assessment.review.correctionApprove' : 'assessment.review.correctionReject'),
                unit: deciding.item.unitName,
                indicator: deciding.item.indicatorName,
                period: deciding.item.periodLabel,
              })
            : ''
        }
        onCancel={() => setDeciding(null)}
        okText={deciding ? t(deciding.decision === 'approve' ? 'assessment.review.correctionApprove' : 'assessment.review.correctionReject') : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: deciding?.decision === 'reject', 'data-testid': 'correction-confirm' } as never}
        confirmLoading={decide.running}
        onOk={() => void decide.run()}
      >
        <Input.TextArea rows={3} maxLength={500} showCount value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('assessment.review.correctionNote')} />
      </Modal>
    </Card>
  );
}
