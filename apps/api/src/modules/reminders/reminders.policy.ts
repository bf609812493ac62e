import { hasRole, isCityWide, signedIn, type Principal } from '../../lib/principal.js';

/**
 * Reminders: the supervision office sets when they go out; the administrator keeps the working-day
 * calendar, the webhook subscribers and anyone's contact details; city-wide roles read the queue;
 * everyone signed in reads their own inbox and keeps their own contact details.
 */
export const reminderPolicies = {
  settings: hasRole('admin', 'supervisor'),
  /** When reminders go out, and the working-day calendar: everyone signed in reads them. */
  readSettings: signedIn,
  readCalendar: signedIn,
  /** One's own inbox: everyone signed in (an API token, being no one, has an empty one). */
  inbox: signedIn,
  readQueue: (p: Principal) => isCityWide(p),
  calendar: hasRole('admin'),
  webhooks: hasRole('admin'),
  contactsOfOthers: hasRole('admin'),
  /** A person's own inbox and contacts: a signed-in user, not an API token acting with a role. */
  self: (p: Principal) => p.userId !== null,
};
