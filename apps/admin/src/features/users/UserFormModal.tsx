import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { PASSWORD_MIN_LENGTH, ROLES, isUnitRole, type Role, type UnitDto, type UserDto } from '@kaoping/shared';
import { useAction } from '../../api/use-action';
import { selectableUnits, unitOptions } from '../../components/unit-options';
import { useI18n } from '../../i18n/i18n-context';

/** What the form produces; `password` only when creating. */
export interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  unitId?: number;
  password?: string;
}

interface Props {
  open: boolean;
  user: UserDto | null;
  units: UnitDto[];
  onSave(values: UserFormValues): Promise<void>;
  onClose(): void;
}

const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/** Creates or edits an account; unit roles (head, reporter, data source) must have a unit. */
export function UserFormModal({ open, user, units, onSave, onClose }: Props) {
  const { t, roleLabel } = useI18n();
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch('role', form);
  const needsUnit = role !== undefined && isUnitRole(role);

  useEffect(() => {
    if (!open) return;
    submit.clearError();
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, role: user.role, unitId: user.unit?.id });
  }, [open, user, form]);

  const submit = useAction(async (values: UserFormValues) => {
    await onSave(values);
  });

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} />}
      <Form<UserFormValues> name="user" form={form} layout="vertical" onFinish={(v) => void submit.run(v)}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={user ? undefined : t('users.usernameRule')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: USERNAME_PATTERN, message: t('users.usernameRule') },
          ]}
        >
          <Input disabled={user !== null} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            placeholder={t('common.selectPlaceholder')}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
            onChange={(next: Role) => {
              if (!isUnitRole(next)) form.setFieldValue('unitId', undefined);
            }}
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          hidden={!needsUnit}
          rules={[{ required: needsUnit, message: t('users.unitRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            placeholder={t('common.selectPlaceholder')}
            options={unitOptions(selectableUnits(units, user?.unit?.id))}
          />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('users.password')}
              rules={[{ required: true, min: PASSWORD_MIN_LENGTH, message: t('account.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" placeholder={t('account.passwordRule')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
