import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';

/** Asks for the reason of a return; the unit's reporter sees it on the returned rows. */
export function ReturnModal({ title, open, busy, onReturn, onClose }: { title: string; open: boolean; busy: boolean; onReturn(reason: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={t('assessment.review.confirmReturn')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'review-confirm' } as never}
      confirmLoading={busy}
      onOk={() => void form.validateFields().then((v) => onReturn(v.reason.trim()), () => undefined)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('assessment.review.reason')} rules={[{ required: true, whitespace: true, message: t('assessment.review.reasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('assessment.review.reasonPlaceholder')} data-testid="review-reason" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
