import type { TaskLight } from '@kaoping/shared';
import type { MessageVars } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/zh-CN';

/** Most urgent first, as the filters and counts list them. */
export const LIGHT_ORDER: readonly TaskLight[] = ['red', 'yellow', 'blue', 'green'];
/** One colour per light on every supervision page (and as in the Excel exports). */
export const LIGHT_COLORS: Record<TaskLight, string> = { green: '#52c41a', blue: '#1677ff', yellow: '#faad14', red: '#f5222d' };

const DAY = 86_400_000;
/** A date alone means the end of that day, China time, as on the server. */
const endOfDay = (d: string) => Date.parse(`${d}T23:59:59.999+08:00`);

export interface LitItem {
  light: { light: TaskLight | null; expected: number };
  deadline: string;
  returned: boolean;
  progress: number | null;
}

/**
 * Why a task or problem has its light, in the reader's language (the rule of the server's lights.ts,
 * DOMAIN.md §5); null when it has none (closed, or not issued yet), which each page words itself.
 */
export function lightReason(scope: 'tasks' | 'problems', item: LitItem, now = Date.now()): [MessageKey, MessageVars?] | null {
  const left = endOfDay(item.deadline) - now;
  switch (item.light.light) {
    case null:
      return null;
    case 'red':
      return [`${scope}.light.reason.overdue`, { days: Math.max(1, Math.ceil(-left / DAY)) }];
    case 'yellow':
      return item.returned
        ? [`${scope}.light.reason.returned`]
        : [`${scope}.light.reason.behind`, { progress: Math.round(item.progress ?? 0), expected: Math.round(item.light.expected) }];
    case 'blue': {
      const days = Math.floor(left / DAY);
      return days <= 0 ? [`${scope}.light.reason.today`] : [`${scope}.light.reason.daysLeft`, { days }];
    }
    default:
      return [`${scope}.light.reason.onTrack`];
  }
}
