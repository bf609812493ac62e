import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { MEETING_TASK_DAYS, type TaskOrigin } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { canMakeTask, PAGE_PATHS } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { pickerToday } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { tasksApi, type TaskDto } from './tasks.api';

interface Values {
  title?: string;
  deadline: Dayjs;
  responsibleLeader: string;
}

const taskHref = (id: number) => `${PAGE_PATHS.supervisionTasks}/${id}`;

/**
 * 转为督办事项: one step from a ranking row, a 时序进度 lag row, an inspection finding or a citizen's
 * suggestion to a supervised task linked to it (POST /api/tasks/from-origin). A small modal confirms the
 * responsible leader (required: these records name none), the deadline and optionally a title of one's own;
 * the server drafts the rest. Hidden for roles that may not make a task of this kind.
 */
export function MakeTaskButton({ origin, testId, size = 'small' }: { origin: TaskOrigin; testId: string; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [made, setMade] = useState<TaskDto | null>(null);
  const save = useAction(async (v: Values) => {
    const task = await tasksApi.fromOrigin({
      origin,
      ...(v.title?.trim() ? { title: v.title.trim() } : {}),
      deadline: v.deadline.format('YYYY-MM-DD'),
      responsibleLeader: v.responsibleLeader.trim(),
    });
    setMade(task);
    setOpen(false);
    void message.success(
      <span>
        {t('tasks.make.done', { id: task.id })}{' '}
        <Typography.Link onClick={() => navigate(taskHref(task.id))}>{t('tasks.make.open')}</Typography.Link>
      </span>,
    );
  });

  if (!canMakeTask(user.role, origin.kind)) return null;
  if (made)
    return (
      <Link to={taskHref(made.id)} data-testid={`${testId}-made`}>
        {t('tasks.make.done', { id: made.id })}
      </Link>
    );

  return (
    <>
      <Button size={size} type="link" icon={<FileAddOutlined />} onClick={() => setOpen(true)} data-testid={testId}>
        {t('tasks.make.button')}
      </Button>
      <Modal
        open={open}
        title={t('tasks.make.title')}
        onCancel={() => setOpen(false)}
        okText={t('tasks.make.button')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'make-task-save' } as never}
        confirmLoading={save.running}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('tasks.make.hint')}</Typography.Paragraph>
        {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} data-testid="make-task-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => void save.run(v)}
          initialValues={{ deadline: pickerToday().add(MEETING_TASK_DAYS, 'day') }}
        >
          <Form.Item name="title" label={t('tasks.form.title')}>
            <Input maxLength={200} placeholder={t('tasks.make.titlePlaceholder')} data-testid="make-task-title" />
          </Form.Item>
          <Form.Item name="responsibleLeader" label={t('tasks.form.leader')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
            <Input maxLength={60} placeholder={t('tasks.form.leaderPlaceholder')} data-testid="make-task-leader" />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('tasks.form.deadline')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isBefore(pickerToday(), 'day')} data-testid="make-task-deadline" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
