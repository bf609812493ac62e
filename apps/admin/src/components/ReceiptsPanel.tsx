import { Button, Card, Table, Tag, Typography } from 'antd';
import type { BulletinReceipt } from '@kaoping/shared';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from './format';

/**
 * Who has signed (签收) for a document issued to units — a bulletin or a meeting's minutes — with
 * time and signer, unsigned first; the issuing office reminds all or one of those that have not.
 */
export function ReceiptsPanel({
  receipts,
  canRemind,
  reminding,
  onRemind,
  testId,
}: {
  receipts: BulletinReceipt[];
  canRemind: boolean;
  reminding: boolean;
  /** All unsigned units when no ids are given. */
  onRemind: (unitIds?: number[]) => void;
  /** Prefix of the test ids: PREFIX-receipts, PREFIX-remind-all, PREFIX-unsigned-count. */
  testId: string;
}) {
  const { t } = useI18n();
  const signed = receipts.filter((r) => r.signedAt).length;
  return (
    <Card
      size="small"
      title={t('bulletins.receipts')}
      data-testid={`${testId}-receipts`}
      extra={
        canRemind && (
          <Button size="small" loading={reminding} onClick={() => onRemind()} data-testid={`${testId}-remind-all`}>
            {t('bulletins.remindAll')}
          </Button>
        )
      }
    >
      {receipts.length > 1 && (
        <Typography.Paragraph data-testid={`${testId}-unsigned-count`}>
          {t('bulletins.signedCount', { signed, total: receipts.length })} · {t('bulletins.unsigned', { count: receipts.length - signed })}
        </Typography.Paragraph>
      )}
      <Table
        rowKey={(r) => r.unit.id}
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={receipts}
        columns={[
          { title: t('bulletins.receipt.unit'), render: (_, r) => r.unit.name },
          {
            title: t('bulletins.receipt.signedAt'),
            render: (_, r) => (r.signedAt ? `${formatDateTime(r.signedAt)}${r.signedBy ? ` ${r.signedBy}` : ''}` : <Tag color="orange">{t('bulletins.receipt.notSigned')}</Tag>),
          },
          {
            title: t('bulletins.receipt.reminders'),
            width: 90,
            render: (_, r) =>
              r.signedAt || !canRemind ? (
                r.reminders || ''
              ) : (
                <Button size="small" type="link" onClick={() => onRemind([r.unit.id])}>
                  {t('bulletins.remind')}
                  {r.reminders ? ` (${r.reminders})` : ''}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
