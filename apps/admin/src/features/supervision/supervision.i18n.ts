import { inspectionsEn, inspectionsZh } from './inspections/inspections.i18n';
import { overviewEn, overviewZh } from './overview/overview.i18n';
import { problemsEn, problemsZh } from './problems/problems.i18n';
import { projectsEn, projectsZh } from './projects/projects.i18n';
import { tasksEn, tasksZh } from './tasks/tasks.i18n';

/** Messages of the supervision pages (overview, tasks, problem ledger, inspections, projects); spread into the app's dictionaries. */
export const supervisionZh = {
  'menu.supervisionOverview': '督查总览',
  'menu.supervisionTasks': '督办事项',
  'menu.supervisionProblems': '问题台账',
  'menu.supervisionInspections': '暗访督查',
  ...overviewZh,
  ...tasksZh,
  ...problemsZh,
  ...inspectionsZh,
  ...projectsZh,
};

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
