export * from './roles.js';
export * from './units.js';
export * from './users.js';
export * from './audit.js';
export * from './errors.js';

import { z } from 'zod';
// Validation messages in Chinese first: offices read them in the admin UI and in API errors.
z.config(z.locales.zhCN());
export * from './scheme.js';
export * from './indicator-values.js';
export * from './reporting.js';
export * from './campaigns.js';
export * from './task-origin.js';
export * from './tasks.js';
export * from './projects.js';
export * from './ledger.js';
export * from './reminders.js';
export * from './supervision-overview.js';
export * from './system.js';
export * from './scores.js';
export * from './bulletins.js';
export * from './workbench.js';
export * from './screen.js';
export * from './open311.js';
export * from './meetings.js';
export * from './suggestions.js';
