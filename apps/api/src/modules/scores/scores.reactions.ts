import { today, type AppContext } from '../../app-context.js';
import { findLatestPublished } from '../schemes/schemes.repository.js';
import { defaultAsOf, runScores } from './scores.service.js';

/** What the scores module does when other modules announce something (lib/domain-events.ts). */
export function subscribeScoreReactions(ctx: AppContext): void {
  // A closed campaign feeds the assessment: score the scheme it names again, now with the public component.
  ctx.events.on('campaign.closed', async ({ schemeCode, year, principal, audit }) => {
    const scheme = schemeCode ? await findLatestPublished(ctx.db, schemeCode) : undefined;
    if (scheme?.year !== year) return null;
    const run = await runScores(ctx.db, scheme.id, { asOf: defaultAsOf(year, today(ctx)), trigger: 'manual', userId: principal.userId }, audit);
    return run;
  });
}
