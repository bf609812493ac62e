/** The roles of DOMAIN.md §1 that sign in. Citizens use the public portal without an account. */
export const ROLES = ['admin', 'office', 'supervisor', 'leader', 'head', 'reporter', 'datasource'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for one unit only: their users must belong to a unit and are scoped to it. */
export const UNIT_ROLES: readonly Role[] = ['head', 'reporter', 'datasource'];

export const isUnitRole = (role: Role): boolean => UNIT_ROLES.includes(role);

/** Display names, Chinese first; the admin UI and Excel files use these. */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'System administrator' },
  office: { zh: '市绩效办', en: 'Performance office' },
  supervisor: { zh: '督查室', en: 'Supervision office' },
  leader: { zh: '市领导', en: 'City leader' },
  head: { zh: '单位负责人', en: 'Unit head' },
  reporter: { zh: '单位填报员', en: 'Unit reporter' },
  datasource: { zh: '数据采集单位', en: 'Data-source unit' },
};
