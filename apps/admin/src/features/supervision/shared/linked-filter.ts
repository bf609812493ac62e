import { useSearchParams } from 'react-router-dom';
import { TASK_LIGHTS, type TaskLight } from '@kaoping/shared';

/**
 * The unit and light a list opens filtered by, from `?unit=ID&light=red` — how the overview's counts
 * link to the tasks and the ledger. Anything else in the address is ignored.
 */
export function useLinkedFilter(): { unitId?: number; light?: TaskLight } {
  const [params] = useSearchParams();
  const unit = Number(params.get('unit'));
  const light = params.get('light');
  return {
    ...(Number.isInteger(unit) && unit > 0 ? { unitId: unit } : {}),
    ...((TASK_LIGHTS as readonly string[]).includes(light ?? '') ? { light: light as TaskLight } : {}),
  };
}
