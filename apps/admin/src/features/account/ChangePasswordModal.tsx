import { App, Alert, Form, Input, Modal } from 'antd';
import { PASSWORD_MIN_LENGTH } from '@kaoping/shared';
import { authApi } from '../../api/auth.api';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n-context';

interface FormValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Lets the signed-in user change their own password. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();

  const submit = useAction(async (values: FormValues) => {
    await authApi.changePassword(values.currentPassword, values.newPassword);
    void message.success(t('account.passwordChanged'));
    form.resetFields();
    onClose();
  });

  return (
    <Modal
      open={open}
      title={t('header.changePassword')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        submit.clearError();
        onClose();
      }}
      destroyOnHidden
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> name="changePassword" form={form} layout="vertical" onFinish={(v) => void submit.run(v)}>
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true, min: PASSWORD_MIN_LENGTH, message: t('account.passwordRule') }]}
        >
          <Input.Password autoComplete="new-password" placeholder={t('account.passwordRule')} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('account.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
