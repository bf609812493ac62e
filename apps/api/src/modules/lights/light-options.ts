import type { Queryable } from '../../db/database.js';
import type { Locale } from '../../lib/language.js';
import { loadCalendar } from '../reminders/reminders.repository.js';
import type { LightOptions } from './lights.js';
import { findLightRules } from './lights.repository.js';

/** What lights are worked out with: the supervision settings, the working-day calendar, the deployment's zone and the reader's language. */
export async function lightOptions(db: Queryable, locale: Locale): Promise<LightOptions> {
  const [rules, calendar] = await Promise.all([findLightRules(db), loadCalendar(db)]);
  return { rules, calendar, zone: locale.zone, lang: locale.lang };
}
