/** Messages of the assessment pages for rankings, scorecards, 时序进度, trends and comparisons; spread into the app's dictionaries. */
export const resultsZh = {
} as const;

export const resultsEn: Record<keyof typeof resultsZh, string> = {
};
