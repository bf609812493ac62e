/** Messages of the supervision overview pages. */
export const overviewZh = {
  'overview.title': 'overview',
};

export const overviewEn: Record<keyof typeof overviewZh, string> = {
  'overview.title': 'overview',
};
