import { useSearchParams } from 'react-router-dom';
import { TASK_LIGHTS, type TaskLight } from '@kaoping/shared';

export interface LinkedFilter {
  unitId?: number;
  light?: TaskLight;
  /** A status of the list's own kind (a task's or a problem's); the page checks it. */
  status?: string;
  /** Only red items nobody acts on (预警). */
  alert?: boolean;
  /** Open items due in [dueFrom, dueBy]. */
  dueFrom?: string;
  dueBy?: string;
  /** 实名制: items a leader answers for. */
  leader?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filter a list opens with, from the address — `?unit=ID&light=red&status=submitted&alert=1&dueFrom=…&dueBy=…&leader=…` —
 * how the overview's and the workbench's figures link to the tasks and the ledger. Anything else is ignored.
 */
export function useLinkedFilter(): LinkedFilter {
  const [params] = useSearchParams();
  const unit = Number(params.get('unit'));
  const light = params.get('light');
  const date = (k: string) => (DATE.test(params.get(k) ?? '') ? params.get(k)! : undefined);
  const text = (k: string) => params.get(k)?.trim() || undefined;
  const f: LinkedFilter = {
    ...(Number.isInteger(unit) && unit > 0 ? { unitId: unit } : {}),
    ...((TASK_LIGHTS as readonly string[]).includes(light ?? '') ? { light: light as TaskLight } : {}),
    ...(text('status') ? { status: text('status') } : {}),
    ...(params.get('alert') === '1' ? { alert: true } : {}),
    ...(date('dueFrom') ? { dueFrom: date('dueFrom') } : {}),
    ...(date('dueBy') ? { dueBy: date('dueBy') } : {}),
    ...(text('leader') ? { leader: text('leader') } : {}),
  };
  return f;
}
