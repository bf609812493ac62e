import type { TaskLight } from '@kaoping/shared';

/** Most urgent first, as the filters and counts list them. */
export const LIGHT_ORDER: readonly TaskLight[] = ['red', 'yellow', 'blue', 'green'];
/** One colour per light on every supervision page (and as in the Excel exports). */
export const LIGHT_COLORS: Record<TaskLight, string> = { green: '#52c41a', blue: '#1677ff', yellow: '#faad14', red: '#f5222d' };
