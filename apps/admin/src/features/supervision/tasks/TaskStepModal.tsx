import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { TASK_REASON_ACTIONS, TASK_REPORT_ACTIONS, type TaskAction } from '@kaoping/shared';
import { errorMessage } from '../../../api/api-error';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { tasksApi, type EvidenceDto, type TaskDetailDto, type TaskStep } from './tasks.api';

interface Values {
  note?: string;
  progress?: number;
}

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx';

/**
 * One step of a task. Returns, rejections and reopenings must say why; a progress report or the
 * feedback gives its text, a completion percentage and evidence files (uploaded as they are chosen,
 * then cited by the report); the other steps take an optional note.
 */
export function TaskStepModal({ task, action, onClose, onDone }: { task: TaskDetailDto; action: TaskAction | null; onClose(): void; onDone(task: TaskDetailDto): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile<EvidenceDto>[]>([]);
  const needsReason = action !== null && TASK_REASON_ACTIONS.includes(action);
  const isReport = action !== null && TASK_REPORT_ACTIONS.includes(action);

  useEffect(() => {
    if (action) {
      form.resetFields();
      form.setFieldsValue({ progress: action === 'feedback' ? 100 : (task.progress ?? undefined) });
      setFiles([]);
      submit.clearError();
    }
  }, [action, form, task.progress]);

  const submit = useAction(async (v: Values) => {
    if (!action) return;
    // A report cites its evidence by id: wait until every chosen file is up.
    if (files.some((f) => f.status === 'uploading')) throw new Error(t('tasks.step.uploading'));
    const step: TaskStep = { action, note: v.note?.trim() || undefined };
    if (isReport) {
      step.progress = v.progress;
      const ids = files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);
      if (ids.length) step.evidenceIds = ids;
    }
    const updated = await tasksApi.act(task.id, step);
    void message.success(t('tasks.action.done', { action: t(`tasks.action.${action}`) }));
    onDone(updated);
  });

  if (!action) return null;
  const label = t(`tasks.action.${action}`);


  const noteLabel = needsReason ? t('tasks.step.reason') : action === 'feedback' ? t('tasks.step.feedback') : isReport ? t('tasks.step.report') : t('tasks.step.note');
  const notePlaceholder = needsReason
    ? t('tasks.step.reasonPlaceholder')
    : action === 'feedback'
      ? t('tasks.step.feedbackPlaceholder')
      : isReport
        ? t('tasks.step.reportPlaceholder')
        : t('tasks.step.notePlaceholder');
  const noteRequired = needsReason || isReport;

  return (
    <Modal
      open
      title={`${label} · ${task.title}`}
      width={isReport ? 640 : 520}
      onCancel={onClose}
      okText={label}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: needsReason, 'data-testid': 'task-step-confirm' } as never}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="task-step-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit.run(v)}>
        <Form.Item
          name="note"
          label={noteLabel}
          rules={noteRequired ? [{ required: true, whitespace: true, message: needsReason ? t('tasks.step.reasonRequired') : t('tasks.step.reportRequired') }] : []}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={notePlaceholder} data-testid="task-step-note" autoFocus />
        </Form.Item>
        {isReport && (
          <>
            <Form.Item name="progress" label={t('tasks.step.progress')} rules={[{ required: true, message: t('tasks.step.progressRequired') }]}>
              <InputNumber min={0} max={100} precision={0} style={{ width: 160 }} suffix="%" data-testid="task-step-progress" />
            </Form.Item>
            <Form.Item label={t('tasks.step.files')} extra={t('tasks.step.filesHint')}>
              <Upload<EvidenceDto>
                multiple
                accept={ACCEPT}
                fileList={files}
                onChange={({ fileList }) => setFiles(fileList)}
                customRequest={({ file, onSuccess, onError }) => {
                  tasksApi.uploadEvidence(task.id, file as File).then(
                    (dto) => onSuccess?.(dto),
                    (err: unknown) => {
                      void message.error(errorMessage(err));
                      onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
                    },
                  );
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="task-step-upload">
                  {t('tasks.step.upload')}
                </Button>
              </Upload>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
