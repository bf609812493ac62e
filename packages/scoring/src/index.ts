/**
 * @kaoping/scoring — the pure scoring engine of Kaoping: every method of DOMAIN.md §2, the
 * formula language, reporting periods and 时序进度, result grades and quotas, public-evaluation
 * satisfaction and project rates. No I/O and no clock: time comes in as ISO dates.
 */
export * from './errors.js';
export * from './explain.js';
export * from './language.js';
export { tieKey } from './checks.js';
export * from './dates.js';
export * from './schedule.js';
export * from './methods/ratio.js';
export * from './methods/rank.js';
export * from './methods/bands.js';
export * from './methods/grade.js';
export * from './methods/deduct.js';
export * from './methods/bonus.js';
export * from './methods/veto.js';
export * from './methods/progress.js';
export * from './methods/formula.js';
export * from './expression/index.js';
export * from './indicator.js';
export * from './grades.js';
export * from './satisfaction.js';
export * from './projects.js';
