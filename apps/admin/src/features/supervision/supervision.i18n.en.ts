import { inspectionsEn } from './inspections/inspections.i18n.en';
import { overviewEn } from './overview/overview.i18n.en';
import { problemsEn } from './problems/problems.i18n.en';
import { projectsEn } from './projects/projects.i18n.en';
import { tasksEn } from './tasks/tasks.i18n.en';
import type { supervisionZh } from './supervision.i18n';

/** The English of supervision.i18n.ts, fetched only when English is chosen (see i18n/english.ts). */
export const supervisionEn: Record<keyof typeof supervisionZh, string> = {
  'menu.supervisionOverview': 'Overview',
  'menu.supervisionTasks': 'Tasks',
  'menu.supervisionProblems': 'Problem ledger',
  'menu.supervisionInspections': 'Inspections',
  ...overviewEn,
  ...tasksEn,
  ...problemsEn,
  ...inspectionsEn,
  ...projectsEn,
};
