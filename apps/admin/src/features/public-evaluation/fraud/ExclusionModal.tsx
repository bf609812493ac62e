import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';

/** Asks for the reason of excluding or restoring responses; the reason is mandatory and audited. */
export function ExclusionModal({
  open,
  excluded,
  count,
  evidence,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  excluded: boolean;
  count: number;
  evidence: string;
  busy: boolean;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t(excluded ? 'pe.fraud.excludeTitle' : 'pe.fraud.restoreTitle', { count })}
      okText={t(excluded ? 'pe.fraud.exclude' : 'pe.fraud.restore')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: excluded, 'data-testid': 'exclusion-confirm' } as never}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Typography.Paragraph type="secondary">{evidence}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => onConfirm(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('pe.fraud.reason')}
          extra={t('pe.fraud.reasonHint')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('pe.fraud.reasonRule') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="exclusion-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
