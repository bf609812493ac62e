import { Badge, Space, Tag, Tooltip } from 'antd';
import type { TaskLight, TaskStatus } from '@kaoping/shared';
import type { I18n } from '../../../i18n/i18n-context';
import { useI18n } from '../../../i18n/i18n-context';
import { LIGHT_COLORS } from '../shared/lights';
import type { TaskDto } from './tasks.api';

export { LIGHT_ORDER as TASK_LIGHT_ORDER, LIGHT_COLORS as TASK_LIGHT_COLORS } from '../shared/lights';

/** Why a task has its light, as the server worked it out (in the reader's language); a task without one is closed or not issued yet. */
export function taskLightReason(task: Pick<TaskDto, 'light' | 'status'>, t: I18n['t']): string {
  if (task.light.light) return task.light.reason;
  return t(task.status === 'closed' ? 'tasks.light.reason.done' : 'tasks.light.reason.notIssued');
}

/** A light as a coloured dot and its name. */
export function LightDot({ light }: { light: TaskLight | null }) {
  const { t } = useI18n();
  return <Badge color={light ? LIGHT_COLORS[light] : '#d9d9d9'} text={light ? t(`tasks.light.${light}`) : t('tasks.light.none')} />;
}

/** The light of a task, its reason on hover (or beside it), and the alert of a red one nobody acts on. */
export function TaskLightTag({ task, showReason = false }: { task: TaskDto; showReason?: boolean }) {
  const { t } = useI18n();
  const reason = taskLightReason(task, t);
  const dot = (
    <span data-testid={`task-light-${task.id}`} data-light={task.light.light ?? 'none'} style={{ whiteSpace: 'nowrap' }}>
      <LightDot light={task.light.light} />
    </span>
  );
  return (
    <Space size={6} wrap>
      {showReason ? dot : <Tooltip title={reason}>{dot}</Tooltip>}
      {task.light.alert && (
        <Tooltip title={t('tasks.alertHint')}>
          <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }} data-testid={`task-alert-${task.id}`}>
            {t('tasks.light.alert')}
          </Tag>
        </Tooltip>
      )}
      {showReason && (
        <span data-testid="task-light-reason" style={{ color: 'rgba(0,0,0,0.55)' }}>
          {reason}
        </span>
      )}
    </Space>
  );
}

const STATUS_COLORS: Record<TaskStatus, string> = { draft: 'default', review: 'purple', issued: 'cyan', in_progress: 'processing', feedback: 'gold', closed: 'success' };

export function TaskStatusTag({ status, returned = false, id }: { status: TaskStatus; returned?: boolean; id?: number }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={id === undefined ? 'task-status' : `task-status-${id}`} data-status={status}>
        {t(`tasks.status.${status}`)}
      </Tag>
      {returned && status !== 'closed' && <Tag color="orange">{t('tasks.returned')}</Tag>}
    </Space>
  );
}

export const canSuperviseTasks = (role: string) => role === 'admin' || role === 'supervisor';
export const isCityWideRole = (role: string) => role === 'admin' || role === 'office' || role === 'supervisor' || role === 'leader';
