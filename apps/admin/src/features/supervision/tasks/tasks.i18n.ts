/** Messages of the supervision tasks pages. */
export const tasksZh = {
  'tasks.title': 'tasks',
};

export const tasksEn: Record<keyof typeof tasksZh, string> = {
  'tasks.title': 'tasks',
};
