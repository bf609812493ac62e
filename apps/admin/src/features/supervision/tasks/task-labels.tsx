import { Badge, Space, Tag, Tooltip } from 'antd';
import type { TaskLight, TaskStatus } from '@kaoping/shared';
import type { MessageVars } from '../../../i18n/i18n-context';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/zh-CN';
import type { TaskDto } from './tasks.api';

/** Most urgent first, as the filters and counts list them. */
export const TASK_LIGHT_ORDER: readonly TaskLight[] = ['red', 'yellow', 'blue', 'green'];
export const TASK_LIGHT_COLORS: Record<TaskLight, string> = { green: '#52c41a', blue: '#1677ff', yellow: '#fadb14', red: '#f5222d' };

const DAY = 86_400_000;
/** A date alone means the end of that day, China time, as on the server. */
const endOfDay = (d: string) => Date.parse(`${d}T23:59:59.999+08:00`);

/** Why a task has its light, in the reader's language (the rule of the server's lights.ts). */
export function taskLightReason(task: Pick<TaskDto, 'light' | 'deadline' | 'returned' | 'progress' | 'status'>, now = Date.now()): [MessageKey, MessageVars?] {
  const left = endOfDay(task.deadline) - now;
  switch (task.light.light) {
    case null:
      return task.status === 'closed' ? ['tasks.light.reason.done'] : ['tasks.light.reason.notIssued'];
    case 'red':
      return ['tasks.light.reason.overdue', { days: Math.max(1, Math.ceil(-left / DAY)) }];
    case 'yellow':
      return task.returned
        ? ['tasks.light.reason.returned']
        : ['tasks.light.reason.behind', { progress: Math.round(task.progress ?? 0), expected: Math.round(task.light.expected) }];
    case 'blue': {
      const days = Math.floor(left / DAY);
      return days <= 0 ? ['tasks.light.reason.today'] : ['tasks.light.reason.daysLeft', { days }];
    }
    default:
      return ['tasks.light.reason.onTrack'];
  }
}

/** A light as a coloured dot and its name. */
export function LightDot({ light }: { light: TaskLight | null }) {
  const { t } = useI18n();
  return <Badge color={light ? TASK_LIGHT_COLORS[light] : '#d9d9d9'} text={light ? t(`tasks.light.${light}`) : t('tasks.light.none')} />;
}

/** The light of a task, its reason on hover (or beside it), and the alert of a red one nobody acts on. */
export function TaskLightTag({ task, showReason = false }: { task: TaskDto; showReason?: boolean }) {
  const { t } = useI18n();
  const [key, vars] = taskLightReason(task);
  const reason = t(key, vars);
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
