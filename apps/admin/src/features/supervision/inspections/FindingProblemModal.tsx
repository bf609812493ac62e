import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { UnitDto } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { RequirementsList } from '../problems/ProblemFormModal';
import type { ProblemDetail } from '../problems/problems.api';
import { inspectionsApi, type FindingDto } from './inspections.api';
import { pickerToday } from '../../../components/format';

interface Values {
  title: string;
  unitId?: number;
  responsibleLeader: string;
  deadline: Dayjs;
  requirements: string[];
}

/** 转为问题: a finding goes onto the ledger with its checklist of requirements, the leader answerable and the deadline. */
export function FindingProblemModal({ finding, units, onDone, onClose }: { finding: FindingDto | null; units: UnitDto[]; onDone(p: ProblemDetail): void; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!finding) return;
    submit.clearError();
    form.resetFields();
    form.setFieldsValue({ title: finding.title, unitId: finding.unitId ?? undefined, deadline: pickerToday().add(15, 'day'), requirements: [''] });
  }, [finding, form]);

  const submit = useAction(async (v: Values) => {
    if (!finding) return;
    const p = await inspectionsApi.toProblem(finding.id, {
      title: v.title.trim(),
      ...(v.unitId ? { unitId: v.unitId } : {}),
      responsibleLeader: v.responsibleLeader.trim(),
      deadline: v.deadline.format('YYYY-MM-DD'),
      requirements: v.requirements.map((r) => r.trim()).filter(Boolean),
    });
    onDone(p);
  });

  return (
    <Modal
      open={finding !== null}
      title={t('inspections.toProblem.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('inspections.toProblem.submit')}
      okButtonProps={{ loading: submit.running, 'data-testid': 'to-problem-submit' } as never}
      forceRender
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit.run(v)} data-testid="to-problem-form">
        <Form.Item name="title" label={t('problems.col.title')} rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('problems.form.titleRule') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unitId" label={t('problems.col.unit')} rules={[{ required: true, message: t('problems.form.unitRule') }]}>
          <Select<number> showSearch={{ optionFilterProp: 'label' }} options={unitOptions(units)} data-testid="to-problem-unit" />
        </Form.Item>
        <Form.Item name="responsibleLeader" label={t('problems.col.leader')} extra={t('problems.form.leaderHint')} rules={[{ required: true, min: 2, max: 60, whitespace: true, message: t('problems.form.leaderRule') }]}>
          <Input maxLength={60} data-testid="to-problem-leader" />
        </Form.Item>
        <Form.Item name="deadline" label={t('problems.col.deadline')} rules={[{ required: true, message: t('problems.form.deadlineRule') }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly data-testid="to-problem-deadline" />
        </Form.Item>
        <RequirementsList />
      </Form>
      {submit.error && <Alert type="error" showIcon title={submit.error} />}
    </Modal>
  );
}
