import { Alert, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { projectsApi, type PaymentBasis, type ProgressBasis, type ProjectSettings, type RatedProject } from './projects.api';
import { pct } from './rate-format';
import { pickerToday } from '../../../components/format';

/** The denominator of 资金支付率 and how 时序进度 is reckoned. */
export function SettingsModal({ settings, onSaved, onClose }: { settings: ProjectSettings; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ paymentBasis: PaymentBasis; progressBasis: ProgressBasis }>();
  const submit = useAction(async (v: { paymentBasis: PaymentBasis; progressBasis: ProgressBasis }) => {
    await projectsApi.saveSettings(v);
    onSaved();
  });
  return (
    <Modal
      open
      title={t('projects.settingsTitle')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit.run, () => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ paymentBasis: settings.paymentBasis, progressBasis: settings.progressBasis }}>
        <Form.Item name="paymentBasis" label={t('projects.settings.paymentBasis')}>
          <Radio.Group
            data-testid="settings-payment"
            options={(['completedInvestment', 'allocated', 'audited'] as const).map((b) => ({ value: b, label: t(`projects.settings.${b}`) }))}
          />
        </Form.Item>
        <Form.Item name="progressBasis" label={t('projects.settings.progressBasis')}>
          <Radio.Group
            data-testid="settings-progress"
            options={(['month', 'day'] as const).map((b) => ({ value: b, label: t(`projects.settings.${b}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Makes a lagging project a supervised task in one step: the deadline is filled in, the rest comes from the project. */
export function MakeTaskModal({ project, asOf, onDone, onClose }: { project: RatedProject; asOf: string; onDone(task: { id: number }): void; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ deadline: Dayjs; title?: string }>();
  // onDone closes the modal and reloads the list, so it runs here, only once the task is made.
  const submit = useAction(async (v: { deadline: Dayjs; title?: string }) => {
    onDone(await projectsApi.makeTask(project.id, { deadline: v.deadline.format('YYYY-MM-DD'), asOf, ...(v.title?.trim() ? { title: v.title.trim() } : {}) }));
  });
  const behind = project.lagging.map((n) => `${t(`projects.rate.${n}`)} ${pct(project.rates[n].value)}`).join('、');
  return (
    <Modal
      open
      title={t('projects.makeTaskTitle', { name: project.name })}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit.run, () => undefined)}
      okText={t('projects.makeTask')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      okButtonProps={{ 'data-testid': 'make-task-confirm' }}
    >
      <Typography.Paragraph type="secondary">{t('projects.makeTaskHint')}</Typography.Paragraph>
      {behind && <Typography.Paragraph style={{ color: '#cf1322' }}>{behind}</Typography.Paragraph>}
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="make-task-error" />}
      <Form form={form} layout="vertical" initialValues={{ deadline: pickerToday().add(30, 'day') }}>
        <Form.Item name="deadline" label={t('projects.deadline')} rules={[{ required: true, message: t('projects.report.required') }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="title" label={t('projects.taskTitle')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

