import { Alert, Button, Col, DatePicker, Flex, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { ProblemCreate, ProblemSource, UnitDto } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { schemesApi } from '../../assessment/schemes/schemes.api';
import { pickerToday } from '../../../components/format';

interface Values {
  source: ProblemSource;
  title: string;
  description?: string;
  unitId: number;
  place?: string;
  responsibleLeader: string;
  auditRef?: string;
  schemeId?: number;
  startDate?: Dayjs;
  deadline: Dayjs;
  requirements: string[];
}

/** The supervision office puts a problem on the ledger by hand: one found in the assessment, an audit or an inspection. */
export function ProblemFormModal({ units, onCreate, onClose }: { units: UnitDto[]; onCreate(body: ProblemCreate): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form);
  const schemes = useRequest(schemesApi.list, 'schemes', source === 'assessment');

  const submit = useAction(async (v: Values) => {
    await onCreate({
      source: v.source,
      title: v.title,
      description: v.description ?? '',
      unitId: v.unitId,
      place: v.place ?? '',
      responsibleLeader: v.responsibleLeader,
      ...(v.source === 'audit' && v.auditRef ? { auditRef: v.auditRef } : {}),
      ...(v.source === 'assessment' && v.schemeId ? { schemeId: v.schemeId } : {}),
      ...(v.startDate ? { startDate: v.startDate.format('YYYY-MM-DD') } : {}),
      deadline: v.deadline.format('YYYY-MM-DD'),
      requirements: v.requirements.map((r) => r.trim()).filter(Boolean),
    });
  });

  return (
    <Modal
      open
      title={t('problems.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.form.submit')}
      okButtonProps={{ loading: submit.running, 'data-testid': 'problem-form-submit' } as never}
      width={720}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ source: 'assessment', requirements: [''], deadline: pickerToday().add(30, 'day') }}
        onFinish={(v) => void submit.run(v)}
        data-testid="problem-form"
      >
        <Form.Item name="source" label={t('problems.col.source')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['assessment', 'audit', 'inspection'] as const).map((s) => ({ value: s, label: t(`problems.source.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('problems.col.title')} rules={[{ required: true, min: 2, max: 200, message: t('problems.form.titleRule') }]}>
          <Input maxLength={200} data-testid="problem-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('problems.form.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        {source === 'audit' && (
          <Form.Item name="auditRef" label={t('problems.form.auditRef')} extra={t('problems.form.auditRefHint')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        {source === 'assessment' && (
          <Form.Item name="schemeId" label={t('problems.form.scheme')}>
            <Select<number>
              allowClear
              loading={schemes.loading}
              options={(schemes.data ?? []).map((s) => ({ value: s.id, label: `${s.code} v${s.version} · ${s.name}` }))}
            />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('problems.col.unit')} rules={[{ required: true, message: t('problems.form.unitRule') }]}>
              <Select<number> showSearch={{ optionFilterProp: 'label' }} options={unitOptions(units)} data-testid="problem-form-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="responsibleLeader" label={t('problems.col.leader')} extra={t('problems.form.leaderHint')} rules={[{ required: true, min: 2, max: 60, message: t('problems.form.leaderRule') }]}>
              <Input maxLength={60} data-testid="problem-form-leader" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label={t('problems.col.place')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="startDate" label={t('problems.form.startDate')} extra={t('problems.form.startDateHint')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="deadline" label={t('problems.col.deadline')} rules={[{ required: true, message: t('problems.form.deadlineRule') }]}>
              <DatePicker style={{ width: '100%' }} data-testid="problem-form-deadline" />
            </Form.Item>
          </Col>
        </Row>
        <RequirementsList />
      </Form>
      {submit.error && <Alert type="error" showIcon title={submit.error} />}
    </Modal>
  );
}

/** The rectification checklist (清单式): one line per requirement, at least one. */
export function RequirementsList() {
  const { t } = useI18n();
  return (
    <Form.List
      name="requirements"
      rules={[
        {
          validator: async (_, value?: string[]) => {
            if (!value?.some((v) => v?.trim())) throw new Error(t('problems.form.requirementsRule'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('problems.checklist')} required>
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <span style={{ lineHeight: '32px', minWidth: 20 }}>{i + 1}.</span>
              <Form.Item
                name={field.name}
                style={{ flex: 1, marginBottom: 8 }}
                rules={[{ required: true, min: 2, max: 1000, whitespace: true, message: t('problems.form.requirementRule') }]}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} data-testid={`requirement-input-${i}`} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={t('problems.form.removeRequirement')} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= 50} data-testid="requirement-add">
            {t('problems.form.addRequirement')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}
