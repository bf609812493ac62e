import { useEffect } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { PASSWORD_MIN_LENGTH, type UserDto } from '@kaoping/shared';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n-context';

/** An administrator sets a new password for someone else. */
export function ResetPasswordModal({ user, onSave, onClose }: { user: UserDto | null; onSave(password: string): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    submit.clearError();
  }, [user, form]);

  const submit = useAction(async ({ password }: { password: string }) => {
    await onSave(password);
  });

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} />}
      <Form name="resetPassword" form={form} layout="vertical" onFinish={(v) => void submit.run(v)}>
        <Form.Item
          name="password"
          label={t('account.newPassword')}
          rules={[{ required: true, min: PASSWORD_MIN_LENGTH, message: t('account.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" placeholder={t('account.passwordRule')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
