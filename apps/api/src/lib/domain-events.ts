import type { AuditContext } from '../modules/audit/audit.service.js';
import type { Principal } from './principal.js';

/**
 * What one module announces and others act on, so that the announcer does not import them: a module
 * that reacts depends on the one that announces, never the other way round (no module cycles).
 * Each event names its payload and what a reaction may answer (the caller shows it, e.g. the score run
 * that closing a campaign made). Reactions run in the order they subscribed, awaited one by one.
 */
export interface DomainEvents {
  /** A public-evaluation campaign was closed: its results are unsealed and may feed a score run. */
  'campaign.closed': {
    payload: { campaignId: number; schemeCode: string | null; year: number; principal: Principal; audit: AuditContext };
    answer: { id: number } | null;
  };
}

type Reaction<K extends keyof DomainEvents> = (payload: DomainEvents[K]['payload']) => Promise<DomainEvents[K]['answer']>;

export class DomainEventBus {
  private readonly reactions = new Map<keyof DomainEvents, ((payload: never) => Promise<unknown>)[]>();

  on<K extends keyof DomainEvents>(name: K, reaction: Reaction<K>): void {
    this.reactions.set(name, [...(this.reactions.get(name) ?? []), reaction]);
  }

  /** Runs every reaction to the event and returns their answers (none when nothing subscribed). */
  async emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]['payload']): Promise<DomainEvents[K]['answer'][]> {
    const answers: DomainEvents[K]['answer'][] = [];
    for (const react of this.reactions.get(name) ?? []) answers.push(await (react as Reaction<K>)(payload));
    return answers;
  }
}
