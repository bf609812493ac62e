import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { PASSWORD_MIN_LENGTH, type UserDto } from '@kaoping/shared';
import { errorMessage } from '../../api/api-error';
import { useI18n } from '../../i18n/i18n-context';

/** An administrator sets a new password for someone else. */
export function ResetPasswordModal({ user, onSave, onClose }: { user: UserDto | null; onSave(password: string): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    setError(null);
  }, [user, form]);

  const submit = async ({ password }: { password: string }) => {
    setSaving(true);
    setError(null);
    try {
      await onSave(password);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetPasswordTitle', { name: user.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="resetPassword" form={form} layout="vertical" onFinish={(v) => void submit(v)}>
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
