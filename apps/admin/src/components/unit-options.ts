import type { UnitDto } from '@kaoping/shared';

/** Select options for units, searchable by code and name. */
export function unitOptions(units: readonly { id: number; code: string; name: string }[]): { value: number; label: string }[] {
  return units.map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }));
}

/** Units that can still receive accounts: active ones, plus the one already chosen. */
export function selectableUnits(units: readonly UnitDto[], currentId?: number | null): UnitDto[] {
  return units.filter((u) => u.active || u.id === currentId);
}
