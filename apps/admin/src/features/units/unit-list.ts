import type { GroupDto, UnitDto } from '@kaoping/shared';

export type StatusFilter = 'all' | 'active' | 'inactive';

export interface UnitListFilters {
  search: string;
  groupId: number | null;
  status: StatusFilter;
  /** Set by clicking a region of the map. */
  unitId: number | null;
}

/** Orders units the way the groups are ordered, then by code, so rows of one group stay together. */
export function sortByGroup(units: readonly UnitDto[], groups: readonly GroupDto[]): UnitDto[] {
  const order = new Map(groups.map((g) => [g.id, g.sortOrder]));
  return [...units].sort(
    (a, b) =>
      (order.get(a.group.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.group.id) ?? Number.MAX_SAFE_INTEGER) ||
      a.group.id - b.group.id ||
      a.code.localeCompare(b.code),
  );
}

/** Applies the search box (code or name, case-insensitive), group, status and map selection. */
export function filterUnits(units: readonly UnitDto[], f: UnitListFilters): UnitDto[] {
  const needle = f.search.trim().toLowerCase();
  return units.filter(
    (u) =>
      (f.unitId === null || u.id === f.unitId) &&
      (f.groupId === null || u.group.id === f.groupId) &&
      (f.status === 'all' || u.active === (f.status === 'active')) &&
      (!needle ||
        u.code.toLowerCase().includes(needle) ||
        u.name.toLowerCase().includes(needle) ||
        (u.shortName?.toLowerCase().includes(needle) ?? false)),
  );
}

/** Units per group, counted over the list shown on the page. */
export function countByGroup(units: readonly UnitDto[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const u of units) counts.set(u.group.id, (counts.get(u.group.id) ?? 0) + 1);
  return counts;
}
