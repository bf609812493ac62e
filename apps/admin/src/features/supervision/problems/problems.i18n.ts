/** Messages of the supervision problems pages. */
export const problemsZh = {
  'problems.title': 'problems',
};

export const problemsEn: Record<keyof typeof problemsZh, string> = {
  'problems.title': 'problems',
};
