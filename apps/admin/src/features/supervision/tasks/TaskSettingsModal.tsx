import { useEffect, useState } from 'react';
import { Alert, Form, InputNumber, Modal, Switch } from 'antd';
import type { SupervisionSettingsInput } from '@kaoping/shared';
import { errorMessage } from '../../../api/api-error';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { tasksApi } from './tasks.api';

/** The flow's optional steps (领导审核, 签收), the light thresholds and the grace before lagging lights yellow; the supervision office's to change. */
export function TaskSettingsModal({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SupervisionSettingsInput>();
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    tasksApi.settings().then(
      (s) => form.setFieldsValue({ ...s.flow, ...s.lights }),
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [form]);
  const submit = useAction(async (v: SupervisionSettingsInput) => {
    await tasksApi.saveSettings(v);
    onClose();
  });
  // A failed save is the newer news; until one, a failed load of the settings stays shown.
  const error = submit.error ?? loadError;
  return (
    <Modal
      open
      title={t('tasks.settings.title')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit.run, () => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="leaderReview" label={t('tasks.settings.leaderReview')} extra={t('tasks.settings.leaderReviewHint')} valuePropName="checked">
          <Switch data-testid="settings-leader-review" />
        </Form.Item>
        <Form.Item name="signFor" label={t('tasks.settings.signFor')} extra={t('tasks.settings.signForHint')} valuePropName="checked">
          <Switch data-testid="settings-sign-for" />
        </Form.Item>
        <Form.Item name="blueDays" label={t('tasks.settings.blueDays')} extra={t('tasks.settings.blueDaysHint')} rules={[{ required: true }]}>
          <InputNumber min={0} max={60} precision={0} addonAfter={t('tasks.settings.days')} />
        </Form.Item>
        <Form.Item name="lagTolerance" label={t('tasks.settings.lagTolerance')} extra={t('tasks.settings.lagToleranceHint')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} addonAfter={t('tasks.settings.points')} />
        </Form.Item>
        <Form.Item name="graceDays" label={t('tasks.settings.graceDays')} extra={t('tasks.settings.graceDaysHint')} rules={[{ required: true }]}>
          <InputNumber min={0} max={30} precision={0} addonAfter={t('tasks.settings.workingDays')} data-testid="settings-grace-days" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
