/** Messages of the supervision inspections pages. */
export const inspectionsZh = {
  'inspections.title': 'inspections',
};

export const inspectionsEn: Record<keyof typeof inspectionsZh, string> = {
  'inspections.title': 'inspections',
};
