import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { UNIT_KINDS, type GroupDto, type UnitCreate, type UnitDto, type UnitKind } from '@kaoping/shared';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n-context';

interface FormValues {
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  groupId: number;
  adcode?: string;
}

interface Props {
  open: boolean;
  /** The unit being edited, or null to create one. */
  unit: UnitDto | null;
  groups: GroupDto[];
  onSave(values: UnitCreate): Promise<void>;
  onClose(): void;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,19}$/;
const ADCODE_PATTERN = /^\d{6}$/;

/** Creates or edits a unit; the server's validation message is shown if it refuses. */
export function UnitFormModal({ open, unit, groups, onSave, onClose }: Props) {
  const { t, kindLabel, groupName } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    submit.clearError();
    form.resetFields();
    if (unit) {
      form.setFieldsValue({
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName ?? undefined,
        kind: unit.kind,
        groupId: unit.group.id,
        adcode: unit.adcode ?? undefined,
      });
    }
  }, [open, unit, form]);

  const groupsOfKind = groups.filter((g) => !kind || g.kind === kind);
  const groupOptions = (groupsOfKind.length > 0 ? groupsOfKind : groups).map((g) => ({ value: g.id, label: groupName(g) }));

  const submit = useAction(async (values: FormValues) => {
    await onSave({
      code: values.code.trim(),
      name: values.name.trim(),
      shortName: values.shortName?.trim() || null,
      kind: values.kind,
      groupId: values.groupId,
      adcode: values.adcode?.trim() || null,
    });
  });

  return (
    <Modal
      open={open}
      title={unit ? t('units.editTitle', { name: unit.name }) : t('units.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} data-testid="unit-form-error" />}
      <Form<FormValues> name="unit" form={form} layout="vertical" onFinish={(v) => void submit.run(v)} data-testid="unit-form">
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={t('units.codeRule')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: CODE_PATTERN, message: t('units.codeRule') },
          ]}
        >
          <Input maxLength={20} data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={60} data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="shortName" label={t('units.shortName')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            data-testid="unit-kind"
            placeholder={t('common.selectPlaceholder')}
            options={UNIT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            onChange={(next: UnitKind) => {
              const current = form.getFieldValue('groupId') as number | undefined;
              const fits = groups.filter((g) => g.kind === next);
              if (!fits.some((g) => g.id === current)) form.setFieldValue('groupId', fits.length === 1 ? fits[0]?.id : undefined);
            }}
          />
        </Form.Item>
        <Form.Item name="groupId" label={t('units.group')} rules={[{ required: true, message: t('common.required') }]}>
          <Select data-testid="unit-group" placeholder={t('common.selectPlaceholder')} options={groupOptions} />
        </Form.Item>
        <Form.Item name="adcode" label={t('units.adcode')} extra={t('units.adcodeHint')} rules={[{ pattern: ADCODE_PATTERN, message: t('units.adcodeRule') }]}>
          <Input maxLength={6} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
