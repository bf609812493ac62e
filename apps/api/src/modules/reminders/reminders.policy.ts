import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

/**
 * Reminders: the supervision office sets when they go out; the administrator keeps the working-day
 * calendar, the webhook subscribers and anyone's contact details; city-wide roles read the queue;
 * everyone signed in reads their own inbox and keeps their own contact details.
 */
export const reminderPolicies = {
  settings: hasRole('admin', 'supervisor'),
  readQueue: (p: Principal) => isCityWide(p),
  calendar: hasRole('admin'),
  webhooks: hasRole('admin'),
  contactsOfOthers: hasRole('admin'),
  /** A person's own inbox and contacts: a signed-in user, not an API token acting with a role. */
  self: (p: Principal) => p.userId !== null,
};
