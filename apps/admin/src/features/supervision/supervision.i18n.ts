import { inspectionsZh } from './inspections/inspections.i18n';
import { overviewZh } from './overview/overview.i18n';
import { problemsZh } from './problems/problems.i18n';
import { projectsZh } from './projects/projects.i18n';
import { tasksZh } from './tasks/tasks.i18n';

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
