/** Messages of the supervision projects pages. */
export const projectsZh = {
  'projects.title': 'projects',
};

export const projectsEn: Record<keyof typeof projectsZh, string> = {
  'projects.title': 'projects',
};
