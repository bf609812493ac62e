import { useEffect } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { ROLES, TOKEN_SCOPES, isUnitRole, type Role, type TokenScope, type UnitDto } from '@kaoping/shared';
import { useAction } from '../../api/use-action';
import { selectableUnits, unitOptions } from '../../components/unit-options';
import { useI18n } from '../../i18n/i18n-context';
import type { TokenCreate } from './tokens.api';

interface FormValues {
  name: string;
  role: Role;
  scope: TokenScope;
  unitId?: number;
  expiresInDays?: number | null;
}

/** Name, role, unit and lifetime of a new API token. */
export function CreateTokenModal({ open, units, onCreate, onClose }: { open: boolean; units: UnitDto[]; onCreate(body: TokenCreate): Promise<void>; onClose(): void }) {
  const { t, roleLabel } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const role = Form.useWatch('role', form);
  const needsUnit = role !== undefined && isUnitRole(role);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    submit.clearError();
  }, [open, form]);

  const submit = useAction(async (v: FormValues) => {
    await onCreate({
      name: v.name.trim(),
      role: v.role,
      scope: v.scope,
      unitId: isUnitRole(v.role) ? (v.unitId ?? null) : null,
      expiresInDays: v.expiresInDays ?? null,
    });
  });

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> name="token" form={form} layout="vertical" onFinish={(v) => void submit.run(v)} initialValues={{ expiresInDays: 90, scope: 'read' }}>
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t('tokens.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select placeholder={t('common.selectPlaceholder')} options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('tokens.scope')} extra={t('tokens.scopeHint')}>
          <Radio.Group data-testid="token-scope" options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`tokens.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('tokens.unit')} hidden={!needsUnit} rules={[{ required: needsUnit, message: t('users.unitRequired') }]}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.selectPlaceholder')} options={unitOptions(selectableUnits(units))} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresInDaysHint')}>
          <InputNumber<number> min={1} max={3650} precision={0} style={{ width: 200 }} suffix={t('tokens.days')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
