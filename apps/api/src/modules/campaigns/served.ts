import { timingSafeEqual } from 'node:crypto';
import type { Privacy } from '../privacy/privacy.js';

/*
 * When a questionnaire was served, as the server measured it, for the "too fast" fraud rule: a token
 * handed out with the questionnaire, `<served at: ms since the epoch, base 36>.<seal>`, where the seal
 * is the privacy key's HMAC of the campaign, the page's submission key and that time. It comes back
 * with the submission and is checked there, so no row is written when a page is served and the
 * submission stays one statement. The page keeps its token with its draft: reloading the page does not
 * restart the clock. A token is bound to its submission key, and a stored response has its own key;
 * answers sent with the same page's token more than once are flagged (see fraud.ts).
 */

const payload = (campaignId: number, submissionKey: string, servedAt: number) => `${campaignId}:${submissionKey}:${servedAt}`;

/** The token for a questionnaire served now (or at `at`) to the page holding `submissionKey`. */
export async function issueServed(privacy: Privacy, campaignId: number, submissionKey: string, at = Date.now()): Promise<string> {
  const ms = Math.floor(at);
  return `${ms.toString(36)}.${await privacy.hash('served', payload(campaignId, submissionKey, ms))}`;
}

/** When the page was served, or null when the token was not issued by this installation for this campaign and submission key. */
export async function readServed(privacy: Privacy, campaignId: number, submissionKey: string, token: string): Promise<Date | null> {
  const m = /^([0-9a-z]{1,12})\.([\w-]{43})$/.exec(token);
  if (!m) return null;
  const at = parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(at)) return null;
  const seal = await privacy.hash('served', payload(campaignId, submissionKey, at));
  return timingSafeEqual(Buffer.from(seal), Buffer.from(m[2]!)) ? new Date(at) : null;
}
