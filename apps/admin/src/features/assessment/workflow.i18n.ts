/** Messages of the assessment pages for schemes, periods, reporting and review; spread into the app's dictionaries. */
export const workflowZh = {
} as const;

export const workflowEn: Record<keyof typeof workflowZh, string> = {
};
