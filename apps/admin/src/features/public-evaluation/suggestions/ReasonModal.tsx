import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';

/** Asks why a unit's reply is returned; the unit head reads the reason. */
export function ReasonModal({ id, busy, onReturn, onClose }: { id: number | null; busy: boolean; onReturn(reason: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (id !== null) form.resetFields();
  }, [id, form]);
  return (
    <Modal
      open={id !== null}
      title={id !== null ? t('pe.sug.returnTitle', { id }) : ''}
      okText={t('pe.sug.return')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'review-return-confirm' } as never}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => onReturn(v.reason.trim())}>
        <Form.Item name="reason" label={t('pe.sug.returnReason')} extra={t('pe.sug.returnReasonHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
